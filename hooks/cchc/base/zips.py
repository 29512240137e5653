"""Deterministic zip archives: Office files (.xlsx, .docx) are zips whose writers stamp each
member with the clock, so the same content made twice would give different bytes."""

from __future__ import annotations

import io
import zipfile

ZipTime = tuple[int, int, int, int, int, int]


def stamped(data: bytes, date_time: ZipTime) -> bytes:
    """The same archive with every member dated `date_time`, deflated, with the same attributes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            info = zipfile.ZipInfo(member.filename, date_time=date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 0
            target.writestr(info, source.read(member.filename))
    return out.getvalue()
