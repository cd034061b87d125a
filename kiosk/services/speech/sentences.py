"""The sentences of a page's main text, found in the rendered HTML, so that each one can be
spoken on its own and highlighted while it is read.

One pass over the HTML does both jobs: it wraps every piece of a sentence's text in
`<span class="app-sentence" data-sentence="N">` for the player, and lists the sentences with
the language of each part. The audio route runs the same pass over the same page rendered
again, so sentence N there is sentence N on the screen (the spans it added itself change
nothing: they are inline and carry no text of their own).

What counts:
- a sentence never runs across a block (paragraph, list item, heading, table cell, button...);
  inside one it ends at a full stop, colon, question or exclamation mark (not after an initial
  such as the "S." of "Officer S. Bell"), or at a blank line;
- each part keeps the language its element says (`lang`), so English staff text inside a Polish
  page is read by the English voice;
- text that is not shown is not read: scripts, form values, options, anything `hidden`,
  `aria-hidden` or only for screen readers (`govuk-visually-hidden`);
- a glossary meaning inside staff text (`.app-term__meaning`) is a sentence of its own, set
  aside: the player reads it when the person opens the term, not as part of the page.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from hashlib import sha256
from html import escape
from html.parser import HTMLParser
from typing import NamedTuple

from markupsafe import Markup

from .spoken import spoken
from .voices import voice_for

# A sentence never runs across the start or end of one of these.
BLOCKS = frozenset({
    "address", "article", "aside", "blockquote", "br", "button", "caption", "dd", "details",
    "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1",
    "h2", "h3", "h4", "h5", "h6", "header", "hr", "label", "legend", "li", "main", "nav", "ol",
    "p", "pre", "section", "summary", "table", "td", "th", "tr", "ul",
})
# Text inside these is never read: it is code, a value in a form, or not text at all.
SILENT = frozenset({
    "audio", "canvas", "iframe", "math", "noscript", "object", "option", "script", "select",
    "style", "svg", "template", "textarea", "video",
})
VOID = frozenset({
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
    "track", "wbr",
})
RAW_TEXT = frozenset({"script", "style"})  # their text is not escaped in HTML
TERM_CLASSES = frozenset({"app-term", "app-term__summary"})  # a term inside a line of text
ASIDE_CLASS = "app-term__meaning"
HIDDEN_CLASS = "govuk-visually-hidden"
# Long runs of words (a letter with no full stops) are cut, so no sentence takes long to make.
MAX_CHARS = 300
# Bump when the spoken form of text changes, so audio made the old way is not used again.
SPOKEN_FORMAT = "1"

_BREAK = re.compile(r"[.!?؟…:]+[\"'”’»)\]]*(?=\s|$)|\n[ \t]*\n")
_INITIAL = re.compile(r"(?:^|\s)(?:[A-Z]|Dr|Mr|Mrs|Ms|St|e\.g|i\.e)\.$", re.IGNORECASE)
_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"\w")


class Run(NamedTuple):
    """Part of a sentence in one language."""

    language: str
    text: str


@dataclass(frozen=True)
class Sentence:
    """One sentence of a page: its number there, its parts, and whether it is set aside."""

    number: int
    runs: tuple[Run, ...]
    aside: bool = False

    @property
    def text(self) -> str:
        return " ".join(run.text for run in self.runs)

    @property
    def language(self) -> str:
        return self.runs[0].language

    @property
    def spoken(self) -> tuple[tuple[str, str], ...]:
        """(espeak-ng voice, words to say) for each part."""
        return _spoken_and_key(self.runs)[0]

    @property
    def key(self) -> str:
        """Names its audio: the same words in the same voices have the same key on any page."""
        return _spoken_and_key(self.runs)[1]


@lru_cache(maxsize=8192)
def _spoken_and_key(runs: tuple[Run, ...]) -> tuple[tuple[tuple[str, str], ...], str]:
    """Worked out once per process for each sentence: most are the app's own wording, on
    every person's pages."""
    said = tuple((voice_for(run.language), spoken(run.text, run.language)) for run in runs)
    joined = "\n".join(f"{voice}\t{words}" for voice, words in said)
    return said, sha256(f"{SPOKEN_FORMAT}\n{joined}".encode("utf-8")).hexdigest()[:32]


