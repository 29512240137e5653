import io
import zipfile

from cchc.base import zips


def _archive(*names: str, made: tuple = (2024, 5, 6, 7, 8, 10)) -> bytes:
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_STORED) as archive:
        for name in names:
            archive.writestr(zipfile.ZipInfo(name, date_time=made), f"nội dung {name}")
    return raw.getvalue()


def test_every_member_carries_the_given_time_and_the_same_attributes():
    data = zips.stamped(_archive("a.xml", "b/c.xml"), (2025, 3, 31, 0, 0, 0))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        infos = archive.infolist()
        assert [info.filename for info in infos] == ["a.xml", "b/c.xml"]
        assert {info.date_time for info in infos} == {(2025, 3, 31, 0, 0, 0)}
        assert {(info.compress_type, info.external_attr, info.create_system) for info in infos} == {
            (zipfile.ZIP_DEFLATED, 0o644 << 16, 0)
        }
        assert archive.read("b/c.xml") == "nội dung b/c.xml".encode()


def test_the_same_content_made_at_different_times_gives_the_same_bytes():
    earlier, later = _archive("a.xml"), _archive("a.xml", made=(2025, 1, 2, 3, 4, 6))
    assert earlier != later
    assert zips.stamped(earlier, (1980, 1, 1, 0, 0, 0)) == zips.stamped(later, (1980, 1, 1, 0, 0, 0))
