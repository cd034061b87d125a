"""The moving-on rules alone: who the steps are drawn for, the steps for each kind of sentence,
where the record puts the person, when a move can first be looked at, and when getting out
is near. Pure functions over unsaved record rows, so no database is needed."""
from __future__ import annotations

from datetime import date

import pytest

from kiosk.config import establishment_kinds
from kiosk.models import Decision, KeyDate, Sentence
from kiosk.services.records import moving_on
from kiosk.services.wording.content import content_for
from kiosk.services.records.moving_on import ANYONE, MAN, MEN, OPEN, WOMAN, WOMEN, YOUNG, YOUNG_MAN

TODAY = date(2026, 6, 15)


def sentence(kind: str, *, start: date = date(2020, 1, 6), length_days: int | None = None,
             punishment_part_days: int | None = None, icm: str = "standard") -> Sentence:
    return Sentence(type=kind, start_date=start, length_days=length_days,
                    punishment_part_days=punishment_part_days, icm=icm)


def decided(subject: str, outcome: str, on: date) -> Decision:
    return Decision(forum="rmt", subject=subject, outcome=outcome, decided_on=on)


def keys(path: moving_on.Path) -> list[str]:
    return [step.key for step in path.steps]


# Who the steps are for -------------------------------------------------------------------------

@pytest.mark.parametrize("born, holds, reader", [
    (date(1980, 1, 1), WOMEN, WOMAN),
    (date(2006, 1, 1), WOMEN, WOMAN),        # a young woman still sees the women's steps
    (date(1980, 1, 1), MEN, MAN),
    (date(1980, 1, 1), OPEN, MAN),           # the open prison holds adult men
    (date(2006, 1, 1), MEN, YOUNG_MAN),
    (date(2006, 1, 1), None, YOUNG),         # young, and the prison does not say who it holds
    (date(1980, 1, 1), None, ANYONE),        # no sex field: nothing untrue for a woman
])
def test_who_the_steps_are_drawn_for(born, holds, reader):
    assert moving_on.reader_for(born, TODAY, holds) == reader


def test_young_means_under_21_on_the_day():
    assert moving_on.is_young(date(2005, 6, 16), TODAY)          # 21 tomorrow
    assert not moving_on.is_young(date(2005, 6, 15), TODAY)      # 21 today
    assert moving_on.age_on(date(2004, 2, 29), date(2025, 2, 28)) == 20


# The steps for each kind of sentence ------------------------------------------------------------

@pytest.mark.parametrize("kind, length, reader, expected", [
    ("life", None, MAN, ["closed", "nte", "open_estate", "ciu_or_temporary_release", "out"]),
    ("olr", None, MAN, ["closed", "nte", "open_estate", "ciu_or_temporary_release", "out"]),
    ("long_term", 2555, MAN, ["closed", "nte", "open_estate", "ciu_or_temporary_release", "out"]),
    ("extended", 2555, MAN, ["closed", "nte", "open_estate", "ciu_or_temporary_release", "out"]),
    ("short_term", 548, MAN, ["closed", "open_estate", "out"]),
    ("supervised_release_order", 730, MAN, ["closed", "open_estate", "out"]),
    ("short_term", 200, MAN, ["closed", "out"]),
    ("life", None, WOMAN, ["closed", "ccu", "out"]),
    ("short_term", 548, WOMAN, ["closed", "ccu", "out"]),
    ("long_term", 2555, YOUNG_MAN, ["closed", "young_steps", "out"]),
    ("long_term", 2555, YOUNG, ["closed", "fewer_rules", "out"]),
    ("life", None, ANYONE, ["closed", "fewer_rules", "out"]),
    ("recall", 1460, MAN, ["recalled", "re_release", "out"]),
    ("recall", 1460, WOMAN, ["recalled", "re_release", "out"]),
])
def test_each_kind_of_sentence_and_person_has_its_steps(kind, length, reader, expected):
    path = moving_on.path_for(sentence(kind, length_days=length), reader, [], None)
    assert keys(path) == expected
    assert path.steps[-1].explanation == f"moving_on.out.{kind}"


def test_remand_has_no_steps_yet():
    assert moving_on.path_for(sentence("remand"), MAN, [], MEN) is None
    assert moving_on.path_for(None, MAN, [], MEN) is None