class MarkedPage(NamedTuple):
    """A page's main text with its sentences marked, and the sentences in order."""

    html: Markup
    sentences: tuple[Sentence, ...]


def mark(html: str, language: str) -> MarkedPage:
    """Mark the sentences of a page's main part (the HTML inside <main>)."""
    reader = _SentenceReader(language, whole_page=False)
    reader.read(html)
    return MarkedPage(Markup(reader.marked_html()), reader.sentences())


def sentences_in_page(html: str) -> tuple[Sentence, ...]:
    """The sentences of a whole rendered page's <main>, numbered as `mark` numbered them."""
    reader = _SentenceReader("en", whole_page=True)
    reader.read(html)
    return reader.sentences()


def split_sentences(text: str) -> list[str]:
    """Plain text cut into sentences the same way as on a page (for the app's own wording)."""
    return [" ".join(piece.split()) for piece, _ in _pieces(text) if _WORD.search(piece)]


# ---------------------------------------------------------------------------------------------

class _Open:
    """A sentence being read: its parts so far."""

    def __init__(self, aside: bool) -> None:
        self.aside = aside
        self.parts: list[list[str]] = []  # [language, text]
        self.size = 0
        self.sentence: Sentence | None = None

    def add(self, language: str, text: str) -> None:
        if self.parts and self.parts[-1][0] == language:
            self.parts[-1][1] += text
        else:
            self.parts.append([language, text])
        self.size += len(text)

    def finish(self, number: int) -> Sentence | None:
        runs = tuple(Run(language, " ".join(text.split())) for language, text in self.parts)
        runs = tuple(run for run in runs if run.text)
        if not runs or not any(_WORD.search(run.text) for run in runs):
            return None
        self.sentence = Sentence(number, runs, self.aside)
        return self.sentence


class _Element(NamedTuple):
    tag: str
    language: str
    silent: bool
    aside: bool
    block: bool
    scope: bool  # this element is the <main> being read


