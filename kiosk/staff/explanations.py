"""What people are told, for staff to read and for reviewers to confirm: every explanation,
glossary entry and label that states a fact, in all six languages, with its source and where
its review stands (kiosk.services.wording.review). Confirming is audited."""
from __future__ import annotations

from babel import Locale
from flask import flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from kiosk.data import review_queries
from kiosk.extensions import db
from kiosk.i18n import LANGUAGES, text_direction
from kiosk.services.access.staff_access import Permission
from kiosk.services.wording import review
from kiosk.services.wording.content import register

from . import bp
from .access import now, staff_required
from .forms import ExplanationFilterForm, ReviewForm, choice

SECTION_NAMES = {
    "explanations.dates": _l("Key dates"),
    "explanations.plan": _l("The plan"),
    "explanations.meetings": _l("Meetings"),
    "explanations.decisions": _l("Decisions"),
    "explanations.risk": _l("Risk and supervision"),
    "explanations.programmes": _l("Courses (programmes)"),
    "explanations.progression": _l("Moving on to fewer rules (progression)"),
    "explanations.licence": _l("Licence"),
    "explanations.icm": _l("Integrated case management (ICM)"),
    "explanations.staff": _l("Staff and what they do"),
    "explanations.views": _l("Giving your views"),
    "explanations.letters": _l("Letters and feedback"),
    "explanations.printing": _l("Printed copies"),
    "explanations.pages": _l("Guidance on the kiosk's pages"),
    "explanations.empty": _l("When a record has nothing to show"),
    "glossary": _l("Words staff use (the glossary)"),
    "values": _l("Record labels that state a fact"),
}
STATE_NAMES = {
    review.State.CONFIRMED: _l("Confirmed"),
    review.State.CHANGED: _l("Changed since it was confirmed"),
    review.State.NEW: _l("Not confirmed yet"),
}
STATE_FILTERS = {
    "": _l("Any"),
    review.UNCONFIRMED: _l("Not confirmed (new or changed)"),
    review.State.CHANGED: _l("Changed since it was confirmed"),
    review.State.NEW: _l("Never confirmed"),
    review.State.CONFIRMED: _l("Confirmed"),
}
LANGUAGE_STATE_NAMES = {
    review.LanguageState.CHECKED: _l("Checked against this English"),
    review.LanguageState.CHANGED: _l("Changed since it was confirmed"),
    review.LanguageState.OLDER_ENGLISH: _l("Checked against older English"),
    review.LanguageState.NOT_CHECKED: _l("Not checked yet"),
}
REFUSALS = {
    review.Refusal.NO_SUCH_ENTRY: _l("That entry is not in the list, so nothing was confirmed. "
                                     "Choose Confirm under the entry you checked."),
    review.Refusal.WORDS_CHANGED: _l("The words of this entry changed after you opened the page, "
                                     "so nothing was confirmed. Read them again, then confirm."),
}


class Language:
    """A language as this English page names it, with its own name and direction."""

    def __init__(self, code: str):
        self.code = code
        self.english_name = Locale.parse(code).get_display_name("en")
        self.own_name = LANGUAGES[code]
        self.dir = text_direction(code)


LANGUAGE_NAMES = {code: Language(code) for code in LANGUAGES}


def section_name(section: str) -> str:
    """A section in words (its key, if it has no name yet)."""
    return str(SECTION_NAMES.get(section, section))


def _filter_form() -> tuple[ExplanationFilterForm, review.Filter, int]:
    """The filter form read from the query string; a part that does not validate is ignored."""
    form = ExplanationFilterForm(request.args)
    form.section.choices = [choice("", _("Every section"))] + [
        choice(section, section_name(section)) for section in review.sections()]
    form.state.choices = [choice(value, str(name)) for value, name in STATE_FILTERS.items()]
    form.validate()

    def valid(field, default):
        return default if field.errors or field.data is None else field.data

    wanted = review.Filter(text=valid(form.q, ""), section=valid(form.section, ""),
                           state=valid(form.state, ""))
    return form, wanted, valid(form.page, 1)


def _query(wanted: review.Filter, number: int = 1) -> dict:
    """The query string of a list page, leaving out what is empty."""
    parts = {"q": wanted.text, "section": wanted.section, "state": wanted.state}
    return {name: value for name, value in parts.items() if value} | (
        {"page": number} if number > 1 else {})


def _list_page(problem: str | None = None, problem_key: str | None = None):
    """The list, as filtered by the query string; with a problem, saying it at the top."""
    form, wanted, number = _filter_form()
    reviews = review_queries.newest_reviews(db.session)
    statuses = review.statuses(reviews)
    page = review.page_of(statuses, wanted, number)
    return render_template(
        "staff/explanations.html", form=form, page=page, wanted=wanted,
        query=_query(wanted), page_query=lambda n: _query(wanted, n),
        unconfirmed=review.unconfirmed_count(reviews),
        everything=len(statuses), languages=LANGUAGE_NAMES,
        review_form=ReviewForm(formdata=None), problem=problem, problem_key=problem_key,
        section_name=section_name, state_names=STATE_NAMES,
        language_state_names=LANGUAGE_STATE_NAMES, describe=register().describe)


@bp.route("/explanations")
@staff_required()
def explanations():
    """Every entry in every language with its source and review; filters by key or words,
    section and review, a page at a time."""
    return _list_page()


@bp.route("/explanations/confirm", methods=["POST"])
@staff_required(Permission.REVIEW_EXPLANATIONS)
def confirm_explanation():
    """A reviewer confirms one entry's words, in every language, as their page showed them."""
    form = ReviewForm()
    if not form.validate_on_submit():
        return _list_page(str(REFUSALS[review.Refusal.NO_SUCH_ENTRY]))
    key = form.key.data
    try:
        with db.transaction() as db_session:
            review.confirm(db_session, g.staff_user, key, form.words.data, now())
    except review.ReviewRefused as refused:
        return _list_page(str(REFUSALS[refused.reason]), key)
    flash(_("%(key)s is confirmed. If its words change in any language, it will need "
            "confirming again.", key=key))
    _form, wanted, number = _filter_form()
    return redirect(url_for(".explanations", **_query(wanted, number), _anchor=f"entry-{key}"))
