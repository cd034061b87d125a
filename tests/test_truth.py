"""The nine explanations issue 13 found wrong stay right, and pages use the person's record
where the truth depends on it. Each test fails on the old meaning.

Facts are checked against the sources cited on each entry (content/sources.yml); the tests
here pin down the meaning of the sentences people act on, not their exact wording.
"""
from __future__ import annotations

import re
from datetime import date, timedelta
from types import SimpleNamespace as Row

import pytest
from babel.dates import format_date

from kiosk.services.records.key_dates import add_months, before_key, progression_window
from kiosk.services.wording.content import content_for
from support.kiosk import LIFER, SHORT, import_people, lifer, set_display, short_termer, sign_in_as

EN = content_for("en")
TODAY = date.today()


def words(key: str) -> str:
    """Everything an entry says, plain and easy read, lower-cased, for meaning checks."""
    if key.startswith("glossary."):
        term = EN.term(key.removeprefix("glossary."))
        return " ".join((term.plain, term.easy)).lower()
    explanation = EN.explain(key)
    return " ".join((explanation.plain, *(item.text for item in explanation.easy))).lower()


def text(element) -> str:
    return " ".join(element.get_text(" ").split()) if element is not None else ""


# 1. Supervision reviews: 72 hours, then 6 and 12 months on High or Medium; none set on Low.

def test_low_supervision_has_no_set_review():
    said = words("risk.supervision.review")
    low = next(s for s in re.split(r"(?<=\.)\s", EN.explain("risk.supervision.review").plain) if "Low" in s)
    assert "no set time" in low and "year" not in low and "12 months" not in low
    assert "72 hours" in said and "6 months" in said and "12 months" in said
    assert "often" not in said  # the easy read said "Your level is looked at often"


# 2. Parole on a life sentence or an OLR is not release before the end of the sentence.

@pytest.mark.parametrize("key", ["glossary.parole", "explanations.decisions.subject.parole"])
def test_parole_is_not_described_as_before_the_end_of_the_sentence(key):
    said = words(key.removeprefix("explanations."))
    assert "before the end" not in said and "before your sentence ends" not in said
    assert "out early" not in said and "licence" in said


def test_parole_says_when_it_comes_on_a_life_sentence():
    assert "punishment part" in words("glossary.parole")


# 3. Personal officers support you at the case conference; they rarely go to the RMT.

@pytest.mark.parametrize("key", ["staff.role.personal_officer", "meetings.rmt.who",
                                 "pages.meetings.not_invited", "glossary.po"])
def test_personal_officer_is_not_said_to_speak_for_you_at_the_rmt(key):
    said = words(key)
    assert "speak for you" not in said and "speak up for you" not in said
    if key == "staff.role.personal_officer":
        assert "case meetings" in said and "risk management team" not in said


# 4. The pre-release case conference is for Enhanced ICM only.

def test_release_date_promises_no_meeting_to_everyone():
    assert "meeting" not in words("dates.earliest_date_of_liberation.before")
    assert "meeting" in words("dates.earliest_date_of_liberation.before_enhanced")


@pytest.mark.parametrize("icm, expected", [
    ("enhanced", "dates.earliest_date_of_liberation.before_enhanced"),
    ("standard", "dates.earliest_date_of_liberation.before"),
    ("none", "dates.earliest_date_of_liberation.before"),
    (None, "dates.earliest_date_of_liberation.before"),
])
def test_before_release_words_follow_the_persons_icm(icm, expected):
    assert before_key("earliest_date_of_liberation", icm) == expected
    assert before_key("parole_qualifying_date", icm) == "dates.parole_qualifying_date.before"


@pytest.mark.parametrize("icm, key", [
    ("standard", "dates.earliest_date_of_liberation.before"),
    ("enhanced", "dates.earliest_date_of_liberation.before_enhanced"),
])
def test_dates_page_tells_of_a_pre_release_meeting_only_on_enhanced_icm(
        app, db_session, client, client_request, icm, key):
    person = short_termer(TODAY)
    person["sentence"]["icm"] = icm
    import_people(db_session, [person])
    set_display(app, SHORT, easy_read=False)
    sign_in_as(client, SHORT)
    card = client_request.get("/me/dates").select_one(".app-card--date:not(.app-card--worked-out)")
    assert EN.explain(key).plain in text(card)
    other = {"standard": "dates.earliest_date_of_liberation.before_enhanced",
             "enhanced": "dates.earliest_date_of_liberation.before"}[icm]
    assert EN.explain(other).plain not in text(card)


