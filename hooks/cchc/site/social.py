"""Link previews (Open Graph, Twitter card) for Zalo and Facebook: absolute URLs, Vietnamese locale."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urljoin

DEFAULT_IMAGE = "assets/cchc-chia-se.png"
DEFAULT_IMAGE_SIZE = (1200, 630)


@dataclass(frozen=True)
class SocialTags:
    title: str
    description: str
    url: str
    image: str
    image_alt: str
    image_size: tuple[int, int] | None
    type: str
    site_name: str
    locale: str = "vi_VN"
    card: str = "summary_large_image"


def social_tags(
    *,
    meta: dict,
    page_title: str | None,
    page_url: str,
    is_homepage: bool,
    site_url: str,
    site_name: str,
    site_description: str | None,
) -> SocialTags:
    """Tags for one page. Article pages give `title`, `description` and `image` (a path from the
    docs folder to the cover) in their front matter; every other page gets the column's defaults."""
    base = site_url if site_url.endswith("/") else site_url + "/"
    title = str(meta.get("title") or page_title or site_name)
    description = str(meta.get("description") or site_description or site_name)
    cover = meta.get("image")
    image_path = str(cover).lstrip("/") if cover else DEFAULT_IMAGE
    return SocialTags(
        title=title,
        description=" ".join(description.split()),
        url=urljoin(base, page_url),
        image=urljoin(base, image_path),
        # The default image reads "Chuyên mục" over the column's and the school's names.
        image_alt=title if cover else f"Chuyên mục {site_name}",
        image_size=None if cover else DEFAULT_IMAGE_SIZE,
        type="website" if is_homepage else "article",
        site_name=site_name,
    )
