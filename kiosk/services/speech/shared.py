"""Which sentences are the app's own wording, the same for everyone, and which are personal.

Only the app's own wording is kept on disk as audio: it is in this repository for anyone to
read, so a copy of the cache gives nothing away. Everything else (names, dates, staff text, a
person's letters, and any sentence that mixes them with our words) counts as personal.

A sentence is ours only if it is, word for word in its language, a sentence of content/<lang>
or of the interface catalogue, cut into sentences the same way as pages are. Strings with a
place for a value ("Hello, %(name)s") are never ours. When in doubt, personal.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from babel.messages.pofile import read_po

from kiosk.services.wording.content import content_for

from .sentences import Sentence, split_sentences

TRANSLATIONS = Path(__file__).resolve().parents[3] / "translations"
_PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}")


def is_shared(sentence: Sentence) -> bool:
    """True when the sentence is entirely our own wording, in one language."""
    return len(sentence.runs) == 1 and sentence.text in own_wording(sentence.language)


@lru_cache(maxsize=16)
def own_wording(language: str) -> frozenset[str]:
    """Every sentence of our wording in one language (read once per process)."""
    texts = _content_texts(language) + _catalogue_texts(language)
    return frozenset(sentence for text in texts if not _PLACEHOLDER.search(text)
                     for sentence in split_sentences(text))


def _content_texts(language: str) -> list[str]:
    """Labels, explanations and glossary entries (the pages have loaded them already)."""
    words = content_for(language)
    texts = [label for labels in words.labels.values() if isinstance(labels, dict)
             for label in labels.values() if isinstance(label, str)]
    for explanation in words.explanations.values():
        texts += [explanation.plain, *(item.text for item in explanation.easy)]
    for term in words.glossary:
        texts += [term.term, term.stands_for, term.plain, term.easy]
    return texts


def _catalogue_texts(language: str) -> list[str]:
    """Interface strings: the English originals, or a language's translations."""
    path = (TRANSLATIONS / "messages.pot" if language == "en"
            else TRANSLATIONS / language / "LC_MESSAGES" / "messages.po")
    if not path.exists():
        return []
    with path.open("rb") as file:
        catalogue = read_po(file)
    texts = []
    for message in catalogue:
        if not message.id or message.fuzzy:
            continue
        value = message.id if language == "en" else message.string
        texts += [value] if isinstance(value, str) else list(value)
    return [text for text in texts if text]
