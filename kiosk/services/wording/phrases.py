"""The phrase bank (content/<lang>/phrases.yml): approved plain sentences for what staff write
about a person, in every language and in easy read.

Licence conditions are matched to a phrase here, from their own words, every time a page is
built: a fix to a phrase or a translation shows at once, no import is needed, and a condition
never matched wrongly stays shown as written (and flagged to staff). Matching is exact after
normalising case, spaces, punctuation and who the sentence is about, never fuzzy: a legal
duty is either said exactly or left as staff wrote it.

Staff choose phrases for decision reasons, next steps and plan actions (see
kiosk/services/staff/summaries.py); what is stored is the phrase's key and its slot values,
never the rendered words, so a translation fix reaches every summary too.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any, NamedTuple

import yaml

from kiosk.i18n import format_day
from kiosk.services.wording.content import CONTENT_ROOT, DEFAULT_LANG, EasyItem, Source, parse_source

GROUPS = ("licence_conditions", "decision_reasons", "next_steps", "plan_actions")
LICENCE = "licence_conditions"

# What each slot holds. TEXT is kept exactly as staff wrote it (a place, a course's name, a
# person's name) and marked as English; a ROLE is a key of `roles`, said in the reader's
# language; a DATE is an ISO date written the reader's way; a TIME is "19:00".
TEXT, ROLE, DATE, TIME = "text", "role", "date", "time"
SLOTS = {"place": TEXT, "programme": TEXT, "name": TEXT, "role": ROLE, "date": DATE,
         "from": TIME, "until": TIME}
_PLACEHOLDER = re.compile(r"\{(?P<name>[a-z]+)(?:\.(?P<form>[a-z]+))?\}")
FILE = "phrases.yml"


class Role(NamedTuple):
    """Who a phrase is about ("your social worker"), with the grammatical forms a language needs."""

    key: str
    words: str
    forms: Mapping[str, str]
    match: tuple[str, ...]  # how staff write it, in English (for matching licence conditions)

    def form(self, name: str | None) -> str:
        """The words in one grammatical form (a translation's {role.gen}); plain words if none."""
        if name is None:
            return self.words
        try:
            return self.forms[name]
        except KeyError:
            raise KeyError(f"role {self.key} has no form {name!r}") from None


@dataclass(frozen=True)
class Phrase:
    """One approved sentence with slots: plain (standard mode) and easy-read lines with pictures."""

    key: str
    group: str
    plain: str
    easy: tuple[EasyItem, ...]
    source: Source
    match: tuple[str, ...] = ()

    @property
    def slots(self) -> tuple[str, ...]:
        """The slot names it needs, in the order the plain words first use them."""
        return tuple(dict.fromkeys(m["name"] for m in _PLACEHOLDER.finditer(self.plain)))

    @property
    def templates(self) -> tuple[str, ...]:
        """Its plain words and each easy-read line, as written with their {slots}."""
        return (self.plain, *(item.text for item in self.easy))


@dataclass(frozen=True)
class PhraseBank:
    """Every phrase and role in one language, English filling any gap."""

    lang: str
    phrases: dict[str, Phrase]
    roles: dict[str, Role]

    def phrase(self, key: str) -> Phrase:
        """One phrase by its key; an unknown key fails loudly."""
        try:
            return self.phrases[key]
        except KeyError:
            raise KeyError(f"no phrase {key!r} in content/{self.lang}/{FILE}") from None

    def group(self, group: str) -> list[Phrase]:
        """The phrases for one use, in the file's order."""
        return [p for p in self.phrases.values() if p.group == group]


def _read(lang: str) -> dict[str, Any]:
    path = CONTENT_ROOT / lang / FILE
    return (yaml.safe_load(path.read_text("utf-8")) or {}) if path.is_file() else {}


@lru_cache(maxsize=16)
def bank(lang: str = DEFAULT_LANG) -> PhraseBank:
    """The phrase bank in a language, loaded once. Sources, slots' roles and match patterns
    are always the English ones: a translation says the same thing."""
    english, own = _read(DEFAULT_LANG), (_read(lang) if lang != DEFAULT_LANG else {})
    phrases = {}
    for group in GROUPS:
        for key, node in (english.get(group) or {}).items():
            mine = (own.get(group) or {}).get(key) or {}
            phrases[key] = _phrase(group, key, node, mine)
    roles = {}
    for key, node in (english.get("roles") or {}).items():
        mine = (own.get("roles") or {}).get(key) or {}
        roles[key] = Role(key, str(mine.get("words") or node["words"]), dict(mine.get("forms") or {}),
                          tuple(node.get("match") or ()))
    return PhraseBank(lang, phrases, roles)


def _phrase(group: str, key: str, english: dict[str, Any], own: dict[str, Any]) -> Phrase:
    """One phrase, checked at load time so a broken file fails at start-up."""
    where = f"{FILE} {group}.{key}"
    try:
        easy = tuple(EasyItem(str(item["text"]), str(item["picture"]))
                     for item in (own.get("easy") or english["easy"]))
        plain = " ".join(str(own.get("plain") or english["plain"]).split())
    except (KeyError, TypeError):
        raise ValueError(f"{where}: needs plain words and easy items with text and picture") from None
    return Phrase(key=key, group=group, plain=plain, easy=easy,
                  source=parse_source(english.get("source"), where),
                  match=tuple(english.get("match") or ()))


# Saying a phrase -------------------------------------------------------------------------------

class Part(NamedTuple):
    """A run of a said phrase; `lang` is set where the words are staff's own (English)."""

    text: str
    lang: str | None = None


class EasyLine(NamedTuple):
    parts: tuple[Part, ...]
    picture: str


@dataclass(frozen=True)
class Said:
    """A phrase in one language with its slots filled, ready to show."""

    key: str
    lang: str
    plain: tuple[Part, ...]
    easy: tuple[EasyLine, ...]

    @property
    def plain_text(self) -> str:
        return "".join(part.text for part in self.plain)

    @property
    def easy_texts(self) -> tuple[str, ...]:
        return tuple("".join(part.text for part in line.parts) for line in self.easy)


def say(key: str, values: Mapping[str, str], lang: str = DEFAULT_LANG) -> Said:
    """One phrase in a language, its slots filled from `values` (a stored choice or a match).

    :raise KeyError: an unknown phrase, a missing slot value, or an unknown role.
    """
    words = bank(lang)
    phrase = words.phrase(key)
    return Said(key, lang, fill(phrase.plain, values, words),
                tuple(EasyLine(fill(item.text, values, words), item.picture) for item in phrase.easy))


def fill(template: str, values: Mapping[str, str], words: PhraseBank) -> tuple[Part, ...]:
    """A template's words with each {slot} replaced; staff's own words keep their language."""
    parts: list[Part] = []
    position = 0
    for found in _PLACEHOLDER.finditer(template):
        if found.start() > position:
            parts.append(Part(template[position:found.start()]))
        name = found["name"]
        parts.append(_slot(SLOTS[name], values[name], found["form"], words,
                           starts_sentence=template[:found.start()].rstrip()[-1:] in ("", ".", "?", "!", ":")))
        position = found.end()
    if position < len(template):
        parts.append(Part(template[position:]))
    return tuple(parts)


def _slot(kind: str, value: str, form: str | None, words: PhraseBank, starts_sentence: bool) -> Part:
    if kind == ROLE:
        said = words.roles[value].form(form)
        return Part(said[:1].upper() + said[1:] if starts_sentence else said)
    if kind == DATE:
        try:
            return Part(format_day(date.fromisoformat(value), words.lang))
        except ValueError:
            return Part(value, DEFAULT_LANG)  # a date as staff wrote it
    if kind == TIME:
        return Part(value)
    return Part(value, DEFAULT_LANG)


# Matching licence conditions -------------------------------------------------------------------

class Match(NamedTuple):
    """A phrase that says a condition exactly, and the slot values taken from the condition."""

    key: str
    values: tuple[tuple[str, str], ...]

    @property
    def slots(self) -> dict[str, str]:
        return dict(self.values)


# A slot filled with staff's words must not hide a condition of its own ("Glasgow unless
# approved"): a match whose place, name or course holds one of these words is refused.
_GUARDED = frozenset("""unless except without if until only after before when whilst while but
    not no nor approval approved permission consent agreed during between including excluding
    where other than or""".split())
_LONGEST_SLOT = 10  # words
_ENUMERATOR = re.compile(r"^\s*\(?(?:\d{1,2}|[ivxIVX]{1,4}|[a-hA-H])[.)]\s+")
_WORD = re.compile(r"\w+")
_SUBJECTS = (("he", "she"), ("she", "he"), ("he",), ("she",), ("they",), ("you",), ("pt",),
             ("the", "licensee"), ("the", "offender"), ("the", "prisoner"))
_MODALS = frozenset({"shall", "must", "will", "is", "are", "to", "do", "does"})
_DETERMINERS = r"(?:(?:the|a|an|your|his|her|their|his her) )?"
_TIME = (r"\d{1,2} \d{2}(?:am|pm)? (?:(?:am|pm|hrs|hours) )?|\d{1,2}(?:am|pm) |\d{1,2} (?:am|pm) "
         r"|\d{4}(?:hrs)? (?:(?:hrs|hours) )?")


class _Words(NamedTuple):
    """A text as lower-case words joined by single spaces (each followed by one), with where
    each word stands in the original, so a slot's value is taken exactly as written."""

    text: str
    starts: tuple[int, ...]  # each word's offset in `text`
    spans: tuple[tuple[int, int], ...]  # each word's place in the original


def normalise(text: str) -> _Words:
    """A condition's words, ignoring case, spacing and punctuation, a leading "1." or "(a)",
    and who it is about: "He shall not", "You must not", "Do not" and "Not to" all read "not"."""
    offset = 0
    enumerator = _ENUMERATOR.match(text)
    if enumerator:
        offset = enumerator.end()
    found = [(m.group().casefold(), (m.start(), m.end())) for m in _WORD.finditer(text, offset)]
    words = [w for w, _ in found]
    start = next((len(s) for s in _SUBJECTS if tuple(words[:len(s)]) == s
                  and len(words) > len(s) and words[len(s)] in _MODALS), 0)
    i, negated = start, 0
    while i < len(words) and (words[i] in _MODALS or words[i] == "not" or words[i:i + 2] in (["don", "t"], ["doesn", "t"])):
        if words[i] in ("don", "doesn"):
            negated, i = negated + 1, i + 2
        else:
            negated, i = negated + (words[i] == "not"), i + 1
    kept = [("not", (found[start][1][0], found[start][1][0]))] if negated == 1 else []
    if negated > 1:
        i = 0  # not a shape we know: leave the words as they are, so nothing matches wrongly
    kept += found[i:]
    starts, text_out = [], []
    length = 0
    for word, _ in kept:
        starts.append(length)
        text_out.append(word + " ")
        length += len(word) + 1
    return _Words("".join(text_out), tuple(starts), tuple(span for _, span in kept))


@dataclass(frozen=True)
class _Pattern:
    key: str
    regex: re.Pattern[str]
    literal_words: int
    slots: tuple[str, ...]


def _compile(pattern: str, key: str, roles: Iterable[Role]) -> _Pattern:
    """One `match` wording as a regular expression over normalised words."""
    pieces, literal, slots = [], 0, []
    for token in re.findall(r"\{[a-z]+\}|\[[^\]]*\]|\([^)]*\)|[^\s\[\](){}]+", pattern):
        if token.startswith("{"):
            name = token[1:-1]
            if name in slots:
                raise ValueError(f"{FILE} {key}: {token} twice in {pattern!r}")
            slots.append(name)
            pieces.append(f"(?P<{name}>{_slot_pattern(SLOTS[name], roles)})")
        elif token[0] in "[(":
            choices = [normalise_words(choice) for choice in token[1:-1].split("|")]
            group = "(?:" + "|".join(re.escape(c) for c in sorted(choices, key=len, reverse=True)) + ")"
            pieces.append(group + ("?" if token[0] == "[" else ""))
            literal += token[0] == "("
        else:
            words = normalise_words(token)
            pieces.append(re.escape(words))
            literal += len(words.split())
    return _Pattern(key, re.compile("".join(pieces)), literal, tuple(slots))


def normalise_words(text: str) -> str:
    """Words as normalise() writes them, each followed by a space ("" for none)."""
    return "".join(w.casefold() + " " for w in _WORD.findall(text))


def _slot_pattern(kind: str, roles: Iterable[Role]) -> str:
    if kind == ROLE:
        spellings = sorted({normalise_words(s) for role in roles for s in role.match}, key=len, reverse=True)
        return _DETERMINERS + "(?:" + "|".join(re.escape(s) for s in spellings) + ")"
    if kind == TIME:
        return _TIME
    return rf"(?:\S+ ){{1,{_LONGEST_SLOT}}}?"


@lru_cache(maxsize=1)
def _patterns() -> tuple[_Pattern, ...]:
    """Every licence wording, those with more fixed words first (the most specific wins)."""
    english = bank(DEFAULT_LANG)
    compiled = [_compile(pattern, phrase.key, english.roles.values())
                for phrase in english.group(LICENCE) for pattern in phrase.match]
    return tuple(sorted(compiled, key=lambda p: -p.literal_words))


@lru_cache(maxsize=4096)
def match_condition(text: str) -> Match | None:
    """The phrase that says this licence condition exactly, with its slots; None if none does.

    Conditions repeat across people, so answers are kept by text.
    """
    words = normalise(text)
    for pattern in _patterns():
        found = pattern.regex.fullmatch(words.text)
        if found is None:
            continue
        values = {name: _value(SLOTS[name], found, name, words, text) for name in pattern.slots}
        if all(v is not None for v in values.values()):
            return Match(pattern.key, tuple(values.items()))
    return None


def _value(kind: str, found: re.Match[str], name: str, words: _Words, original: str) -> str | None:
    """A slot's value from a matched condition: staff's words as written, a role's key, or a
    time as 19:00; None when it cannot be taken safely."""
    captured = found[name]
    if kind == ROLE:
        spelling = re.sub("^" + _DETERMINERS, "", captured)
        return next(role.key for role in bank(DEFAULT_LANG).roles.values()
                    if spelling in {normalise_words(s) for s in role.match})
    if kind == TIME:
        return _clock(captured)
    if set(captured.split()) & _GUARDED:
        return None
    first = words.starts.index(found.start(name))
    last = words.starts.index(found.end(name) - len(captured.split()[-1]) - 1)
    return original[words.spans[first][0]:words.spans[last][1]]


def _clock(words: str) -> str | None:
    """'1900', '19 00', '7pm', '7 30 pm' as 19:00 and 19:30; None for a time that is not one."""
    digits = re.findall(r"\d+", words)
    afternoon = "pm" in words
    morning = "am" in words
    if len(digits) == 1 and len(digits[0]) == 4:
        hour, minute = int(digits[0][:2]), int(digits[0][2:])
    else:
        hour, minute = int(digits[0]), int(digits[1]) if len(digits) > 1 else 0
    if afternoon or morning:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if afternoon else 0)
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        return None
    return f"{hour:02d}:{minute:02d}"


# A record's lines and their phrases -------------------------------------------------------------

@dataclass(frozen=True)
class Line:
    """One line staff wrote (a condition, a reason, a next step, an action) and, when a phrase
    says it, that phrase's key and slot values. The original is always kept beside it."""

    text: str
    phrase: str | None = None
    values: tuple[tuple[str, str], ...] = ()
    item_key: str | None = None

    @property
    def plain(self) -> bool:
        """True when a phrase says it in plain words."""
        return self.phrase is not None

    @property
    def slots(self) -> dict[str, str]:
        return dict(self.values)


def licence_lines(conditions: Iterable[Any]) -> list[Line]:
    """Licence conditions (rows with `text` and `item_key`), each with the phrase that says it."""
    lines = []
    for condition in conditions:
        found = match_condition(condition.text)
        lines.append(Line(condition.text, found and found.key, found.values if found else (),
                          condition.item_key))
    return lines


def unmatched(texts: Iterable[str]) -> list[str]:
    """The condition texts no phrase says, for staff to see (and to write a phrase for)."""
    return [text for text in texts if match_condition(text) is None]


def clear_caches() -> None:
    """Forget loaded files and answers (tests that change content/ call this)."""
    for cached in (bank, _patterns, match_condition):
        cached.cache_clear()
