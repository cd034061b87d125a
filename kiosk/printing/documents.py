"""A person's pack or one section, as HTML and then as PDF, in the language asked for.

Print templates use the same template helpers as the kiosk pages (explain, words_for,
jargon_in, the `day` filter), which read the language from `g`. `printing_in` sets that
language and a fresh jargon list for one document, then puts back whatever the
surrounding request had, so staff pages in English can print a pack in Polish.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from flask import g, render_template
from flask_babel import force_locale

from kiosk.i18n import babel_locale, text_direction
from kiosk.services.printing import pdf
from kiosk.services.printing.packs import Pack
from kiosk.services.wording.content import GlossaryTerm, content_for
from kiosk.templating import globals_kept

_SAVED = ("language", "jargon_seen")


@contextmanager
def printing_in(lang: str) -> Iterator[None]:
    """Render templates in `lang`, with each term spelled out once per document."""
    with globals_kept(_SAVED):
        g.language = lang
        g.jargon_seen = set()
        with force_locale(babel_locale(lang)):
            yield


def terms_used(lang: str) -> list[GlossaryTerm]:
    """The glossary terms found so far in this document's staff text, A to Z."""
    glossary = content_for(lang)
    return sorted((glossary.term(key) for key in g.get("jargon_seen", ())),
                  key=lambda term: term.term.casefold())


def pack_html(pack: Pack, *, lang: str, variant: str) -> str:
    """The finished HTML of a pack or section."""
    with printing_in(lang):
        return render_template("print/pack.html", pack=pack, lang=lang, variant=variant,
                               direction=text_direction(lang),
                               terms_used=lambda: terms_used(lang))


def pack_pdf(pack: Pack, *, lang: str, variant: str,
             target: BinaryIO | str | Path | None = None) -> bytes | None:
    """The pack as a tagged PDF (bytes, or written to `target`)."""
    return pdf.render_pdf(pack_html(pack, lang=lang, variant=variant), lang=lang, target=target)