# 5. Places: the Top End, the open prison and the CIUs named for adult men are never told to
#    everyone (the record does not say who is a man, so no entry names them).

PLACES = re.compile(r"Barlinnie|Greenock|Castle Huntly|Grampian|Polmont", re.IGNORECASE)


def test_no_entry_names_a_place_that_fits_only_some_people():
    named = [e.key for e in EN.entries() if PLACES.search(" ".join((e.plain, *e.easy)))]
    assert not named


def test_top_end_and_open_prison_say_the_places_differ_for_women_and_young_people():
    for key in ("glossary.nte", "glossary.open_estate", "progression.what"):
        assert "women and young people" in words(key)


# 6. No yearly cycle for the risk and needs check.

def test_risk_and_needs_check_is_not_said_to_be_yearly():
    said = words("risk.lscmi_when")
    assert "each year" not in said and "every year" not in said and "yearly" not in said
    assert "first case meeting" in said and "parole qualifying date" in said and "something big" in said


# 7. Criminogenic need is a current need that work can reduce.

def test_criminogenic_need_is_a_current_need_work_can_reduce():
    said = words("glossary.criminogenic_need")
    assert "in the past" not in said
    assert "now" in said and "work on it" in said


# 8. Recorded dates win over worked-out ones; remand time is named as unknown.

LIFE = {"type": "life", "start_date": date(2010, 1, 1), "punishment_part_days": 3652,
        "length_days": None}


def test_worked_out_window_counts_from_a_recorded_punishment_part_expiry():
    recorded = date(2021, 6, 30)  # later than start + days: remand or a court order moved it
    window = progression_window(Row(**LIFE), [Row(kind="punishment_part_expiry", date=recorded)])
    assert window.day == add_months(recorded, -48)
    assert window.caveats == ()  # the recorded date already holds any remand


def test_worked_out_window_from_the_sentence_names_remand_as_unknown():
    window = progression_window(Row(**LIFE), [])
    assert window.day == add_months(date(2010, 1, 1) + timedelta(days=3652), -48)
    assert window.caveats == ("progression.rule.remand",)
    assert "do not know" in words("progression.rule.remand")


def test_life_sentence_with_only_a_recorded_expiry_still_gets_a_window():
    window = progression_window(Row(**{**LIFE, "punishment_part_days": None}),
                                [Row(kind="punishment_part_expiry", date=date(2030, 1, 1))])
    assert window.day == date(2026, 1, 1)


def test_dates_page_window_agrees_with_the_recorded_expiry(app, db_session, client, client_request):
    person = lifer(TODAY)
    import_people(db_session, [person])
    set_display(app, LIFER, easy_read=False)
    sign_in_as(client, LIFER)
    card = client_request.get("/me/dates").select_one(".app-card--worked-out")
    recorded = date.fromisoformat(next(d["date"] for d in person["dates"]
                                       if d["kind"] == "punishment_part_expiry"))
    expected = format_date(add_months(recorded, -48), "long", locale="en_GB")
    assert text(card.select_one(".app-date")) == expected
    assert EN.explain("progression.rule.remand").plain not in text(card)


# 9. The parole qualifying date: the Board's process starts before it.

@pytest.mark.parametrize("key", ["dates.parole_qualifying_date.meaning", "glossary.pqd"])
def test_qualifying_date_is_not_the_first_day_the_board_looks(key):
    said = words(key)
    assert "first day" not in said and "first date" not in said
    assert "before" in said and "not" in said


def test_what_comes_before_the_qualifying_date_is_said():
    said = words("dates.parole_qualifying_date.before")
    assert "risk and needs check" in said and "report" in said


# Wording that weighs on the reader ---------------------------------------------------------

def test_no_entry_says_time_out():
    assert not [e.key for e in EN.entries() if "time out" in " ".join((e.plain, *e.easy)).lower()]


def test_no_entry_tells_people_they_think_wrongly():
    assert not [e.key for e in EN.entries() if "that is not true" in e.plain.lower()
                or "some people think" in e.plain.lower()]


def test_the_four_assessments_have_four_names():
    assert "risk and needs check" in words("risk.lscmi")
    assert "course check" in words("glossary.gpa")
    assert "fuller check about harm" in words("glossary.rosh")
    assert "arrival check" in words("glossary.csa")


# A second reading against the sources (review 13) ------------------------------------------
# Each test pins a sentence that was untrue for some readers, or said more than the sources.

