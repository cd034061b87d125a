"""The wording covers every record value, every explanation has both modes, and every picture exists."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from kiosk.services.imports.contract import SCHEMA_PATH
from kiosk.services.wording import content as content_module
from kiosk.services.wording.content import content_for

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = json.loads(SCHEMA_PATH.read_text("utf-8"))
ICONS = ROOT / "node_modules" / "@tabler" / "icons" / "icons" / "outline"

# Where each enum sits in the record schema, and the field name values.yml uses for it.
ENUM_FIELDS = {
    "person.communication_needs": "communication_need",
    "person.sentence.type": "sentence_type",
    "person.sentence.icm": "icm",
    "person.staff.role": "staff_role",
    "person.supervision.level": "supervision_level",
    "person.dates.kind": "date_kind",
    "person.plan.source": "plan_source",
    "person.plan.actions.area": "action_area",
    "person.plan.actions.owner": "action_owner",
    "person.plan.actions.status": "action_status",
    "person.meetings.kind": "meeting_kind",
    "person.meetings.status": "meeting_status",
    "person.decisions.forum": "decision_forum",
    "person.decisions.subject": "decision_subject",
    "person.decisions.outcome": "decision_outcome",
    "person.risk.level": "risk_level",
    "person.risk.areas.area": "risk_area",
    "person.risk.areas.rating": "risk_rating",
    "person.risk.serious_harm_assessment": "serious_harm_assessment",
    "person.risk.plan_type": "risk_plan_type",
    "person.programmes.status": "programme_status",
    "person.licence.conditions.kind": "licence_kind",
}

# The terms of the shared domain glossary (shared/domain/GLOSSARY.md), first column.
DOMAIN_TERMS = [
    "Annex A", "CBSW", "CIP", "CIU", "CMP", "case conference", "ICM CC", "criminogenic need", "CSA",
    "deselection", "Enhanced ICM", "FGTR", "FRAME", "GPA", "HDC", "ICM", "index offence",
    "licence conditions", "LS/CMI", "MAPPA", "NTE", "OBP", "OLR", "Open Estate", "parole", "PBSW",
    "PCMB", "PO", "PR2", "PQD", "progression", "protective factor", "punishment part", "recall",
    "responsivity", "RMA", "RMP", "RMT", "risk of serious harm", "RoSH", "SEL", "supervision level",
    "Standard ICM", "TARL", "throughcare",
]

# Abbreviations staff use in free text; the demo data uses exactly these.
STAFF_ABBREVIATIONS = [
    "ICM", "ICM CC", "CC", "CIP", "CSA", "LS/CMI", "RMT", "NTE", "FGTR", "CIU", "OBP", "GPA", "PCMB",
    "PBSW", "CBSW", "PO", "HDC", "OLR", "MAPPA", "RMP", "CMP", "TARL", "PR2", "SEL", "Annex A", "MDT",
    "PQD", "SQA", "RoSH", "DG", "SPS", "HQ", "re:", "p/w", "pt", "Pt", "w/c", "asap", "approx",
]

EMPTY_SECTIONS = ["dates", "plan", "meetings", "decisions", "risk", "supervision", "programmes", "licence", "staff"]


def schema_enums(node, path=()):
    """Every enum in the schema with its dotted place, following properties, $defs and items."""
    if not isinstance(node, dict):
        return
    if "enum" in node:
        yield ".".join(path), node["enum"]
    for key in ("properties", "$defs"):
        for name, child in node.get(key, {}).items():
            yield from schema_enums(child, path + (name,))
    yield from schema_enums(node.get("items"), path)


ENUMS = {ENUM_FIELDS.get(place, place): values for place, values in schema_enums(SCHEMA)}


@pytest.fixture(scope="module")
def en():
    return content_for("en")


def test_every_schema_enum_has_a_field_name():
    assert {place for place, _ in schema_enums(SCHEMA)} == set(ENUM_FIELDS)


@pytest.mark.parametrize("field", sorted(ENUMS))
def test_every_enum_value_has_a_label(en, field):
    missing = [value for value in ENUMS[field] if not isinstance(en.labels.get(field, {}).get(value), str)]
    assert not missing, f"values.yml {field} has no label for {missing}"


def test_no_label_for_a_value_the_schema_lacks(en):
    stale = [f"{field}.{value}" for field, labels in en.labels.items() for value in labels if value not in ENUMS.get(field, ())]
    assert not stale


def test_label_lookup(en):
    assert en.label("decision_outcome", "not_approved") == "Not agreed"
    assert en.label("action_owner", "you") == "You"
    with pytest.raises(KeyError, match="decision_outcome.maybe"):
        en.label("decision_outcome", "maybe")


def required_explanations():
    """The explanation keys pages rely on, derived from the schema so new values need words."""
    yield from (f"dates.{kind}.{part}" for kind in ENUMS["date_kind"] for part in ("meaning", "before", "ask"))
    yield from (f"meetings.{kind}.{part}" for kind in ENUMS["meeting_kind"] for part in ("purpose", "who", "prepare"))
    yield from (f"decisions.subject.{subject}" for subject in ENUMS["decision_subject"])
    yield from (f"decisions.outcome.{outcome}.{part}" for outcome in ENUMS["decision_outcome"] for part in ("meaning", "next"))
    yield from (f"risk.supervision.{level}" for level in ENUMS["supervision_level"])
    yield from (f"risk.areas.{area}" for area in ENUMS["risk_area"])
    yield from (f"risk.serious_harm.{value}" for value in ENUMS["serious_harm_assessment"])
    yield from (f"plan.source.{source}" for source in ENUMS["plan_source"])
    yield from (f"plan.source.{plan}" for plan in ENUMS["risk_plan_type"])
    yield from (f"plan.status.{status}" for status in ENUMS["action_status"])
    yield from (f"programmes.status.{status}" for status in ENUMS["programme_status"])
    yield from (f"staff.role.{role}" for role in ENUMS["staff_role"])
    yield from (f"licence.{kind}" for kind in ENUMS["licence_kind"])
    yield from (f"icm.{value}" for value in ENUMS["icm"])
    yield from (f"empty.{section}" for section in EMPTY_SECTIONS)
    yield from (
        "dates.provisional", "dates.worked_out", "risk.intro", "risk.supervision_vs_risk", "risk.supervision.review",
        "risk.lscmi", "risk.lscmi_when", "risk.level", "risk.can_change", "risk.strengths", "risk.plans",
        "risk.serious_harm.what", "risk.shared", "risk.myths.never_changes", "risk.myths.community_access",
        "risk.myths.same_as_supervision", "risk.myths.companions", "plan.what", "plan.progress",
        "programmes.how_chosen", "programmes.waiting_list", "programmes.other_prison", "licence.what",
        "licence.broken", "licence.recall", "licence.help", "staff.social_work", "progression.what",
        "progression.rule.life_olr", "progression.rule.long_term", "progression.rule.short_term",
        "progression.rule.not_set", "progression.rule.remand", "progression.worked_out", "views.right",
        "views.how", "views.complaints",
    )


@pytest.mark.parametrize("key", sorted(set(required_explanations())))
def test_required_explanation_exists(en, key):
    explanation = en.explain(key)
    assert explanation.plain and explanation.easy


def test_every_explanation_has_plain_text_and_one_sentence_easy_items(en):
    problems = []
    for key, explanation in en.explanations.items():
        if not explanation.plain.strip():
            problems.append(f"{key}: empty plain")
        for item in explanation.easy:
            if len(re.findall(r"[.!?](?:\s|$)", item.text)) != 1 or not item.text.rstrip().endswith((".", "!", "?")):
                problems.append(f"{key}: easy item is not one sentence: {item.text!r}")
    assert not problems, "\n".join(problems)


def test_unknown_explanation_key_fails_loudly(en):
    with pytest.raises(KeyError, match="dates.parole_qualifying_dat.meaning"):
        en.explain("dates.parole_qualifying_dat.meaning")


def all_pictures(en):
    """Every picture named anywhere in the content, with where it is used."""
    for key, explanation in en.explanations.items():
        yield from ((item.picture, f"explanations {key}") for item in explanation.easy)
    yield from ((term.picture, f"glossary {term.key}") for term in en.glossary)


def test_every_picture_is_a_tabler_outline_icon(en):
    if not ICONS.is_dir():
        pytest.skip("node_modules/@tabler/icons is not installed (run npm ci)")
    missing = [f"{where}: {picture}" for picture, where in all_pictures(en) if not (ICONS / f"{picture}.svg").is_file()]
    assert not missing, "\n".join(missing)


def glossary_spellings(en):
    """Every way the glossary names a term, lower-cased, for presence checks."""
    return {name.lower() for term in en.glossary for name in (term.term, *term.match)}


def test_every_domain_term_is_in_the_glossary(en):
    missing = [term for term in DOMAIN_TERMS if term.lower() not in glossary_spellings(en)]
    assert not missing


def test_every_staff_abbreviation_is_a_match_spelling(en):
    spellings = {spelling for term in en.glossary for spelling in term.match}
    assert not [abbreviation for abbreviation in STAFF_ABBREVIATIONS if abbreviation not in spellings]


def test_glossary_keys_and_spellings_are_unique(en):
    keys = [term.key for term in en.glossary]
    spellings = [spelling for term in en.glossary for spelling in term.match]
    assert len(keys) == len(set(keys))
    assert len(spellings) == len(set(spellings))


def test_glossary_entries_are_complete(en):
    incomplete = [t.key for t in en.glossary if not (t.term and t.match and t.plain and t.easy and t.picture)]
    assert not incomplete
    assert en.term("icm_cc").stands_for == "Integrated Case Management case conference"


def test_other_language_falls_back_to_english_string_by_string(tmp_path, monkeypatch):
    (tmp_path / "en").mkdir()
    (tmp_path / "gd").mkdir()
    (tmp_path / "en" / "values.yml").write_text("decision_outcome:\n  approved: Agreed\n  deferred: Put off\n")
    (tmp_path / "en" / "explanations.yml").write_text(
        "views:\n  right:\n    plain: English plain.\n    easy:\n      - {text: English easy., picture: message}\n"
    )
    (tmp_path / "gd" / "values.yml").write_text("decision_outcome:\n  approved: Aontaichte\n")
    (tmp_path / "gd" / "explanations.yml").write_text("views:\n  right:\n    plain: Gaelic plain.\n")
    monkeypatch.setattr(content_module, "CONTENT_ROOT", tmp_path)
    content_for.cache_clear()
    try:
        gaelic = content_for("gd")
        assert gaelic.label("decision_outcome", "approved") == "Aontaichte"
        assert gaelic.label("decision_outcome", "deferred") == "Put off"
        assert gaelic.explain("views.right").plain == "Gaelic plain."
        assert gaelic.explain("views.right").easy[0].text == "English easy."
        assert content_for("xx").explain("views.right").plain == "English plain."
    finally:
        content_for.cache_clear()


def test_language_tag_cannot_reach_outside_the_content_folder():
    with pytest.raises(ValueError):
        content_for("../secrets")
