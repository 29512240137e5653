"""Draw the default share image (docs/assets/cchc-chia-se.png) for pages without a cover.

Zalo and Facebook previews need a raster image (PNG/JPEG, 1200×630), not SVG. The image is
committed; run this again only when the school's name or the colours change:

    python -m venv /tmp/pil && /tmp/pil/bin/pip install pillow
    /tmp/pil/bin/python tests/tools/make_share_image.py

Pillow is not a dependency of the site: the build only copies the committed PNG.
"""

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

FONTS = Path("/usr/share/fonts/truetype/dejavu")
TARGET = Path(__file__).resolve().parents[2] / "docs" / "assets" / "cchc-chia-se.png"
BLUE, WHITE, PALE = "#0d4a8c", "#ffffff", "#dbe6f3"


def main() -> None:
    image = Image.new("RGB", (1200, 630), BLUE)
    draw = ImageDraw.Draw(image)
    bold = lambda size: ImageFont.truetype(str(FONTS / "DejaVuSans-Bold.ttf"), size)  # noqa: E731
    book = lambda size: ImageFont.truetype(str(FONTS / "DejaVuSans.ttf"), size)  # noqa: E731
    draw.text((80, 120), "CHUYÊN MỤC", font=bold(40), fill=PALE)
    draw.text((80, 180), "Cải cách hành chính", font=bold(80), fill=WHITE)
    draw.rectangle((80, 310, 260, 318), fill=WHITE)
    draw.text((80, 360), "Trường Mầm non", font=book(60), fill=WHITE)
    draw.text((80, 440), "Nguyễn Cư Trinh", font=bold(60), fill=WHITE)
    draw.text((80, 540), "Thành phố Hồ Chí Minh", font=book(32), fill=PALE)
    image.save(TARGET, optimize=True)


if __name__ == "__main__":
    main()