def sentences(key: str) -> list[str]:
    """Every sentence of an entry, plain and easy read, lower-cased."""
    return [s for s in re.split(r"(?<=[.?!])\s+", words(key)) if s]


def test_release_date_is_not_called_the_first_day_out():
    # A tag (HDC) date and a parole qualifying date fall before it on the same page (rules s.1, s.3AA).
    said = words("dates.earliest_date_of_liberation.meaning")
    assert not re.search(r"this is the (first|earliest) day", said)
    assert "tag" in said and "parole" in said and "before it" in said


def test_a_long_wait_is_not_said_to_be_nobodys_fault():
    # 002 3495-3500: FGTR papers went back and forth because they were incomplete.
    said = words("decisions.outcome.submitted.meaning")
    assert "not your worker" not in said and "down to the system" not in said


@pytest.mark.parametrize("key", ["glossary.recall", "explanations.licence.recall"])
def test_recall_is_not_said_to_be_always_the_parole_boards_choice(key):
    # Recall from a tag (HDC) is by Scottish Ministers (1993 Act s.17A).
    board = [s for s in sentences(key.removeprefix("explanations.")) if "board decides" in s]
    assert board and all("often" in s for s in board)


@pytest.mark.parametrize("key", ["staff.role.personal_officer", "glossary.po"])
def test_easy_read_says_personal_officers_should_go_to_case_meetings(key):
    # 002 2201-2209: most personal officers did not attend.
    meetings = [s for s in sentences(key) if "case meetings" in s]
    assert meetings and all("should" in s for s in meetings)


def test_no_risk_check_on_record_does_not_send_people_to_a_prison_social_worker():
    # 000 110: no prison social worker for remand or most short sentences; 004 93: the check is
    # for people who will be supervised after release.
    said = words("empty.risk")
    assert "prison social worker" not in said and "yet" not in said
    assert "not everyone" in said or "not all" in said


def test_prison_social_work_says_who_it_is_for():
    said = words("staff.social_work")
    assert "mainly for people who will be supervised" in said
    assert not any(s.startswith("your social worker does") for s in sentences("staff.social_work"))


@pytest.mark.parametrize("key, should", [
    ("meetings.icm_initial.purpose", "should happen in the first six months"),
    ("risk.lscmi_when", "should be ready for your first case meeting"),
    ("dates.parole_qualifying_date.before", "should be done again"),
    ("dates.lscmi_reassessment.before", "should meet you"),
    ("risk.serious_harm.due", "should talk with you"),
    ("dates.lscmi_reassessment.meaning", "should do your risk and needs check again"),
    ("risk.myths.community_access", "should be done again"),
    ("icm.enhanced", "should get a full risk and needs check"),
    ("glossary.enhanced_icm", "should get a full risk and needs check"),
    ("glossary.csa", "should happen in your first three days"),
    ("decisions.outcome.approved.next", "should tell you when it"),
])
def test_timings_and_contact_from_guidance_are_said_as_should(key, should):
    # 000 208-212: just over half of first checks were on time; some were years late.
    said = words(key)
    assert should in said
    assert not re.search(r"\b(is done|it happens in|will meet|will talk)\b", said)


def test_check_before_parole_qualifying_date_is_only_for_people_who_have_one():
    assert "if you have a parole qualifying date" in words("risk.lscmi_when")


def test_licence_conditions_are_not_promised_a_walk_through():
    # 003 162: most people recalled did not understand their licence conditions.
    said = words("glossary.licence_conditions")
    assert "will go through" not in said and "ask your social worker" in said


def test_only_licence_rules_stop_when_the_licence_ends():
    # Other orders (for example notification requirements, 000 592) can go on after it.
    easy = [i.text.lower() for i in EN.explain("dates.licence_expiry_date.meaning").easy]
    stops = [s for s in easy if "rules" in s]
    assert stops and all("licence" in s for s in stops)


def test_meeting_the_social_worker_outside_starts_once_you_are_out():
    said = words("dates.licence_expiry_date.before")
    assert "until this date, you meet" not in said and "once you are out" in said


def test_rules_after_release_are_not_said_to_end_at_sentence_expiry():
    # An extended sentence's licence can run past the date on the same page.
    said = words("dates.sentence_expiry_date.before")
    assert "until it" not in said and "until then" not in said


@pytest.mark.parametrize("key", ["progression.rule.life_olr", "dates.punishment_part_expiry.before",
                                 "glossary.progression"])
