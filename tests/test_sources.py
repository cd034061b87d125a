"""Every fact a person reads says where it comes from, and every citation points somewhere real.

content/sources.yml holds each report's line count, so these tests check line ranges without
reading the reports (they live outside this repository).
"""
from __future__ import annotations

import re

import pytest

from kiosk.services.wording.content import Citation, Source, content_for, parse_source, register

EN = content_for("en")
ENTRIES = list(EN.entries())
# Words that put a fact about time, release or supervision in a sentence.
FACT_WORDS = re.compile(r"\b(\d+|two|three|four|five|six|twelve|years?|months?|hours?|days"
                        r"|parole|recall|punishment part|Ministers|must)\b", re.IGNORECASE)


def test_the_register_names_five_reports_with_their_line_counts():
    reports = register().reports
    assert sorted(reports) == ["000", "001", "002", "003", "004"]
    assert all(isinstance(r["lines"], int) and r["lines"] > 0 and r["file"].startswith(code + "_")
               for code, r in reports.items())
    assert all(rule["title"] and rule["covers"] for rule in register().rules.values())


@pytest.mark.parametrize("kind", ["explanations", "glossary"])
def test_every_entry_has_a_source(kind):
    missing = [e.key for e in ENTRIES if e.key.startswith(kind + ".") and e.source.kind == "missing"]
    assert not missing, "no source: field for " + ", ".join(missing)


def test_every_citation_is_in_the_register_and_within_its_report():
    problems = [f"{e.key}: {problem}" for e in ENTRIES for problem in register().problems(e.source)]
    assert not problems, "\n".join(problems)


def test_every_register_entry_is_cited():
    cited = {c.ref for e in ENTRIES for c in e.source.citations}
    assert cited >= set(register().reports) | set(register().rules)


def test_an_entry_stating_times_or_release_rules_is_cited():
    """A number, a length of time or a release word marks a fact, which "none" cannot cover."""
    uncited = [e.key for e in ENTRIES if e.key.startswith(("explanations.", "glossary."))
               and e.source.kind == "none" and FACT_WORDS.search(" ".join((e.plain, *e.easy)))]
    assert not uncited, "these state facts but say 'none': " + ", ".join(uncited)


def test_a_label_with_a_number_is_cited():
    uncited = [e.key for e in ENTRIES if e.key.startswith("values.") and re.search(r"\d", e.plain)
               and not e.source.factual]
    assert not uncited


def test_translations_carry_the_english_sources():
    for lang in ("gd", "pl", "sq", "vi", "ar"):
        other = content_for(lang)
        assert [e.source for e in other.entries()] == [e.source for e in ENTRIES]


@pytest.mark.parametrize("raw, expected", [
    (["002 1371-1392"], Source("cited", (Citation("002", 1371, 1392),))),
    (["004 114", "rule:pcp-1993-s2"], Source("cited", (Citation("004", 114, 114), Citation("pcp-1993-s2")))),
    ("none: instruction", Source("none", note="instruction")),
    ("product: how my plan works", Source("product", note="how my plan works")),
])
def test_sources_are_read_as_written(raw, expected):
    assert parse_source(raw, "test") == expected


@pytest.mark.parametrize("raw", ["002 lines 1-3", ["2 10-12"], ["002 30-10"], ["rule:"], "none", [], "none:"])
def test_a_malformed_source_fails_at_load_time(raw):
    with pytest.raises(ValueError):
        parse_source(raw, "test")


@pytest.mark.parametrize("citation, problem", [
    (Citation("002", 4900, 5000), "has 4943 lines"),
    (Citation("009", 1, 2), "no such report"),
    (Citation("no-such-act"), "no such rule"),
])
def test_the_register_finds_bad_citations(citation, problem):
    assert problem in register().problems(Source("cited", (citation,)))[0]


def test_every_entry_has_a_stable_key_once():
    keys = [e.key for e in ENTRIES]
    assert len(keys) == len(set(keys))
    assert "explanations.risk.supervision.review" in keys and "glossary.parole" in keys
    assert "values.sentence_type.long_term" in keys


def test_a_citation_reads_as_words_for_staff():
    assert register().describe(Citation("002", 1371, 1392)).endswith(", lines 1371-1392")
    assert register().describe(Citation("003", 64, 64)).endswith(", line 64")
    assert "1993" in register().describe(Citation("pcp-1993-s2"))
