"""Charts drawn as inline SVG at build time: no script, no library at run time.

Each chart is an image with a title and a description that say in words what it shows; bars carry
their figures as text and states are told apart by pattern as well as colour, so that neither a
screen reader nor a black-and-white printout loses the meaning. The drawing is 360 units wide, the
width of a phone, so its text stays legible there; wider screens scale it up to a cap set in CSS.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from html import escape

from markupsafe import Markup

WIDTH = 360
FONT = 15


@dataclass(frozen=True)
class Segment:
    key: str
    label: str
    value: int


@dataclass(frozen=True)
class BarRow:
    label: str
    segments: tuple[Segment, ...]


@dataclass(frozen=True)
class ChartColumn:
    label: str
    value: Decimal | None
    value_text: str
    note: str
    """Under the period: "Đạt", "Chưa đạt", "Năm gốc"..."""


# Fill and pattern per segment key: solid for done, hatched for overdue, light dots for pending.
_STYLES = {
    "done": ("#1b5e20", None),
    "overdue": ("#ffffff", "hatch"),
    "pending": ("#ffffff", "dots"),
}


def _number(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text if text != "-0" else "0"


def _defs(prefix: str) -> str:
    return (
        "<defs>"
        f'<pattern id="{prefix}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
        '<rect width="6" height="6" fill="#ffffff"/><rect width="3" height="6" fill="#a51d1d"/></pattern>'
        f'<pattern id="{prefix}-dots" width="6" height="6" patternUnits="userSpaceOnUse">'
        '<rect width="6" height="6" fill="#ffffff"/><circle cx="3" cy="3" r="1.2" fill="#4a4a4a"/></pattern>'
        "</defs>"
    )


def _fill(prefix: str, key: str) -> str:
    colour, pattern = _STYLES[key]
    return f"url(#{prefix}-{pattern})" if pattern else colour


def _head(prefix: str, title: str, description: str, height: int) -> list[str]:
    return [
        f'<svg class="cchc-chart" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" role="img" '
        f'aria-labelledby="{prefix}-title {prefix}-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{prefix}-title">{escape(title)}</title>',
        f'<desc id="{prefix}-desc">{escape(description)}</desc>',
        _defs(prefix),
    ]


def stacked_bars(
    prefix: str, title: str, description: str, legend: tuple[tuple[str, str], ...], rows: tuple[BarRow, ...]
) -> Markup:
    """One labelled horizontal bar per row, split into segments whose widths add up to the row's
    total; `legend` pairs a segment key with its label."""
    line = FONT + 7
    legend_height = line * len(legend) + 6
    row_height = 46
    height = legend_height + row_height * len(rows)
    parts = _head(prefix, title, description, height)
    for index, (key, label) in enumerate(legend):
        y = index * line + 2
        parts.append(
            f'<rect x="1" y="{y}" width="24" height="14" fill="{_fill(prefix, key)}" stroke="#333333"/>'
            f'<text x="32" y="{y + 12}" font-size="{FONT}">{escape(label)}</text>'
        )
    for index, row in enumerate(rows):
        top = legend_height + index * row_height
        parts.append(
            f'<text x="0" y="{top + FONT + 2}" font-size="{FONT}" font-weight="700">{escape(row.label)}</text>'
        )
        total = sum(segment.value for segment in row.segments)
        x, bar_top, bar_width = 1.0, top + FONT + 8, WIDTH - 2
        for segment in row.segments:
            if not total or not segment.value:
                continue
            width = bar_width * segment.value / total
            parts.append(
                f'<rect x="{_number(x)}" y="{bar_top}" width="{_number(width)}" height="18" fill="{_fill(prefix, segment.key)}"/>'
            )
            x += width
        parts.append(f'<rect x="1" y="{bar_top}" width="{bar_width}" height="18" fill="none" stroke="#333333"/>')
    parts.append("</svg>")
    return Markup("".join(parts))


def _nice_ceiling(value: Decimal) -> Decimal:
    step = Decimal(10)
    while value > step * 10:
        step *= 10
    return ((value // step) + 1) * step if value % step or value == 0 else value


@dataclass(frozen=True)
class _Scale:
    """The linear vertical scale of `columns`: 0 at the `bottom` line, `maximum` at the `top` one."""

    maximum: Decimal
    top: int
    bottom: int

    def y(self, value: Decimal) -> float:
        return self.bottom - float(value / self.maximum) * (self.bottom - self.top)


def _gridlines(scale: _Scale, left: int) -> list[str]:
    """Lines at 0, half and the maximum, each with its figure at the left."""
    lines = []
    for tick in (Decimal(0), scale.maximum / 2, scale.maximum):
        y = _number(scale.y(tick))
        lines.append(
            f'<line x1="{left}" y1="{y}" x2="{WIDTH}" y2="{y}" stroke="#c8c8c8"/>'
            f'<text x="{left - 4}" y="{_number(scale.y(tick) + 4)}" font-size="12" text-anchor="end">{_number(float(tick))}</text>'
        )
    return lines


def _column(item: ChartColumn, centre: float, slot: float, scale: _Scale) -> str:
    """One period: its bar with the figure above (or "Chưa có số liệu"), its label and note below."""
    bottom = scale.bottom
    if item.value is not None:
        width = slot * 0.5
        y = scale.y(item.value)
        drawn = (
            f'<rect x="{_number(centre - width / 2)}" y="{_number(y)}" width="{_number(width)}" '
            f'height="{_number(bottom - y)}" fill="#0d4a8c"/>'
            f'<text x="{_number(centre)}" y="{_number(y - 4)}" font-size="14" font-weight="700" text-anchor="middle">{escape(item.value_text)}</text>'
        )
    else:
        drawn = (
            f'<text x="{_number(centre)}" y="{bottom - 28}" font-size="13" text-anchor="middle">Chưa có</text>'
            f'<text x="{_number(centre)}" y="{bottom - 12}" font-size="13" text-anchor="middle">số liệu</text>'
        )
    return drawn + (
        f'<text x="{_number(centre)}" y="{bottom + 18}" font-size="13" text-anchor="middle">{escape(item.label)}</text>'
        f'<text x="{_number(centre)}" y="{bottom + 36}" font-size="13" font-weight="700" text-anchor="middle">{escape(item.note)}</text>'
    )


def columns(
    prefix: str,
    title: str,
    description: str,
    items: tuple[ChartColumn, ...],
    maximum: Decimal | None,
    target: Decimal | None,
    target_text: str,
) -> Markup:
    """Vertical bars per period on a linear scale from 0, the target as a dashed line, each bar with
    its figure written above it and a note below; a missing value is written, never drawn."""
    height, left = 250, 34
    values = [item.value for item in items if item.value is not None] + ([target] if target is not None else [])
    scale_max = maximum if maximum is not None else _nice_ceiling(max(values, default=Decimal(10)))
    scale = _Scale(scale_max, top=26, bottom=180)
    parts = _head(prefix, title, description, height)
    parts.extend(_gridlines(scale, left))
    slot = (WIDTH - left) / max(len(items), 1)
    for index, item in enumerate(items):
        parts.append(_column(item, left + slot * index + slot / 2, slot, scale))
    parts.append(f'<line x1="{left}" y1="{scale.bottom}" x2="{WIDTH}" y2="{scale.bottom}" stroke="#333333"/>')
    if target is not None:
        y = _number(scale.y(target))
        parts.append(
            f'<line x1="{left}" y1="{y}" x2="{WIDTH}" y2="{y}" stroke="#a51d1d" stroke-width="2" stroke-dasharray="6 4"/>'
            f'<text x="{WIDTH - 2}" y="{height - 4}" font-size="13" text-anchor="end">{escape(target_text)}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))
