"""Everything a person reads in content/en is measured, so the words stay at a reading age of about 9."""
from __future__ import annotations

import re

import pytest
import textstat
import yaml

from kiosk.services.wording.content import CONTENT_ROOT, content_for
from kiosk.services.wording.phrases import GROUPS, bank, say
from kiosk.services.wording.plain_language import readability

# mode: (lowest Flesch reading ease, highest mean words a sentence)
LIMITS = {"plain": (80, 12), "easy": (90, 10)}


def person_facing_texts():
    """(file, entry, mode, text) for every explanation and glossary entry; labels are too short to measure."""
    en = content_for("en")
    for key, explanation in en.explanations.items():
        yield "explanations", key, "plain", explanation.plain
        yield "explanations", key, "easy", " ".join(item.text for item in explanation.easy)
    for term in en.glossary:
        yield "glossary", term.key, "plain", term.plain
        yield "glossary", term.key, "easy", term.easy


TEXTS = list(person_facing_texts())


def failures(rows, mode):
    """The rows that miss the limits for their mode, described for the assertion message."""
    lowest_ease, longest = LIMITS[mode]
    found = []
    for file, key, _, text in rows:
        report = readability(text)
        if report.flesch < lowest_ease or report.mean_sentence_words > longest:
            found.append(f"{file}.yml {key} ({mode}): ease {report.flesch:.1f}, {report.mean_sentence_words:.1f} words a sentence: {text!r}")
    return found


@pytest.mark.parametrize("mode", sorted(LIMITS))
def test_each_entry_is_easy_to_read(mode):
    found = failures([row for row in TEXTS if row[2] == mode], mode)
    assert not found, f"{len(found)} entries too hard to read:\n" + "\n".join(found)


@pytest.mark.parametrize("mode", sorted(LIMITS))
@pytest.mark.parametrize("file", ["explanations", "glossary"])
def test_each_file_is_easy_to_read(file, mode):
    whole = " ".join(text for row_file, _, row_mode, text in TEXTS if row_file == file and row_mode == mode)
    assert whole
    assert not failures([(file, "(whole file)", mode, whole)], mode)


def test_easy_items_are_short():
    long_items = [
        f"{key}: {item.text!r}"
        for key, explanation in content_for("en").explanations.items()
        for item in explanation.easy
        if readability(item.text).mean_sentence_words > 12
    ]
    assert not long_items, "\n".join(long_items)


# Moving on, getting out, complaints and the review for young people (content/en/moving_on.yml)
# hold their easy read to the stricter rule of issue 16: no sentence over 10 words.
MOVING_ON = tuple(yaml.safe_load((CONTENT_ROOT / "en" / "moving_on.yml").read_text(encoding="utf-8")))


def moving_on_easy_items():
    return [(key, item.text) for key, explanation in content_for("en").explanations.items()
            if key.split(".")[0] in MOVING_ON for item in explanation.easy]


def test_moving_on_easy_read_has_no_sentence_over_ten_words():
    items = moving_on_easy_items()
    assert len(items) > 100
    too_long = [f"{key}: {sentence!r}" for key, text in items
                for sentence in re.split(r"(?<=[.!?])\s+", text) if textstat.lexicon_count(sentence) > 10]
    assert not too_long, "\n".join(too_long)


def test_moving_on_easy_read_as_a_whole_scores_at_least_90():
    whole = " ".join(text for _, text in moving_on_easy_items())
    assert readability(whole).flesch >= LIMITS["easy"][0]


# The phrase bank: each phrase is one or two sentences, too short for a reading-ease score of
# its own, so each group is measured as a whole (with its slots filled in), and every sentence
# and easy-read line for its length.
EXAMPLE = {"place": "Paisley", "programme": "Pathways", "name": "Sam Smith", "role": "social_worker",
           "date": "2027-03-12", "from": "19:00", "until": "07:00"}


def phrase_texts(group: str, mode: str) -> list[tuple[str, str]]:
    said = [say(phrase.key, EXAMPLE) for phrase in bank("en").group(group)]
    if mode == "plain":
        return [(s.key, s.plain_text) for s in said]
    return [(s.key, text) for s in said for text in s.easy_texts]


@pytest.mark.parametrize("mode", sorted(LIMITS))
@pytest.mark.parametrize("group", GROUPS)
def test_each_group_of_phrases_is_easy_to_read(group, mode):
    whole = " ".join(text for _, text in phrase_texts(group, mode))
    assert not failures([("phrases", group, mode, whole)], mode)


@pytest.mark.parametrize("mode, longest", [("plain", 15), ("easy", 12)])
def test_each_phrase_sentence_is_short(mode, longest):
    long = [f"{key}: {text!r}" for group in GROUPS for key, text in phrase_texts(group, mode)
            for sentence in re.split(r"(?<=[.?!])\s+", text) if textstat.lexicon_count(sentence) > longest]
    assert not long, "\n".join(long)
