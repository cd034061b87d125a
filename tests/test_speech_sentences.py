"""Sentences for read aloud (kiosk.services.speech.sentences): where they start and end, which
language each part is in, what is never read, and that marking them changes nothing a person
sees. Plain HTML in, no app needed."""
from __future__ import annotations

from html import escape

from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.services.speech.sentences import MAX_CHARS, Run, mark, sentences_in_page
from support.pages import html_problems


def texts(html: str, language: str = "en") -> list[str]:
    return [sentence.text for sentence in mark(html, language).sentences]


def page(main: str, language: str = "en") -> str:
    """A whole page around a main part, as the app sends it."""
    return (f'<!DOCTYPE html>\n<html lang="{language}" dir="ltr"><head><title>T</title></head><body>'
            f'<header><p>Not read. My Plan.</p></header><main id="main-content">{main}</main>'
            f'<footer><p>Not read either.</p></footer></body></html>')


def test_a_paragraph_is_cut_at_full_stops_but_not_after_an_initial():
    html = "<p>Ask Officer S. Bell. Dr. Shah can help! Is it fixed? Yes: it is.</p>"
    assert texts(html) == ["Ask Officer S. Bell.", "Dr. Shah can help!", "Is it fixed?", "Yes:", "it is."]


def test_blocks_end_sentences_and_inline_elements_do_not():
    html = ('<h1>Hello, <span class="app-name">Danny</span></h1><ul><li>One thing</li><li>Another'
            '<br>after a break</li></ul><p>Due on <span class="app-date">12 March 2027</span>.</p>')
    assert texts(html) == ["Hello, Danny", "One thing", "Another", "after a break",
                           "Due on 12 March 2027."]
    marked = BeautifulSoup(mark(html, "en").html, "html.parser")
    assert [span.get_text() for span in marked.select("h1 [data-sentence='1']")] == ["Hello,", "Danny"]


def test_each_part_keeps_the_language_its_element_says():
    html = ('<p>Personel napisał:</p><div class="app-staff-text" lang="en" dir="ltr">RMP agreed '
            '<span class="app-term__full" lang="pl"> (plan bezpieczeństwa)</span> today.</div>')
    sentences = mark(html, "pl").sentences
    assert sentences[0].runs == (Run("pl", "Personel napisał:"),)
    assert sentences[1].runs == (Run("en", "RMP agreed"), Run("pl", "(plan bezpieczeństwa)"),
                                 Run("en", "today."))
    assert [voice for voice, _ in sentences[1].spoken] == ["en-gb", "pl", "en-gb"]


def test_a_glossary_meaning_is_set_aside_and_the_line_around_it_goes_on():
    html = ('<div class="app-staff-text" lang="en">Review by <details class="app-term" data-term="mappa">'
            '<summary class="app-term__summary"><span class="app-term__written">MAPPA</span></summary>'
            '<span class="app-term__meaning" lang="ar">فرق تعمل معا. لحماية الناس.</span></details>'
            ' next month.</div>')
    outer, *meaning = mark(html, "ar").sentences
    assert (outer.number, outer.text, outer.aside) == (1, "Review by MAPPA next month.", False)
    assert [(s.number, s.text, s.aside, s.language) for s in meaning] == [
        (2, "فرق تعمل معا.", True, "ar"), (3, "لحماية الناس.", True, "ar")]
    marked = BeautifulSoup(mark(html, "ar").html, "html.parser")
    assert [span.get_text() for span in marked.select("[data-sentence='1']")] == [
        "Review by", "MAPPA", "next month."]


def test_what_is_not_shown_as_text_is_never_read():
    html = ('<p>Read me.<span class="govuk-visually-hidden"> (done)</span></p>'
            '<p hidden>Hidden.</p><p aria-hidden="true">Decoration.</p>'
            '<script>var said = "Script.";</script><style>p::after { content: "Style." }</style>'
            '<label for="t">Your letter</label><textarea id="t">My own draft.</textarea>'
            '<select><option>Option.</option></select><input value="Value.">'
            '<button type="button" hidden>Use these words</button><p>   </p><p>—</p>')
    assert texts(html) == ["Read me.", "Your letter"]
    marked = mark(html, "en").html
    assert '<script>var said = "Script.";</script>' in marked, "a script's text is left as it was"


def test_a_long_run_of_words_is_cut_into_short_sentences():
    words = "word " * 200 + "and, after a comma, " + "more " * 100
    found = texts(f"<p>{words}</p>")
    assert len(found) > 3 and all(len(text) <= MAX_CHARS for text in found)
    assert " ".join(found).split() == words.split()


def test_the_page_read_again_has_the_same_sentences_as_the_page_marked():
    main = ('<h1>Your plan</h1><p>It is agreed. <a href="/me/plan#a">See it</a>.</p>'
            '<div lang="en">Staff text <details class="app-term"><summary class="app-term__summary">'
            'SEL</summary><span class="app-term__meaning" lang="gd">Turas.</span></details> here.</div>')
    marked = mark(main, "gd")
    again = sentences_in_page(page(marked.html, "gd"))
    assert again == marked.sentences
    assert [s.key for s in again] == [s.key for s in marked.sentences]
    assert sentences_in_page(page(main, "gd")) == marked.sentences, "the marks change nothing"


def test_the_same_words_in_the_same_voice_have_the_same_key_on_any_page():
    first, second = mark("<p>Ask staff.</p>", "en").sentences[0], mark("<li>Ask staff.</li>", "en").sentences[0]
    assert first.key == second.key and len(first.key) == 32
    assert mark("<p>Ask staff.</p>", "pl").sentences[0].key != first.key, "another voice, another key"


# Marking never changes what a person sees, whatever text staff or a person wrote ------------

BLOCKS = st.sampled_from(["p", "li", "h2", "dd", "div"])
INLINES = st.sampled_from(["span", "strong", "a", "q"])


@st.composite
def main_parts(draw) -> str:
    """A main part built from any text, each piece escaped as Jinja escapes it."""
    parts = []
    for _ in range(draw(st.integers(1, 4))):
        block, inline = draw(BLOCKS), draw(INLINES)
        before, inside, after = (escape(draw(st.text(max_size=80))) for _ in range(3))
        lang = draw(st.sampled_from(["", ' lang="en"', ' lang="ar"']))
        parts.append(f"<{block}{lang}>{before}<{inline}>{inside}</{inline}>{after}</{block}>")
    return "".join(parts)


@settings(max_examples=150, deadline=None)
@given(main=main_parts(), language=st.sampled_from(["en", "gd", "pl", "sq", "vi", "ar"]))
def test_marking_keeps_every_word_and_adds_only_spans(main, language):
    marked = mark(main, language)
    assert html_problems(page(marked.html, language)) == []
    before, after = BeautifulSoup(main, "html.parser"), BeautifulSoup(marked.html, "html.parser")
    # (BeautifulSoup turns text that is only spaces into one space, so compare the words.)
    assert after.get_text().split() == before.get_text().split(), "the words on the page changed"
    assert not after.find("script") and len(after.find_all(True)) == (
        len(before.find_all(True)) + len(after.select("span.app-sentence")))
    assert all(span.get_text().strip() for span in after.select("span.app-sentence"))
    assert sentences_in_page(page(marked.html, language)) == marked.sentences
    numbers = [s.number for s in marked.sentences]
    assert numbers == list(range(1, len(numbers) + 1))
