"""Numbers as Vietnamese readers expect them: decimal comma, percentages rounded half up."""

from __future__ import annotations

from decimal import Decimal


def percent(part: int, whole: int) -> int:
    """A whole percentage rounded half up (no banker's rounding: 12.5 % shows as 13 %)."""
    return (200 * part + whole) // (2 * whole) if whole else 0


def vn_number(value: Decimal | float | int) -> str:
    """99.5 → "99,5"; 100.0 → "100" (Vietnamese decimal comma, no trailing zeros)."""
    number = value if isinstance(value, Decimal) else Decimal(str(value))
    text = format(number.normalize(), "f") if number == number.to_integral_value() else format(number, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")
