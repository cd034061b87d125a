"""Text as a voice should say it. espeak-ng already says plain numbers well in each language;
what it gets wrong is fixed here, before it sees the text:

- dates, written out by the app in the person's language ("12 March 2027"), are said the way
  people say them ("12th of March 2027"; in Polish with ordinals: "dwunastego marca ... roku");
- times of day ("19:00") are said as times, not as "nineteen zero zero";
- a code that mixes capitals and digits, such as a prison number (GR1048213) or a letter
  reference (KM7C-RT3X), is read one character at a time, never as a large number.
"""
from __future__ import annotations

import re
from functools import lru_cache

from babel import Locale

from kiosk.i18n import babel_locale

_TIME = re.compile(r"(?<![\d:])([01]?\d|2[0-3]):([0-5]\d)(?![\d:])")
_POUNDS = re.compile(r"£(\d+)(?:\.(\d\d))?")
# Capitals and digits mixed, four or more: short labels such as "B12" are left to the voice.
_CODE = re.compile(r"(?<![\w-])(?=[A-Z0-9-]*\d)(?=[A-Z0-9-]*[A-Z])(?=[A-Z0-9-]{4})"
                   r"[A-Z0-9]+(?:-[A-Z0-9]+)*(?![\w-])")
_DATE_FIELD = re.compile(r"'[^']*'|d+|M+|L+|y+|\s+|[^'dMLy\s]+")

_POLISH_UNITS = ("", "pierwszego", "drugiego", "trzeciego", "czwartego", "piątego", "szóstego",
                 "siódmego", "ósmego", "dziewiątego")
_POLISH_TEENS = ("dziesiątego", "jedenastego", "dwunastego", "trzynastego", "czternastego",
                 "piętnastego", "szesnastego", "siedemnastego", "osiemnastego", "dziewiętnastego")
_POLISH_TENS = ("", "", "dwudziestego", "trzydziestego", "czterdziestego", "pięćdziesiątego",
                "sześćdziesiątego", "siedemdziesiątego", "osiemdziesiątego", "dziewięćdziesiątego")


def spoken(text: str, language: str) -> str:
    """The words a voice for `language` should say for `text`."""
    text = _say_dates(text, language)
    text = _TIME.sub(lambda found: _say_time(int(found[1]), int(found[2]), language), text)
    if language == "en":
        text = _POUNDS.sub(_say_pounds, text)
    return _CODE.sub(_spell, text)


def _spell(found: re.Match) -> str:
    """GR1048213 -> 'G R 1 0 4 8 2 1 3'; a hyphen becomes a short pause."""
    return ", ".join(" ".join(part) for part in found.group().split("-"))


# Dates --------------------------------------------------------------------------------------

def _say_dates(text: str, language: str) -> str:
    pattern = _long_date(language)
    if pattern is None:
        return text
    months = _month_numbers(language)
    return pattern.sub(lambda found: _say_date(found, language, months), text)


@lru_cache(maxsize=32)
def _long_date(language: str) -> re.Pattern | None:
    """A pattern matching dates as kiosk.i18n.format_day writes them in `language`, made from
    the same Babel (CLDR) format, so the two cannot drift apart."""
    try:
        locale = Locale.parse(babel_locale(language))
    except (ValueError, TypeError):
        return None
    names = sorted(locale.months["format"]["wide"].values(), key=len, reverse=True)
    parts = []
    for field in _DATE_FIELD.findall(locale.date_formats["long"].pattern):
        if field.startswith("'"):
            parts.append(re.escape(field[1:-1] or "'"))
        elif field[0] == "d":
            parts.append(r"(?P<day>\d{1,2})")
        elif field[0] in "ML":
            parts.append("(?P<month>" + "|".join(map(re.escape, names)) + ")" if len(field) >= 3
                         else r"(?P<month_number>\d{1,2})")
        elif field[0] == "y":
            parts.append(r"(?P<year>\d{4})")
        elif field.isspace():
            parts.append(r"\s+")
        else:
            parts.append(re.escape(field))
    return re.compile("".join(parts))


@lru_cache(maxsize=32)
def _month_numbers(language: str) -> dict[str, int]:
    locale = Locale.parse(babel_locale(language))
    return {name: number for number, name in locale.months["format"]["wide"].items()}


def _say_date(found: re.Match, language: str, months: dict[str, int]) -> str:
    day, year = int(found["day"]), int(found["year"])
    fields = found.groupdict()
    month = fields.get("month") or ""
    month_number = months.get(month) or int(fields.get("month_number") or 0)
    if language == "en":
        return f"{_english_ordinal(day)} of {month} {year}"
    if language == "pl" and _polish_year(year):
        return f"{_polish_ordinal(day)} {month} {_polish_year(year)} roku"
    if language == "vi":
        return f"ngày {day} tháng {month_number} năm {year}"
    if language == "gd":
        # CLDR writes "12mh dhen Mhàrt": "mh" marks the ordinal and would be spelt out.
        return re.sub(r"^(\d+)mh\b", r"\1", found.group())
    return found.group()


def _english_ordinal(number: int) -> str:
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def _polish_ordinal(number: int) -> str:
    """1..99 as a Polish ordinal in the genitive ('dwunastego', 'dwudziestego siódmego')."""
    if number < 10:
        return _POLISH_UNITS[number]
    if number < 20:
        return _POLISH_TEENS[number - 10]
    tens, units = divmod(number, 10)
    return " ".join(word for word in (_POLISH_TENS[tens], _POLISH_UNITS[units]) if word)


def _polish_year(year: int) -> str | None:
    """A year as Polish says it in a date ('dwa tysiące dwudziestego siódmego'); None when out
    of the years a record holds."""
    if year == 2000:
        return "dwutysięcznego"
    if 2000 < year < 2100:
        return f"dwa tysiące {_polish_ordinal(year - 2000)}"
    if year == 1900:
        return "tysiąc dziewięćsetnego"
    if 1900 < year < 2000:
        return f"tysiąc dziewięćset {_polish_ordinal(year - 1900)}"
    return None


# Times and money ----------------------------------------------------------------------------

def _say_time(hours: int, minutes: int, language: str) -> str:
    if language != "en":
        return f"{hours} {minutes:02d}" if minutes else str(hours)
    if (hours, minutes) == (0, 0):
        return "midnight"
    if (hours, minutes) == (12, 0):
        return "12 noon"
    clock, half = (hours % 12 or 12), ("am" if hours < 12 else "pm")
    if not minutes:
        return f"{clock} {half}"
    return f"{clock} {'oh ' if minutes < 10 else ''}{minutes} {half}"


def _say_pounds(found: re.Match) -> str:
    pounds = int(found[1])
    words = f"{pounds} {'pound' if pounds == 1 else 'pounds'}"
    return f"{words} {int(found[2])}" if found[2] and int(found[2]) else words
