"""Person-facing wording from content/<lang>/*.yml, so writers change words without touching code."""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

import yaml

CONTENT_ROOT = Path(__file__).resolve().parents[3] / "content"
DEFAULT_LANG = "en"
# The files whose entries are explanations (keys "explanations.<dotted key>" whichever file
# holds them): explanations.yml, and moving_on.yml for moving on, getting out, complaints and
# the review for young people. A top-level key may live in one file only.
EXPLANATION_FILES = ("explanations", "moving_on")
_LANG_TAG = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
# One citation: a report of content/sources.yml with a line or line range ("002 1371-1392"),
# or a public rule named there ("rule:pcp-1993-s2").
_REPORT_CITATION = re.compile(r"^(?P<report>\d{3}) (?P<first>\d+)(?:-(?P<last>\d+))?$")
_RULE_CITATION = re.compile(r"^rule:(?P<rule>[a-z0-9-]+)$")
# An entry with no citation says why: "none: instruction", or "product: letters" for words
# about how My Plan itself works (its tests check those, not a report).
_NO_CITATION = re.compile(r"^(?P<kind>none|product): (?P<note>[a-z][a-z ,'-]*)$")
# libyaml's loader reads the same YAML about six times faster than PyYAML's own (all six
# languages: about 1 s, not 7, the first time a process needs them).
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class Citation(NamedTuple):
    """One place a fact comes from: a report's lines, or a named public rule."""

    ref: str  # a report id ("002") or a rule id ("pcp-1993-s2")
    first: int | None = None
    last: int | None = None

    @property
    def is_rule(self) -> bool:
        """True for a public rule, which has no lines."""
        return self.first is None

    def __str__(self) -> str:
        if self.is_rule:
            return f"rule:{self.ref}"
        return f"{self.ref} {self.first}" + (f"-{self.last}" if self.last != self.first else "")


@dataclass(frozen=True)
class Source:
    """Where an entry's facts come from, or why it needs no source.

    kind is "cited" (citations hold where), "product" (how My Plan works) or "none" (an
    instruction, a heading or a kind word: nothing a person could act on as a fact).
    """

    kind: str
    citations: tuple[Citation, ...] = ()
    note: str = ""

    @property
    def factual(self) -> bool:
        """True when the entry states facts about the world, so needs citations."""
        return self.kind == "cited"

    def __str__(self) -> str:
        return ", ".join(map(str, self.citations)) if self.factual else f"{self.kind}: {self.note}"


MISSING = Source("missing")


def parse_source(raw: Any, where: str) -> Source:
    """A `source:` field as written in content/en: a list of citations, or "none: why".

    A malformed field fails at load time, so a typo never passes as a source.
    """
    if raw is None:
        return MISSING
    if isinstance(raw, str):
        found = _NO_CITATION.match(raw.strip())
        if found:
            return Source(found["kind"], note=found["note"])
        raw = [raw]
    if not isinstance(raw, list) or not raw:
        raise ValueError(f"{where}: source should be a list of citations or 'none: why'")
    return Source("cited", tuple(_citation(str(item).strip(), where) for item in raw))


def _citation(text: str, where: str) -> Citation:
    report = _REPORT_CITATION.match(text)
    if report:
        first = int(report["first"])
        last = int(report["last"] or first)
        if last < first:
            raise ValueError(f"{where}: lines run backwards in {text!r}")
        return Citation(report["report"], first, last)
    rule = _RULE_CITATION.match(text)
    if rule:
        return Citation(rule["rule"])
    raise ValueError(f"{where}: {text!r} is not a citation ('002 1371-1392' or 'rule:ID')")


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
    source: Source = MISSING


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
    source: Source = MISSING


class Entry(NamedTuple):
    """One piece of wording a person reads, under a key that stays the same across edits.

    Keys: "explanations.<dotted key>", "glossary.<term key>", "values.<field>.<value>". A staff
    review page lists these; translators and reviewers find an entry by its key.
    """

    key: str
    source: Source
    plain: str
    easy: tuple[str, ...]
    names: tuple[str, ...] = ()  # a glossary entry's term, and what it stands for if anything

    @property
    def words(self) -> tuple[str, ...]:
        """Everything a person reads of the entry, in order: what a review confirms."""
        return (*self.names, self.plain, *self.easy)


