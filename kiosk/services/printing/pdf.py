"""Turn finished HTML into an accessible PDF that can load only the app's own files.

Staff text reaches the PDF as escaped data in the HTML; this renderer adds the other half of
the safety: WeasyPrint may fetch the app's stylesheets, pictures and fonts from disk, and
nothing else, so a stray address in a record can never reach the network or the file system.
"""
from __future__ import annotations

import logging
import re
import unicodedata
from pathlib import Path
from typing import BinaryIO
from urllib.parse import unquote, urlsplit

import emoji
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from kiosk.assets import GOVUK_DIST, ICONS

STATIC_ROOT = Path(__file__).resolve().parents[2] / "static"
# A host that can never resolve (RFC 2606): relative links in print templates join onto it,
# and only the fetcher below knows how to answer for it.
BASE_URL = "http://kiosk.invalid/"
_HOST = urlsplit(BASE_URL).hostname
# URL path prefix -> folder on disk, matching the routes in kiosk/assets.py and Flask's static.
_ROOTS = {
    "/static/": STATIC_ROOT,
    "/pictures/": ICONS,
    "/assets/": GOVUK_DIST / "assets",
}
_TYPES = {".css": "text/css", ".svg": "image/svg+xml", ".png": "image/png",
          ".woff2": "font/woff2", ".woff": "font/woff", ".ttf": "font/ttf"}
PDF_VARIANT = "pdf/ua-1"
# Parsed pictures, kept between documents: only the app's own files can ever get in (the
# fetcher refuses the rest), so it holds at most one entry per picture the packs use.
_PICTURES: dict = {}

log = logging.getLogger(__name__)
# Characters beyond the Basic Multilingual Plane (emoji and rarer scripts).
_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")


class RefusedURL(ValueError):
    """The renderer was asked for something that is not one of the app's own files."""


def local_file_for(url: str) -> Path:
    """The file on disk behind one of the app's own URLs; anything else is refused."""
    parts = urlsplit(url)
    if parts.scheme != "http" or parts.hostname != _HOST or parts.port is not None:
        raise RefusedURL(f"not one of the app's own files: {url[:200]}")
    path = unquote(parts.path)
    for prefix, root in _ROOTS.items():
        if path.startswith(prefix):
            candidate = (root / path.removeprefix(prefix)).resolve()
            if candidate.is_file() and candidate.is_relative_to(root.resolve()):
                return candidate
    raise RefusedURL(f"no such app file: {url[:200]}")


class AppFilesOnly(URLFetcher):
    """A WeasyPrint fetcher that reads the app's own files from disk and refuses the rest."""

    def fetch(self, url, headers=None):
        """Serve one app file, or raise so WeasyPrint leaves the resource out."""
        try:
            file = local_file_for(url)
        except RefusedURL:
            log.warning("print renderer refused %s", url[:200])
            raise
        return URLFetcherResponse(
            url, file.read_bytes(), {"Content-Type": _TYPES.get(file.suffix, "application/octet-stream")})


def printable(text: str) -> str:
    """Emoji, and any other character beyond the Basic Multilingual Plane, written as their
    names in brackets, e.g. "[family man woman girl boy]". No print font draws them, and
    PDF readers lose the whole text layer of a page over one (a family emoji in a letter took
    the name, the date and the letter with it)."""
    text = emoji.replace_emoji(text, replace=_emoji_name)
    return _ASTRAL.sub(lambda found: f"[{unicodedata.name(found.group(), 'symbol').lower()}]", text)


def _emoji_name(_chars: str, data: dict) -> str:
    return f"[{data['en'].strip(':').replace('_', ' ')}]"


def render_pdf(html: str, *, lang: str, target: BinaryIO | str | Path | None = None) -> bytes | None:
    """Render tagged PDF/UA-1 in the given language; the title comes from the HTML <title>.

    Pass `target` (a path or binary file) to write there instead of returning bytes, which
    keeps big batches out of memory.
    """
    document = HTML(string=printable(html), base_url=BASE_URL, url_fetcher=AppFilesOnly(allowed_protocols=("http",)))
    rendered = document.render(pdf_variant=PDF_VARIANT, cache=_PICTURES)
    rendered.metadata.lang = lang
    return rendered.write_pdf(target, pdf_variant=PDF_VARIANT)