def test_no_national_top_end_or_open_prison_for_anyone_the_record_cannot_place():
    for reader in (WOMAN, YOUNG_MAN, YOUNG, ANYONE):
        path = moving_on.path_for(sentence("life"), reader, [], None)
        assert not {"nte", "open_estate", "ciu_or_temporary_release"} & set(keys(path))


def test_a_long_sentence_may_skip_the_national_top_end_a_life_sentence_does_not():
    long = moving_on.path_for(sentence("long_term", length_days=2555), MAN, [], MEN)
    life = moving_on.path_for(sentence("life"), MAN, [], MEN)
    assert long.steps[1].optional and not life.steps[1].optional


def test_a_short_sentence_of_unknown_length_shows_the_open_prison_as_maybe():
    path = moving_on.path_for(sentence("short_term"), MAN, [], MEN)
    assert keys(path) == ["closed", "open_estate", "out"] and path.steps[1].optional


def test_notes_say_what_only_some_sentences_need():
    short = moving_on.path_for(sentence("short_term", length_days=200), MAN, [], MEN)
    assert short.notes == ("moving_on.short_sentence",)
    assert moving_on.path_for(sentence("life"), MAN, [], MEN).notes == ("moving_on.fgtr_first",)
    assert moving_on.path_for(sentence("olr"), MAN, [], MEN).notes == ()
    assert moving_on.path_for(sentence("life"), WOMAN, [], WOMEN).notes == ("moving_on.fgtr_first",)


def test_the_intro_names_whose_steps_these_are_except_on_recall():
    assert moving_on.path_for(sentence("life"), WOMAN, [], WOMEN).intro == "moving_on.path.woman"
    assert moving_on.path_for(sentence("recall"), MAN, [], MEN).intro is None


# Where the record puts the person ---------------------------------------------------------------

def states(path: moving_on.Path) -> dict[str, str]:
    return {step.key: step.state for step in path.steps}


def test_with_no_move_agreed_the_person_is_in_closed_conditions():
    path = moving_on.path_for(sentence("life"), MAN, [], MEN)
    assert states(path) == {"closed": "here", "nte": "next", "open_estate": "later",
                            "ciu_or_temporary_release": "later", "out": "later"}
    assert path.here.agreed_on is None and path.next.key == "nte"


def test_an_agreed_move_puts_the_person_at_that_step_and_says_when():
    decisions = [decided("national_top_end", "approved", date(2026, 3, 1))]
    path = moving_on.path_for(sentence("life"), MAN, decisions, MEN)
    assert path.here.key == "nte" and path.here.agreed_on == date(2026, 3, 1)
    assert states(path)["closed"] == "done" and path.next.key == "open_estate"


def test_a_move_not_agreed_or_still_being_looked_at_moves_nobody():
    decisions = [decided("open_estate", "not_approved", date(2026, 5, 1)),
                 decided("national_top_end", "submitted", date(2026, 4, 1))]
    assert moving_on.path_for(sentence("life"), MAN, decisions, MEN).here.key == "closed"


def test_the_newest_agreed_move_counts():
    decisions = [decided("open_estate", "approved", date(2026, 5, 1)),   # newest first
                 decided("national_top_end", "approved", date(2025, 1, 1))]
    path = moving_on.path_for(sentence("long_term", length_days=3000), MAN, decisions, MEN)
    assert path.here.key == "open_estate" and path.here.agreed_on == date(2026, 5, 1)
    assert states(path)["nte"] == "done"


def test_being_in_the_open_prison_puts_the_person_there():
    path = moving_on.path_for(sentence("short_term", length_days=700), MAN, [], OPEN)
    assert path.here.key == "open_estate" and path.here.agreed_on is None


def test_a_move_to_a_place_not_on_the_persons_path_is_not_shown_as_where_they_are():
    decisions = [decided("national_top_end", "approved", date(2026, 3, 1))]
    assert moving_on.path_for(sentence("life"), ANYONE, decisions, None).here.key == "closed"


def test_on_recall_the_person_is_back_in_and_a_decision_on_getting_out_comes_next():
    path = moving_on.path_for(sentence("recall", length_days=1460), MAN, [], MEN)
    assert path.here.key == "recalled" and path.next.key == "re_release"


# When a move can first be looked at -------------------------------------------------------------

def test_a_recorded_date_wins():
    dates = [KeyDate(kind="progression_eligibility", date=date(2027, 1, 4)),
             KeyDate(kind="punishment_part_expiry", date=date(2029, 5, 13))]
    look = moving_on.first_look(sentence("life"), dates, MAN)
    assert look == moving_on.FirstLook(date(2027, 1, 4))