@dataclass(frozen=True, eq=False)
class Content:
    """All the wording for one language, with English filling any gaps."""

    lang: str
    labels: dict[str, dict[str, str]]
    explanations: dict[str, Explanation]
    glossary: tuple[GlossaryTerm, ...]
    label_sources: dict[str, dict[str, Source]] = field(default_factory=dict)

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
            raise KeyError(f"no explanation {key!r} in content/{self.lang}/{EXPLANATION_FILES}") from None

    def term(self, key: str) -> GlossaryTerm:
        """One glossary entry by its key."""
        for entry in self.glossary:
            if entry.key == key:
                return entry
        raise KeyError(f"no glossary term {key!r} in content/{self.lang}/glossary.yml")

    def entries(self) -> Iterator[Entry]:
        """Every explanation, glossary term and label, each with its stable key and source."""
        for key, explanation in self.explanations.items():
            yield Entry(f"explanations.{key}", explanation.source, explanation.plain,
                        tuple(item.text for item in explanation.easy))
        for term in self.glossary:
            yield Entry(f"glossary.{term.key}", term.source, term.plain, (term.easy,),
                        tuple(name for name in (term.term, term.stands_for) if name))
        for name, labels in self.labels.items():
            for value, words in labels.items():
                source = self.label_sources.get(name, {}).get(value, MISSING)
                yield Entry(f"values.{name}.{value}", source, words, ())


class Register(NamedTuple):
    """content/sources.yml: the reports (with their line counts) and the public rules cited."""

    reports: dict[str, dict[str, Any]]
    rules: dict[str, dict[str, Any]]

    def problems(self, source: Source) -> list[str]:
        """What is wrong with a source: an unknown report or rule, or lines past the report's end."""
        found = []
        for citation in source.citations:
            if citation.is_rule:
                if citation.ref not in self.rules:
                    found.append(f"{citation}: no such rule in content/sources.yml")
                continue
            report = self.reports.get(citation.ref)
            if report is None:
                found.append(f"{citation}: no such report in content/sources.yml")
            elif not 1 <= citation.first <= citation.last <= report["lines"]:
                found.append(f"{citation}: report {citation.ref} has {report['lines']} lines")
        return found

    def describe(self, citation: Citation) -> str:
        """A citation in words for staff: the report's or rule's title, and the lines."""
        if citation.is_rule:
            return self.rules[citation.ref]["title"]
        lines = (f"line {citation.first}" if citation.first == citation.last
                 else f"lines {citation.first}-{citation.last}")
        return f"{self.reports[citation.ref]['title']}, {lines}"


@lru_cache(maxsize=1)
def register() -> Register:
    """The sources register, loaded once."""
    raw = yaml.load((CONTENT_ROOT / "sources.yml").read_text("utf-8"), Loader=_YAML_LOADER)
    return Register(reports={str(k): v for k, v in raw["reports"].items()}, rules=raw["rules"])


@lru_cache(maxsize=32)
def content_for(lang: str = DEFAULT_LANG) -> Content:
    """Wording for a language tag, loaded once; missing strings fall back to English one by one.

    Glossary terms keep their English `match` patterns in every language: staff write in
    English, so that is what the jargon finder looks for (_merge keeps English order, so the
    two lists line up). Sources are always the English ones: a translation says the same
    thing, so it rests on the same place.
    """
    if not _LANG_TAG.match(lang):
        raise ValueError(f"not a language tag: {lang!r}")
    english = _load_dir(DEFAULT_LANG)
    raw = english
    for tag in _fallback_chain(lang):
        raw = _merge(raw, _load_dir(tag))
    english_sources = {key: e.source for key, e in _flatten(_explanation_tree(english))}
    return Content(
        lang=lang,
        labels=raw.get("values", {}),
        explanations={key: replace(e, source=english_sources[key])
                      for key, e in _flatten(_explanation_tree(raw))},
        glossary=tuple(_term(entry | {"match": source["match"], "source": source.get("source")})
                       for entry, source in zip(raw.get("glossary", []), english.get("glossary", []))),
        label_sources={name: {value: parse_source(raw_source, f"value_sources.yml {name}.{value}")
                              for value, raw_source in values.items()}
                       for name, values in (english.get("value_sources") or {}).items()},
    )


def _explanation_tree(files: dict[str, Any]) -> dict[str, Any]:
    """The explanation files of one language laid side by side under their top-level keys."""
    tree: dict[str, Any] = {}
    for name in EXPLANATION_FILES:
        part = files.get(name) or {}
        clash = sorted(set(tree) & set(part))
        if clash:
            raise ValueError(f"{name}.yml: {clash} already in another explanation file")
        tree.update(part)
    return tree


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
    return {path.stem: yaml.load(path.read_text("utf-8"), Loader=_YAML_LOADER) or {}
            for path in sorted(folder.glob("*.yml"))}


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
    return Explanation(key=key, plain=node["plain"].strip(), easy=items,
                       source=parse_source(node.get("source"), f"explanations.yml {key}"))


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
            source=parse_source(entry.get("source"), f"glossary.yml {entry['key']}"),
        )
    except (KeyError, TypeError, AttributeError):
        raise ValueError(f"glossary.yml: entry {entry!r} is missing a field") from None
