"""Staff text keeps every character, and each abbreviation in it is found and explained once a page."""
from __future__ import annotations

import pytest

from kiosk.services.wording.content import content_for
from kiosk.services.wording.plain_language import annotate, readability

GLOSSARY = content_for("en").glossary

# (staff text, the abbreviation as written in it, the glossary key it must find)
STAFF_SENTENCES = [
    ("ICM team to review in May.", "ICM", "icm"),
    ("Pt engaged well at ICM CC.", "ICM CC", "icm_cc"),
    ("Outcomes agreed at CC on 12/03.", "CC", "icm_cc"),
    ("CIP actions reviewed; OBP outstanding pending PCMB.", "CIP", "cip"),
    ("CSA completed on admission.", "CSA", "csa"),
    ("LS/CMI reviewed - risk/need level medium.", "LS/CMI", "ls_cmi"),
    ("Re-refer via Annex A re: NTE.", "Annex A", "annex_a"),
    ("Referred to RMT for NTE.", "RMT", "rmt"),
    ("Referred to RMT for NTE.", "NTE", "nte"),
    ("FGTR application sent to HQ.", "FGTR", "fgtr"),
    ("FGTR application sent to HQ.", "HQ", "hq"),
    ("Consider for CIU next year.", "CIU", "ciu"),
    ("CIP actions reviewed; OBP outstanding pending PCMB.", "OBP", "obp"),
    ("GPA booked for next month.", "GPA", "gpa"),
    ("CIP actions reviewed; OBP outstanding pending PCMB.", "PCMB", "pcmb"),
    ("PBSW to complete parole report.", "PBSW", "pbsw"),
    ("CBSW to visit before liberation.", "CBSW", "cbsw"),
    ("PO to support with the form.", "PO", "po"),
    ("HDC paperwork started.", "HDC", "hdc"),
    ("Serving OLR, punishment part ends 2029.", "OLR", "olr"),
    ("Managed under MAPPA level 1.", "MAPPA", "mappa"),
    ("RMP with community partners for review.", "RMP", "rmp"),
    ("CMP agreed; targets set.", "CMP", "cmp"),
    ("TARL requested by Parole Board.", "TARL", "tarl"),
    ("Progress recorded on PR2.", "PR2", "pr2"),
    ("SEL approved for family visit.", "SEL", "sel"),
    ("Provide negative MDTs.", "MDTs", "mdt"),
    ("PQD is in 2027.", "PQD", "pqd"),
    ("Gained SQA award in maths.", "SQA", "sqa"),
    ("RoSH assessment due.", "RoSH", "rosh"),
    ("DG to chair the RMT.", "DG", "dg"),
    ("SPS policy applies.", "SPS", "sps"),
    ("Re-refer via Annex A re: NTE.", "re:", "re"),
    ("Attend Learning Centre 3 sessions p/w.", "p/w", "per_week"),
    ("Pt engaged well at ICM CC.", "Pt", "pt"),
    ("Seen by pt's PO today.", "pt", "pt"),
    ("Interview booked w/c 14 April.", "w/c", "week_commencing"),
    ("Complete form asap.", "asap", "asap"),
    ("Approx 6 weeks on waiting list.", "Approx", "approx"),
]

ORDINARY_WORDS = [
    "The police report was accepted as an option.",
    "Please cc me on the reply.",
    "Accent on the po-faced reply was noted.",
    "Shared a photo frame and a receipt; repeat in the spring.",
    "PT session in the gym booked.",
]


def found(text, seen=None):
    """The (matched text, term key) pairs annotate finds, in order."""
    return [(s.text, s.term.key) for s in annotate(text, GLOSSARY, set() if seen is None else seen) if s.term]


@pytest.mark.parametrize(("text", "written", "key"), STAFF_SENTENCES)
def test_finds_each_staff_abbreviation(text, written, key):
    assert (written, key) in found(text)


def test_realistic_note_is_annotated_in_full():
    note = "Pt engaged well at ICM CC. CIP actions reviewed; OBP outstanding pending PCMB. Re-refer via Annex A re: NTE."
    assert found(note) == [
        ("Pt", "pt"), ("ICM CC", "icm_cc"), ("CIP", "cip"), ("OBP", "obp"), ("PCMB", "pcmb"),
        ("Annex A", "annex_a"), ("re:", "re"), ("NTE", "nte"),
    ]


@pytest.mark.parametrize("text", ORDINARY_WORDS)
def test_does_not_match_inside_ordinary_words(text):
    assert found(text) == []


@pytest.mark.parametrize(
    ("text", "key"),
    [("Seen at ICM  CC.", "icm_cc"), ("LS / CMI done.", "ls_cmi"), ("Sent Annex-A.", "annex_a"), ("Note re : NTE.", "re")],
)
def test_tolerates_spacing_and_punctuation_variants(text, key):
    assert key in [k for _, k in found(text)]


def test_longest_spelling_wins():
    assert found("Discussed at ICM CC and ICM case conference.") == [("ICM CC", "icm_cc"), ("ICM case conference", "icm_cc")]


def test_marks_only_the_first_use_on_a_page():
    seen: set[str] = set()
    first = [s for s in annotate("PO to call. PO to follow up.", GLOSSARY, seen) if s.term]
    later = [s for s in annotate("PO spoke to pt.", GLOSSARY, seen) if s.term]
    assert [s.first_on_page for s in first] == [True, False]
    assert [(s.text, s.first_on_page) for s in later] == [("PO", False), ("pt", True)]
    assert seen == {"po", "pt"}


@pytest.mark.parametrize("text", [t for t, _, _ in STAFF_SENTENCES] + ORDINARY_WORDS + ["", "<b>PO</b> & ICM CC\n- next"])
def test_joined_segments_are_the_original_text(text):
    assert "".join(s.text for s in annotate(text, GLOSSARY, set())) == text


def test_markup_in_staff_text_stays_as_data():
    segments = annotate("<script>alert(1)</script> PO", GLOSSARY, set())
    assert segments[0].text == "<script>alert(1)</script> " and segments[0].term is None


def test_readability_reports_long_sentences_and_unexplained_capitals():
    long_sentence = "Pt has been waiting for a long time for a place on the course and is frustrated by the lack of news about it."
    report = readability(f"PO to see XYZ re: ABC today. {long_sentence}", GLOSSARY)
    assert report.long_sentences == (long_sentence,)
    assert report.unexplained == ("XYZ", "ABC")
    assert report.mean_sentence_words == pytest.approx((7 + 24) / 2)
    assert 0 < report.flesch < 100


def test_readability_of_short_plain_words_is_high():
    report = readability("You can ask for a copy. Your officer can help you.")
    assert report.flesch >= 90 and report.mean_sentence_words == 5.5 and report.unexplained == ()
