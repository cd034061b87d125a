"""Person-facing wording from content/<lang>/*.yml, so writers change words without touching code."""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

import yaml

CONTENT_ROOT = Path(__file__).resolve().parents[2] / "content"
DEFAULT_LANG = "en"
_LANG_TAG = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


class EasyItem(NamedTuple):
    """One easy-read line: a single short sentence and the picture shown beside it."""

    text: str
    picture: str


@dataclass(frozen=True)
class Explanation:
    """One thing explained twice: in plain sentences and as easy-read lines with pictures."""

    key: str
    plain: str
    easy: tuple[EasyItem, ...]


@dataclass(frozen=True)
class GlossaryTerm:
    """A word staff use, how to spot it in their text, and what it means for the person."""

    key: str
    term: str
    stands_for: str
    match: tuple[str, ...]
    plain: str
    easy: str
    picture: str


@dataclass(frozen=True, eq=False)
class Content:
    """All the wording for one language, with English filling any gaps."""

    lang: str
    labels: dict[str, dict[str, str]]
    explanations: dict[str, Explanation]
    glossary: tuple[GlossaryTerm, ...]

    def label(self, field: str, value: str) -> str:
        """Short words for one record value, so no page ever shows a raw code."""
        try:
            return self.labels[field][value]
        except KeyError:
            raise KeyError(f"no label for {field}.{value} in content/{self.lang}/values.yml") from None

    def explain(self, key: str) -> Explanation:
        """The explanation at a dotted key; an unknown key fails loudly so typos surface in tests."""
        try:
            return self.explanations[key]
        except KeyError:
            raise KeyError(f"no explanation {key!r} in content/{self.lang}/explanations.yml") from None

    def term(self, key: str) -> GlossaryTerm:
        """One glossary entry by its key."""
        for entry in self.glossary:
            if entry.key == key:
                return entry
        raise KeyError(f"no glossary term {key!r} in content/{self.lang}/glossary.yml")


@lru_cache(maxsize=32)
def content_for(lang: str = DEFAULT_LANG) -> Content:
    """Wording for a language tag, loaded once; missing strings fall back to English one by one.

    Glossary terms keep their English `match` patterns in every language: staff write in
    English, so that is what the jargon finder looks for (_merge keeps English order, so the
    two lists line up).
    """
    if not _LANG_TAG.match(lang):
        raise ValueError(f"not a language tag: {lang!r}")
    english = _load_dir(DEFAULT_LANG)
    raw = english
    for tag in _fallback_chain(lang):
        raw = _merge(raw, _load_dir(tag))
    return Content(
        lang=lang,
        labels=raw.get("values", {}),
        explanations=dict(_flatten(raw.get("explanations", {}))),
        glossary=tuple(_term(entry | {"match": source["match"]})
                       for entry, source in zip(raw.get("glossary", []), english.get("glossary", []))),
    )


def _fallback_chain(lang: str) -> list[str]:
    """From the broad language to the exact tag ("pt", then "pt-BR"), English excluded."""
    parts = lang.split("-")
    tags = ["-".join(parts[: i + 1]) for i in range(len(parts))]
    return [tag for tag in tags if tag != DEFAULT_LANG]


def _load_dir(lang: str) -> dict[str, Any]:
    """Every YAML file of one language, keyed by file name; an absent language is empty."""
    folder = CONTENT_ROOT / lang
    if not folder.is_dir():
        return {}
    return {path.stem: yaml.safe_load(path.read_text("utf-8")) or {} for path in sorted(folder.glob("*.yml"))}


def _merge(base: Any, override: Any) -> Any:
    """Lay a translation over English: mappings key by key, glossary lists entry by entry."""
    if override is None:
        return base
    if isinstance(base, dict) and isinstance(override, dict):
        return {key: _merge(value, override[key]) if key in override else value for key, value in base.items()}
    if isinstance(base, list) and isinstance(override, list) and all(isinstance(e, dict) and "key" in e for e in base):
        by_key = {entry["key"]: entry for entry in override if isinstance(entry, dict)}
        return [_merge(entry, by_key.get(entry["key"], {})) for entry in base]
    return override


def _flatten(tree: dict[str, Any], prefix: str = "") -> Iterator[tuple[str, Explanation]]:
    """Walk nested mappings to dotted keys; a mapping holding `plain` is an explanation."""
    for name, node in tree.items():
        key = f"{prefix}{name}"
        if not isinstance(node, dict):
            raise ValueError(f"explanations.yml: {key} should be a mapping")
        if "plain" in node:
            yield key, _explanation(key, node)
        else:
            yield from _flatten(node, key + ".")


def _explanation(key: str, node: dict[str, Any]) -> Explanation:
    """Check one explanation's shape at load time, so a broken file fails at start-up."""
    easy = node.get("easy")
    if not isinstance(node["plain"], str) or not isinstance(easy, list) or not easy:
        raise ValueError(f"explanations.yml: {key} needs plain text and a list of easy items")
    try:
        items = tuple(EasyItem(str(item["text"]), str(item["picture"])) for item in easy)
    except (KeyError, TypeError):
        raise ValueError(f"explanations.yml: every easy item of {key} needs text and picture") from None
    return Explanation(key=key, plain=node["plain"].strip(), easy=items)


def _term(entry: dict[str, Any]) -> GlossaryTerm:
    """One glossary entry from YAML; every field is required except stands_for."""
    try:
        return GlossaryTerm(
            key=entry["key"],
            term=entry["term"],
            stands_for=entry.get("stands_for") or "",
            match=tuple(entry["match"]),
            plain=entry["plain"].strip(),
            easy=entry["easy"].strip(),
            picture=entry["picture"],
        )
    except (KeyError, TypeError, AttributeError):
        raise ValueError(f"glossary.yml: entry {entry!r} is missing a field") from None
