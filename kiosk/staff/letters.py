"""The staff letters inbox: by forum and meeting date, with filters; open (audited),
acknowledge, mark shared with the meeting, reply, export as PDF; help requests; figures.

A blueprint of its own under /staff/letters, using the staff side's sign-in, permissions and
audit trail. Every letter is reached through the signed-in user's person scope (404 outside it).
"""
from __future__ import annotations

from datetime import timedelta
from itertools import groupby

from flask import Blueprint, Response, abort, current_app, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import TextAreaField
from wtforms.validators import DataRequired

from kiosk.data import letter_queries
from kiosk.extensions import db
from kiosk.models import Letter, Person
from kiosk.services.access.staff_access import Permission, person_scope
from kiosk.services.letters import figures as letter_figures
from kiosk.services.letters import writing as letters
from kiosk.services.staff import audit

from .access import now, staff_required
from .forms import at_most
from .templating import label, staff_template_helpers

bp = Blueprint("staff_letters", __name__, url_prefix="/staff/letters")
bp.context_processor(staff_template_helpers)
FILTERS = (letter_queries.NEW, letter_queries.OVERDUE, letter_queries.LATE)


class ReplyForm(FlaskForm):
    """The answer the person will read on the kiosk, with its jargon explained to them."""

    text = TextAreaField(_l("Your reply"), validators=[DataRequired(_l("Write the reply first.")),
                                                       at_most("reply")])


@bp.context_processor
def letter_helpers() -> dict:
    """Who a letter goes to, in words, for the inbox headings and the filter."""
    return {"letter_forum": letters.forum_name, "forums": letters.FORUM_NAMES}


def _rules() -> letters.Rules:
    return letters.Rules.from_config(current_app.config)


def _letter_or_404(letter_id: int) -> Letter:
    letter = letter_queries.letter_for_staff(db.session, person_scope(g.staff_user), letter_id)
    if letter is None:
        abort(404)
    return letter


def _groups(rows: list[tuple[Letter, Person]]) -> list:
    """Rows grouped by forum, then by meeting date, keeping the query's order:
    [(forum, [(meeting date or None, [(letter, person), ...]), ...]), ...]."""
    groups = []
    for forum, forum_rows in groupby(rows, key=lambda row: row[0].forum):
        by_day = groupby(forum_rows, key=lambda row: row[0].meeting_date)
        groups.append((forum, [(day, list(day_rows)) for day, day_rows in by_day]))
    return groups


@bp.route("/")
@staff_required(Permission.READ_LETTERS)
def inbox():
    """Letters by forum and meeting date; filters for new, overdue and late for the meeting."""
    show = request.args.get("show") if request.args.get("show") in FILTERS else None
    forum = request.args.get("forum") if request.args.get("forum") in letters.FORUM_NAMES else None
    scope = person_scope(g.staff_user)
    rows = letter_queries.inbox(db.session, scope, show=show, forum=forum,
                                sent_before=now() - timedelta(days=_rules().answer_days))
    return render_template("staff/letters/inbox.html", groups=_groups(rows), count=len(rows),
                           show=show, forum=forum, filters=FILTERS,
                           help_requests=letter_queries.open_help_requests(db.session, scope))


@bp.route("/<int:letter_id>")
@staff_required(Permission.READ_LETTERS)
def letter(letter_id: int):
    """One letter, its steps and the reply form; the opening is written to the audit trail."""
    letter = _letter_or_404(letter_id)
    person = db.session.get(Person, letter.person_id)
    with db.transaction() as db_session:
        audit.record(db_session, g.staff_user, audit.VIEW, person, f"letter {letter.reference}")
    form = ReplyForm(data={"text": letter.reply or ""})
    return render_template("staff/letters/letter.html", letter=letter, person=person, form=form,
                           answer_by=letters.answer_due(letter.sent_at.date(), _rules()))


def _change(letter_id: int, what: str, change, done: str) -> Response:
    """Apply one change to a letter in scope, audit it and go back to the letter."""
    letter = _letter_or_404(letter_id)
    with db.transaction() as db_session:
        change(letter)
        audit.record(db_session, g.staff_user, audit.CHANGE, db_session.get(Person, letter.person_id),
                     f"letter {letter.reference}: {what}")
    flash(done)
    return redirect(url_for(".letter", letter_id=letter_id))