def test_for_adult_men_the_window_is_worked_out_and_labelled():
    dates = [KeyDate(kind="punishment_part_expiry", date=date(2029, 5, 13))]
    look = moving_on.first_look(sentence("life"), dates, MAN)
    assert look.day == date(2025, 5, 13) and look.worked_out
    assert look.rule == "progression.rule.life_olr"


def test_a_short_sentence_window_counts_from_the_start_with_remand_time_unknown():
    look = moving_on.first_look(sentence("short_term", start=date(2026, 1, 10), length_days=548),
                                [], MAN)
    assert look.day == date(2026, 4, 10) and look.caveats == ("progression.rule.remand",)


@pytest.mark.parametrize("reader", [WOMAN, YOUNG_MAN, YOUNG, ANYONE])
def test_the_adult_mens_rules_are_not_worked_out_for_anyone_else(reader):
    dates = [KeyDate(kind="punishment_part_expiry", date=date(2029, 5, 13))]
    assert moving_on.first_look(sentence("life"), dates, reader) == moving_on.FirstLook()
    recorded = [KeyDate(kind="progression_eligibility", date=date(2027, 1, 4))]
    assert moving_on.first_look(sentence("life"), recorded, reader).day == date(2027, 1, 4)


# Getting out -------------------------------------------------------------------------------------

def test_release_dates_within_six_months_are_found_soonest_first():
    dates = [KeyDate(kind="sentence_expiry_date", date=date(2026, 12, 1)),
             KeyDate(kind="earliest_date_of_liberation", date=date(2026, 9, 1)),
             KeyDate(kind="hdc_eligibility_date", date=date(2026, 6, 1)),       # gone by
             KeyDate(kind="licence_expiry_date", date=date(2026, 8, 1)),        # not a release date
             KeyDate(kind="earliest_date_of_liberation", date=date(2026, 12, 16))]  # too far
    soon = moving_on.release_dates_soon(dates, TODAY)
    assert [(d.kind, d.date) for d in soon] == [("earliest_date_of_liberation", date(2026, 9, 1)),
                                               ("sentence_expiry_date", date(2026, 12, 1))]
    assert moving_on.release_dates_soon([KeyDate(kind="earliest_date_of_liberation",
                                                 date=date(2026, 12, 15))], TODAY)


@pytest.mark.parametrize("kind, icm, licence, supervised", [
    ("short_term", "standard", False, False),
    ("short_term", "standard", True, True),
    ("short_term", "enhanced", False, True),
    ("supervised_release_order", "enhanced", False, True),
    ("long_term", "enhanced", False, True),
    ("remand", "none", False, False),
])
def test_who_is_supervised_after_release(kind, icm, licence, supervised):
    assert moving_on.supervised_after_release(sentence(kind, icm=icm), licence) is supervised


# Who each prison holds (ESTABLISHMENT_KINDS) ------------------------------------------------------

def test_the_setting_names_who_each_prison_holds():
    assert establishment_kinds("GRN=men, STI=women,CHU=open,") == {"GRN": MEN, "STI": WOMEN, "CHU": OPEN}
    assert establishment_kinds(None) == {} and establishment_kinds("") == {}


@pytest.mark.parametrize("setting", ["GRN=man", "grn=men", "GRN", "GRN=men,STI=female", "TOOLONG=men"])
def test_a_mistyped_setting_stops_the_app_rather_than_guessing(setting):
    with pytest.raises(ValueError):
        establishment_kinds(setting)


# Every step has its name and its words ----------------------------------------------------------

STEP_KEYS = {key for steps in (*moving_on.MEN_STEPS.values(), *moving_on.OTHER_STEPS.values(),
                               moving_on.RECALL_STEPS) for key, _ in steps} | {moving_on.OUT}


def test_every_step_has_a_title():
    assert STEP_KEYS == set(moving_on.STEP_TITLES)


def test_every_step_reader_and_way_out_is_explained():
    explanations = content_for("en").explanations
    wanted = ({f"moving_on.step.{key}" for key in STEP_KEYS - {moving_on.OUT}}
              | {f"moving_on.out.{kind}" for kind in moving_on.SENTENCE_FAMILY}
              | {f"moving_on.path.{reader}" for reader in (MAN, WOMAN, YOUNG_MAN, YOUNG, ANYONE)})
    assert wanted <= set(explanations), sorted(wanted - set(explanations))