def test_top_end_timing_says_the_places_differ_for_women_and_young_people(key):
    assert "women and young people" in words(key)


def test_postponement_gives_only_the_reason_the_sources_give():
    said = words("meetings.postponed")
    assert "staff are short" not in said and "often" not in said


def test_declining_a_course_promises_no_second_chance():
    assert "you can change your mind" not in words("programmes.status.declined")


def test_a_copy_of_what_was_agreed_is_promised_for_case_meetings_only():
    # 002 2708-2716 covers case meetings; nothing says the same of other meetings.
    said = words("pages.meetings.copy")
    assert "you should get a copy of what was agreed" not in said and "after a case meeting" in said


def test_a_broken_licence_rule_is_not_said_to_go_to_the_parole_board():
    # A tag (HDC) licence is revoked by Scottish Ministers (1993 Act s.17A), not the Board.
    assert "parole board" not in words("licence.broken")
    assert "sent back to prison" in words("licence.broken")


# The glossary page lists every term for every reader: no entry may tell all of them that
# they have a social worker, a check or a plan they may not have (000 110: no prison social
# work for remand or most short sentences; 004 93: the check is for Enhanced ICM).

@pytest.mark.parametrize("key", ["glossary.enhanced_icm", "glossary.standard_icm",
                                 "glossary.pbsw", "glossary.ls_cmi"])
def test_glossary_does_not_tell_every_reader_they_have_a_social_worker_or_a_check(key):
    said = words(key)
    assert not re.search(r"\byour (plan|risk and needs check|parole reports|reports)\b", said)
    assert "will help you when you get out" not in said and "your prison social worker" not in said


def test_prison_social_work_glossary_says_who_it_is_mainly_for():
    assert "mainly work with people who will be supervised" in words("glossary.pbsw")


def test_release_date_label_does_not_call_it_the_earliest_day_out():
    # The explanation beside it says a tag or parole date can come before it (rules s.1, s.3AA).
    assert "earliest" not in EN.label("date_kind", "earliest_date_of_liberation").lower()


def test_first_temporary_release_label_is_a_date_to_be_looked_at_not_a_release_date():
    # 002 3455-3462: Ministers must agree first; the date is when the case can be considered.
    assert "looked at" in EN.label("date_kind", "fgtr_eligibility")


# English follow-ups reported by translators (issue 13).

def test_progression_date_does_not_say_move_on():
    # "move on" is the agreed name for progression; the date only says when a move can be looked at.
    said = words("dates.progression_eligibility.meaning")
    assert not re.search(r"\bmove on\b", said) and "does not mean you move that day" in said


def test_long_term_rule_names_the_parole_qualifying_date_not_a_parole_date():
    # 002 1229-1231: within two years of the parole qualifying date; a "parole date" reads as release.
    said = words("progression.rule.long_term")
    assert "parole" in said and not re.search(r"parole(?! qualifying date)", said)


def test_first_temporary_release_decision_is_a_decision_not_the_eligibility_date():
    said = words("decisions.subject.fgtr")
    assert "you can be looked at" not in said and "yes or no" in said


def test_parole_decision_does_not_read_as_the_result():
    # The Board may say no: no line may say that you get out.
    said = words("decisions.subject.parole")
    assert "you get out" not in said and "yes or no" in said


def test_tag_date_label_is_the_first_possible_day_not_the_release_day():
    # 1993 Act s.3AA: the day a tag (HDC) release becomes possible; staff decide if it happens.
    label = EN.label("date_kind", "hdc_eligibility_date").lower()
    assert "first day you could" in label and "tag release" not in label


def test_first_risk_and_needs_check_is_tied_to_the_first_case_meeting_not_an_unclear_start():
    # 004 95 says "within five months of sentence", 000 294 "five months after entering custody":
    # the start differs, so the entry names the meeting and who to ask.
    said = words("risk.lscmi_when")
    assert not re.search(r"five months (of|from|after) your sentence", said)
    assert "first case meeting" in said and "ask your social worker" in said


def test_supervision_review_says_who_you_can_tell():
    said = words("meetings.supervision_review.who")
    assert "tell them" not in said and "tell your officer" in said


def test_waiting_list_gives_the_sourced_reason_not_reassurance():
    # 002 2892-2906, 2958-2966: the national list is ordered by dates from each sentence.
    said = words("programmes.waiting_list")
    assert "fault" not in said and "mark against" not in said
    assert "dates in each" in said