@bp.route("/<int:letter_id>/acknowledge", methods=["POST"])
@staff_required(Permission.READ_LETTERS)
def acknowledge(letter_id: int):
    """The person sees that staff have their letter."""
    return _change(letter_id, "received", lambda letter: letters.acknowledge(letter, g.staff_user.id, now()),
                   _("Marked as received. The person can see this."))


@bp.route("/<int:letter_id>/shared", methods=["POST"])
@staff_required(Permission.READ_LETTERS)
def shared(letter_id: int):
    """The person sees that their letter went to the meeting."""
    return _change(letter_id, "shared with the meeting",
                   lambda letter: letters.mark_shared(letter, g.staff_user.id, now()),
                   _("Marked as shared with the meeting. The person can see this."))


@bp.route("/<int:letter_id>/reply", methods=["POST"])
@staff_required(Permission.READ_LETTERS)
def reply(letter_id: int):
    """Write the answer the person reads on the kiosk."""
    form = ReplyForm()
    if not form.validate_on_submit():
        letter = _letter_or_404(letter_id)
        return render_template("staff/letters/letter.html", letter=letter, form=form,
                               person=db.session.get(Person, letter.person_id),
                               answer_by=letters.answer_due(letter.sent_at.date(), _rules())), 400
    return _change(letter_id, "replied",
                   lambda letter: letters.reply(letter, g.staff_user.id, form.text.data, now()),
                   _("Reply saved. The person can read it on the kiosk."))


@bp.route("/<int:letter_id>/pdf")
@staff_required(Permission.READ_LETTERS)
def pdf(letter_id: int):
    """The letter as a tagged PDF for the meeting papers; the export is audited."""
    from kiosk.services.printing.pdf import render_pdf

    letter = _letter_or_404(letter_id)
    person = db.session.get(Person, letter.person_id)
    html = render_template("staff/letters/letter_pdf.html", letter=letter, person=person)
    document = render_pdf(html, lang="en")
    with db.transaction() as db_session:
        audit.record(db_session, g.staff_user, audit.EXPORT, person, f"letter {letter.reference} as PDF")
    return Response(document, mimetype="application/pdf", headers={
        "Content-Disposition": f'attachment; filename="letter-{letter.reference}.pdf"'})


@bp.route("/help/<int:help_id>/done", methods=["POST"])
@staff_required(Permission.READ_LETTERS)
def help_done(help_id: int):
    """Someone has been to help the person write."""
    request_ = letter_queries.help_request_for_staff(db.session, person_scope(g.staff_user), help_id)
    if request_ is None:
        abort(404)
    with db.transaction() as db_session:
        request_.done_at, request_.done_by = now(), g.staff_user.id
        audit.record(db_session, g.staff_user, audit.CHANGE, db_session.get(Person, request_.person_id),
                     "help to write a letter given")
    flash(_("Marked as helped."))
    return redirect(url_for(".inbox"))


@bp.route("/figures")
@staff_required(Permission.VIEW_LETTER_FIGURES)
def figures():
    """Median days to acknowledge and answer; understanding by page and decision type."""
    establishment = g.staff_user.establishment_id
    seen = letter_figures.understanding(db.session, establishment)
    pages = [(_page_name(row.page), row) for row in seen["pages"]]
    types = [(_label("decision_subject", row.topic), row) for row in seen["decision_types"]]
    return render_template(
        "staff/letters/figures.html", speeds=letter_figures.speeds(db.session, establishment),
        pages=pages, decision_types=types, page_chart=letter_figures.stacked_bars(pages),
        type_chart=letter_figures.stacked_bars(types),
        words=letter_queries.recent_words(db.session, establishment))


def _page_name(page: str) -> str:
    return {"decision": _("Decision pages"), "meeting": _("Meeting pages")}.get(page, page)


def _label(field: str, value: str) -> str:
    try:
        return label(field, value)
    except KeyError:
        return value