class _SentenceReader(HTMLParser):
    """Reads HTML once, keeping the markup as it came and noting which sentence each piece of
    text belongs to."""

    def __init__(self, language: str, whole_page: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.page_language = language
        self.whole_page = whole_page
        self.in_scope = not whole_page
        self.stack: list[_Element] = []
        self.output: list[str | tuple[str, _Open]] = []
        self.contexts: list[_Open | None] = [None]  # the page, then any meaning set aside
        self.opened: list[_Open] = []
        self._found: tuple[Sentence, ...] | None = None

    def read(self, html: str) -> None:
        # As a plain str: pieces of a Markup stay Markup, and escaping those costs five times more.
        self.feed(str.__str__(html))
        self.close()

    # What the parser reports --------------------------------------------------------------

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.output.append(self.get_starttag_text())
        if tag == "html" and self.whole_page:
            self.page_language = _primary(dict(attrs).get("lang")) or self.page_language
        if tag in VOID:
            if tag in BLOCKS:
                self._end_sentence()
            return
        values = dict(attrs)
        classes = set((values.get("class") or "").split())
        parent = self.stack[-1] if self.stack else None
        element = _Element(
            tag=tag,
            language=_primary(values.get("lang")) or (parent.language if parent else self.page_language),
            silent=bool((parent and parent.silent) or tag in SILENT or "hidden" in values
                        or values.get("aria-hidden") == "true" or HIDDEN_CLASS in classes),
            aside=ASIDE_CLASS in classes,
            block=tag in BLOCKS and not classes & TERM_CLASSES,
            scope=self.whole_page and tag == "main" and not self.in_scope,
        )
        if element.scope:
            self.in_scope = True
        if element.block:
            self._end_sentence()
        if element.aside:
            self.contexts.append(None)
        self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs) -> None:
        self.output.append(self.get_starttag_text())
        if tag in BLOCKS:
            self._end_sentence()

    def handle_endtag(self, tag: str) -> None:
        self.output.append(f"</{tag}>")
        if not any(element.tag == tag for element in self.stack):
            return  # a stray end tag (of a void element, say): nothing to close
        while self.stack:
            element = self.stack.pop()
            if element.block:
                self._end_sentence()
            if element.aside:
                self._end_sentence()
                self.contexts.pop()
            if element.scope:
                self.in_scope = False
            if element.tag == tag:
                break

    def handle_data(self, data: str) -> None:
        element = self.stack[-1] if self.stack else None
        if element and element.tag in RAW_TEXT:
            self.output.append(data)
            return
        if not self.in_scope or (element and element.silent):
            self.output.append(escape(data, quote=False))
            return
        language = element.language if element else self.page_language
        for piece, ends in _pieces(data):
            self._add(piece, language)
            if ends:
                self._end_sentence()

    def handle_comment(self, data: str) -> None:
        self.output.append(f"<!--{data}-->")

    def handle_decl(self, decl: str) -> None:
        self.output.append(f"<!{decl}>")

    def handle_pi(self, data: str) -> None:
        self.output.append(f"<?{data}>")

    def unknown_decl(self, data: str) -> None:
        self.output.append(f"<![{data}]>")

    # Sentences ------------------------------------------------------------------------------

    def _add(self, piece: str, language: str) -> None:
        """Give a piece of text to the open sentence, or start one if the piece has words."""
        current = self.contexts[-1]
        if current is not None and current.size + len(piece) > MAX_CHARS:
            self._end_sentence()
            current = None
        if current is None:
            if not _WORD.search(piece):
                self.output.append(escape(piece, quote=False))
                return
            current = _Open(aside=len(self.contexts) > 1)
            self.contexts[-1] = current
            self.opened.append(current)
        current.add(language, piece)
        self.output.append((piece, current))

    def _end_sentence(self) -> None:
        self.contexts[-1] = None

    def sentences(self) -> tuple[Sentence, ...]:
        """Number the sentences in the order they start; drop any with no words."""
        if self._found is None:
            found: list[Sentence] = []
            for opened in self.opened:
                sentence = opened.finish(len(found) + 1)
                if sentence is not None:
                    found.append(sentence)
            self._found = tuple(found)
        return self._found

    def marked_html(self) -> str:
        """The HTML as read, each piece of a sentence in a span the player can highlight."""
        self.sentences()  # numbers the sentences
        keyed: set[int] = set()
        parts = []
        for item in self.output:
            if isinstance(item, str):
                parts.append(item)
                continue
            piece, opened = item
            sentence, text = opened.sentence, piece.strip()
            if sentence is None or not text:
                parts.append(escape(piece, quote=False))
                continue
            lead, tail = piece[: len(piece) - len(piece.lstrip())], piece[len(piece.rstrip()):]
            key = ""
            if sentence.number not in keyed:
                keyed.add(sentence.number)
                key = f' data-audio-key="{sentence.key}"'
            parts.append(f'{escape(lead, quote=False)}<span class="app-sentence" '
                         f'data-sentence="{sentence.number}"{key}>{escape(text, quote=False)}</span>'
                         f'{escape(tail, quote=False)}')
        return "".join(parts)


def _primary(tag: str | None) -> str:
    """'en' from 'en-GB'; '' when there is no language."""
    return (tag or "").split("-")[0].strip().lower()


def _pieces(text: str) -> list[tuple[str, bool]]:
    """Text cut where sentences end: (piece, whether a sentence ends after it). Whitespace
    after a break starts the next piece, so it stays outside the highlight."""
    pieces: list[tuple[str, bool]] = []
    start = 0
    for found in _BREAK.finditer(text):
        if found.group().startswith(".") and _INITIAL.search(text[start:found.end()]):
            continue
        pieces.append((text[start:found.end()], True))
        start = found.end()
    if start < len(text):
        pieces.append((text[start:], False))
    return [cut for piece in pieces for cut in _cut_long(*piece)]


def _cut_long(piece: str, ends: bool) -> list[tuple[str, bool]]:
    """A piece longer than MAX_CHARS, cut after a comma or else a space."""
    cuts = []
    while len(piece) > MAX_CHARS:
        window = piece[:MAX_CHARS]
        at = max(window.rfind(", "), window.rfind("، "))
        at = at + 1 if at > MAX_CHARS // 3 else window.rfind(" ")
        if at <= 0:
            at = MAX_CHARS
        cuts.append((piece[:at], True))
        piece = piece[at:]
    return [*cuts, (piece, ends)]
