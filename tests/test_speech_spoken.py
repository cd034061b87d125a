"""Words as the voice says them (kiosk.services.speech.spoken): dates as people say them in each
language, times of day, and codes such as a prison number one character at a time."""
from __future__ import annotations

from datetime import date

import pytest

from kiosk.i18n import LANGUAGES, format_day
from kiosk.services.speech.spoken import spoken

DAY = date(2027, 3, 12)


@pytest.mark.parametrize("language, said", [
    ("en", "12th of March 2027"),
    ("pl", "dwunastego marca dwa tysiące dwudziestego siódmego roku"),
    ("vi", "ngày 12 tháng 3 năm 2027"),
    ("gd", "12 dhen Mhàrt 2027"),  # not "12 M H": CLDR's "mh" marks an ordinal
    ("sq", "12 mars 2027"),
    ("ar", "12 مارس 2027"),
])
def test_a_date_as_the_app_writes_it_is_said_as_people_say_it(language, said):
    written = format_day(DAY, language)
    assert spoken(f"Due {written}.", language) == f"Due {said}."


@pytest.mark.parametrize("day, said", [
    (date(2026, 1, 1), "pierwszego stycznia dwa tysiące dwudziestego szóstego roku"),
    (date(2030, 10, 21), "dwudziestego pierwszego października dwa tysiące trzydziestego roku"),
    (date(2000, 12, 31), "trzydziestego pierwszego grudnia dwutysięcznego roku"),
    (date(1995, 1, 20), "dwudziestego stycznia tysiąc dziewięćset dziewięćdziesiątego piątego roku"),
])
def test_polish_dates_use_ordinals_in_the_genitive(day, said):
    assert spoken(format_day(day, "pl"), "pl") == said


@pytest.mark.parametrize("day", [date(2027, m, d) for m, d in ((1, 1), (2, 2), (3, 3), (11, 11), (12, 22), (8, 31))])
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_date_the_app_writes_is_recognised(language, day):
    """Each language's long date is found whatever the day and month (no month name missed)."""
    said = spoken(format_day(day, language), language)
    if language in ("en", "pl", "vi", "gd"):
        assert said != format_day(day, language)
    assert str(day.year) in said or language == "pl"


def test_english_ordinals():
    assert [spoken(format_day(date(2027, 1, d), "en"), "en").split()[0] for d in (1, 2, 3, 4, 11, 12, 13, 21, 22, 23)] == [
        "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd"]


@pytest.mark.parametrize("text, language, said", [
    ("Curfew 19:00 to 07:00.", "en", "Curfew 7 pm to 7 am."),
    ("At 12:00, 00:00 and 09:05.", "en", "At 12 noon, midnight and 9 oh 5 am."),
    ("O 19:30.", "pl", "O 19 30."),
    ("Score 3:1:0.", "en", "Score 3:1:0."),  # not a time
    ("You owe £20 or £1.50.", "en", "You owe 20 pounds or 1 pound 50."),
])
def test_times_and_money(text, language, said):
    assert spoken(text, language) == said


@pytest.mark.parametrize("text, said", [
    ("Your number is GR1048213.", "Your number is G R 1 0 4 8 2 1 3."),
    ("Reference KM7C-RT3X", "Reference K M 7 C, R T 3 X"),
])
@pytest.mark.parametrize("language", LANGUAGES)
def test_codes_are_read_one_character_at_a_time(text, said, language):
    assert spoken(text, language) == said


@pytest.mark.parametrize("text", ["HMP Greenock", "In 2027 you have 3 weeks.", "MAPPA level 1", "1st", "B12"])
def test_words_numbers_and_short_labels_are_left_to_the_voice(text):
    assert spoken(text, "en") == text
