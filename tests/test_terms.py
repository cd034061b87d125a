"""One word for each thing: each key term has one agreed rendering per language (content/<lang>/
terms.yml), every entry whose English uses a term uses that language's rendering of it, and
no two terms share a rendering.

A language whose translators have not written terms.yml yet fails by name (strict xfail), so
the gap shows in every run; the translators remove the mark when they add the file.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from babel.messages.pofile import read_po

from kiosk.services.wording.content import content_for
from kiosk.services.wording.phrases import bank

CONTENT = Path(__file__).resolve().parents[1] / "content"
TRANSLATED = ("gd", "pl", "sq", "vi", "ar")
# The terms issue 13 names; content/en/terms.yml may add more, never drop these.
REQUIRED = {
    "rmt", "case_conference", "fgtr", "temporary_release", "national_top_end", "open_estate", "ciu",
    "supervision_high", "supervision_medium", "supervision_low", "ls_cmi", "risk_and_needs_check",
    "course_check", "harm_check", "arrival_check", "punishment_part", "parole", "parole_board",
    "licence", "recall", "olr", "mappa", "hdc", "icm", "personal_officer", "social_worker",
    "programme", "progression", "ombudsman",
}


def terms(lang: str) -> dict[str, dict]:
    return yaml.safe_load((CONTENT / lang / "terms.yml").read_text("utf-8")) or {}


ENGLISH = terms("en")


def spellings(term: dict) -> list[str]:
    return [term["rendering"], *term.get("variants", [])]


def terms_used(text: str) -> set[str]:
    """The key terms an English text uses; a longer term hides the shorter ones inside it
    ("first temporary release" is FGTR, not also temporary release)."""
    found = []
    for key, term in ENGLISH.items():
        flags = 0 if term.get("match_case") else re.IGNORECASE
        for spelling in spellings(term):
            for hit in re.finditer(rf"(?<!\w){re.escape(spelling)}(?!\w)", text, flags):
                found.append((hit.start(), hit.end(), key))
    used, taken = set(), []
    for start, end, key in sorted(found, key=lambda f: f[0] - f[1]):  # longest first
        if not any(start < t_end and t_start < end for t_start, t_end in taken):
            taken.append((start, end))
            used.add(key)
    return used


def all_words(lang: str) -> dict[str, str]:
    """Each entry's words in one language by stable key: plain and easy read together, and for
    a glossary entry its name and what it stands for too; the phrase bank's phrases and roles
    (a role in every grammatical form a language gives it) are entries too."""
    content = content_for(lang)
    names = {f"glossary.{t.key}": f"{t.term} {t.stands_for}" for t in content.glossary}
    words = {e.key: " ".join((names.get(e.key, ""), e.plain, *e.easy)) for e in content.entries()
             if e.key.startswith(("explanations.", "glossary."))}
    phrases = bank(lang)
    words |= {f"phrases.{p.key}": " ".join(p.templates) for p in phrases.phrases.values()}
    words |= {f"phrases.roles.{r.key}": " ".join((r.words, *r.forms.values())) for r in phrases.roles.values()}
    return words


def entry_texts(lang: str) -> dict[str, str]:
    """all_words for the entries the language's own files translate: one still falling back to
    English is the completeness test's business (tests/test_languages.py), not this one's."""
    english = entry_texts_english()
    return {key: words for key, words in all_words(lang).items() if words != english[key]}


def clashes(table: dict[str, dict]) -> list[str]:
    """Spellings that two terms share (case and spacing aside)."""
    owner: dict[str, str] = {}
    found = []
    for key, term in table.items():
        for spelling in spellings(term):
            folded = " ".join(spelling.casefold().split())
            if folded in owner and owner[folded] != key:
                found.append(f"{spelling!r}: {owner[folded]} and {key}")
            owner.setdefault(folded, key)
    return found


def test_english_names_every_required_term_once():
    assert REQUIRED <= set(ENGLISH)
    assert all(term.get("rendering") and term.get("about") for term in ENGLISH.values())
    assert not clashes(ENGLISH)


def test_english_uses_every_term_somewhere():
    used = set().union(*(terms_used(text) for text in entry_texts_english().values()))
    assert set(ENGLISH) - used == set()


def entry_texts_english() -> dict[str, str]:
    return all_words("en")


def test_english_never_uses_the_words_a_term_avoids():
    found = []
    for key, text in entry_texts_english().items():
        for name, term in ENGLISH.items():
            agreed = re.compile("|".join(re.escape(s) for s in spellings(term)), re.IGNORECASE)
            rest = agreed.sub(" ", text)  # "Top End" inside "National Top End" is fine
            found += [f"{key}: {avoided!r} for {name}" for avoided in term.get("avoid", [])
                      if re.search(rf"(?<!\w){re.escape(avoided)}(?!\w)", rest, re.IGNORECASE)]
    assert not found, "\n".join(found)


def test_finding_terms_prefers_the_longer_one():
    assert terms_used("Your first temporary release.") == {"fgtr"}
    assert terms_used("The Parole Board decides on parole.") == {"parole_board", "parole"}
    assert terms_used("Your risk level is low.") == set()  # a risk level, not the supervision level
    assert terms_used("On Low, there is no set time.") == {"supervision_low"}


def test_the_risk_of_serious_harm_is_not_the_check_about_it():
    # A risk plan is for people with the risk itself; the fuller check about harm assesses it.
    assert terms_used("A risk plan is for people with a risk of serious harm.") == {"serious_harm_risk"}
    assert terms_used("This is the fuller check about harm (RoSH).") == {"harm_check"}


def test_interface_strings_call_the_risk_and_needs_check_by_its_agreed_name():
    # "check" names four assessments; a bare "risk check" or "the check" says none of them.
    with (CONTENT.parent / "translations" / "messages.pot").open("rb") as pot:
        ids = [m.id for m in read_po(pot) if isinstance(m.id, str) and m.id]
    vague = [i for i in ids if re.search(r"\b(risk check|next check|the check)\b", i, re.IGNORECASE)]
    assert not vague, vague


def language_params():
    for lang in TRANSLATED:
        marks = ()
        if not (CONTENT / lang / "terms.yml").exists():
            marks = (pytest.mark.xfail(strict=True, reason=f"content/{lang}/terms.yml not written yet"),)
        yield pytest.param(lang, marks=marks, id=lang)


@pytest.mark.parametrize("lang", list(language_params()))
def test_each_language_has_one_rendering_for_each_term(lang):
    table = terms(lang)
    missing = sorted(set(ENGLISH) - {key for key, term in table.items() if term.get("rendering")})
    assert not missing, f"content/{lang}/terms.yml has no rendering for {missing}"
    assert not clashes(table), "\n".join(clashes(table))


@pytest.mark.parametrize("lang", list(language_params()))
def test_each_translated_entry_uses_the_languages_rendering(lang):
    table = terms(lang)
    english = entry_texts_english()
    problems = []
    for key, translated in entry_texts(lang).items():
        for term in sorted(terms_used(english[key])):
            if term not in table:
                continue  # reported by the test above
            wanted = spellings(table[term])
            if not any(w.casefold() in translated.casefold() for w in wanted):
                problems.append(f"{key}: uses {term} in English but not {wanted[0]!r}")
    assert not problems, f"{len(problems)} entries:\n" + "\n".join(problems[:100])
