"""Writing, checking and sending a letter, and seeing it afterwards with its answer.

The draft is saved by every request that carries the text: htmx as the person types, and the
plain Save and Check buttons without JavaScript. Send takes only the draft's send key, and
sends what is stored on the server, so what the person checked is what is sent.
"""
from __future__ import annotations

from functools import wraps

from flask import abort, current_app, g, redirect, render_template, request, url_for

from kiosk.data import letter_queries, queries
from kiosk.extensions import db
from kiosk.services.letters import writing as letters
from kiosk.signin.access import (
    load_visit, now, person_required, signed_in_person, waiting_for_own_pin,
)
from kiosk.templating import today

from . import bp
from .forms import LetterForm, SendForm

STATUS_TARGET = "draft-status"
KINDS = "any(meeting, decision, forum)"


def rules() -> letters.Rules:
    """The letter rules set for this prison (see kiosk/config.py)."""
    return letters.Rules.from_config(current_app.config)


def _target_or_404(kind: str, key: str) -> letters.Target:
    """The person's own meeting, decision or team; a draft whose record has gone still opens."""
    target = letters.find_target(db.session, g.visit.person_id, kind, key)
    if target is None:
        if letter_queries.draft_for(db.session, g.visit.person_id, kind, key) is None:
            abort(404)
        target = letters.Target(kind, key, "other")
    return target


def _letter_or_404(reference: str):
    return letter_queries.letter_of(db.session, g.visit.person_id, reference.upper()) or abort(404)


def _is_autosave() -> bool:
    """Only the as-you-type save gets the status fragment (not a history restore)."""
    return bool(request.headers.get("HX-Request")) and request.headers.get("HX-Target") == STATUS_TARGET


def _writer_required(view):
    """`person_required`, except that an as-you-type save after the visit has ended sends the
    screen to the timed-out page, rather than putting the sign-in page in the status line."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        if not _is_autosave():
            return person_required(view)(*args, **kwargs)
        visit = load_visit()
        if visit is None:
            return "", 204, {"HX-Redirect": url_for("signin.timed_out")}
        if waiting_for_own_pin(visit):
            return "", 204, {"HX-Redirect": url_for("signin.choose_pin")}
        return view(*args, **kwargs)

    return wrapper


def _late_now(target: letters.Target) -> str | None:
    return letters.lateness(target.meeting_date, today(), rules())


@bp.route("/")
@person_required
def index():
    """Letters sent with where each is up to, letters not sent yet, and how to start one."""
    person_id = g.visit.person_id
    drafts = [(draft, letters.find_target(db.session, person_id, draft.target_kind,
                                          draft.target_key))
              for draft in letter_queries.drafts_of(db.session, person_id)]
    return render_template("letters/index.html", drafts=drafts,
                           sent=letter_queries.letters_of(db.session, person_id))


@bp.route("/new")
@person_required
def choose():
    """Who to write to: a meeting to come, or one of the teams."""
    coming = [m for m in queries.meetings_for(db.session, g.visit.person_id)
              if m.date >= today() and m.status in ("scheduled", "postponed")]
    return render_template("letters/choose.html", meetings=coming, forums=letters.CHOOSABLE_FORUMS)


@bp.route(f"/write/<{KINDS}:kind>/<key>", methods=["GET", "POST"])
@_writer_required
def write(kind: str, key: str):
    """The writing page. Every POST saves the draft first, whatever happens next, unless it
    is past the ceiling: then nothing is kept, and the words stay on screen with the reason."""
    target = _target_or_404(kind, key)
    if request.method == "POST":
        form = LetterForm()
        if letters.too_long_to_keep(form.text.data):
            if _is_autosave():
                return render_template("letters/_draft_status.html", draft=None, unkept=True,
                                       length=letters.length_of(form.text.data, rules()))
            return _write_page(target, form, unkept=True)
        draft = letters.save_draft(db.session, g.visit.person_id, target, form.text.data, now())
        if _is_autosave():
            return render_template("letters/_draft_status.html", draft=draft,
                                   length=letters.length_of(draft.text, rules()))
        if request.form.get("action") == "check":
            return redirect(url_for(".check", kind=kind, key=key))
        return redirect(url_for(".write", kind=kind, key=key, saved=1))
    draft = letter_queries.draft_for(db.session, g.visit.person_id, kind, key)
    return _write_page(target, LetterForm(data={"text": draft.text if draft else ""}))


def _write_page(target: letters.Target, form: LetterForm, unkept: bool = False) -> str:
    person_id = g.visit.person_id
    draft = letter_queries.draft_for(db.session, person_id, target.kind, target.key)
    return render_template(
        "letters/write.html", target=target, form=form, draft=draft, unkept=unkept,
        length=letters.length_of(form.text.data or "", rules()), late=_late_now(target),
        saved=bool(request.args.get("saved")) and draft is not None and not unkept,
        help_asked=letter_queries.open_help_request(
            db.session, person_id, target.kind, target.key) is not None,
        sent_before=[letter for letter in letter_queries.letters_of(db.session, person_id)
                     if letters.written_to(letter, target)])


@bp.route(f"/check/<{KINDS}:kind>/<key>")
@person_required
def check(kind: str, key: str):
    """Check your letter: exactly what will be sent, and the one button that sends it."""
    target = _target_or_404(kind, key)
    draft = letter_queries.draft_for(db.session, g.visit.person_id, kind, key)
    if draft is None:
        return redirect(url_for(".write", kind=kind, key=key))
    length = letters.length_of(draft.text, rules())
    return render_template("letters/check.html", target=target, draft=draft, length=length,
                           late=_late_now(target), form=SendForm(data={"send_key": draft.send_key}))


@bp.route("/send", methods=["POST"])
@person_required
def send():
    """Send once: the same key always leads to the same letter."""
    form = SendForm()
    if not form.validate_on_submit():
        abort(400)
    result = letters.send(db.session, g.visit.person_id, form.send_key.data, now(), today(),
                          rules())
    if result.letter is None:
        return redirect(url_for(".index"))
    return redirect(url_for(".sent", reference=result.letter.reference))


@bp.route("/<reference>/sent")
@person_required
def sent(reference: str):
    """The confirmation: the reference, what happens next and when to expect an answer."""
    letter = _letter_or_404(reference)
    return render_template("letters/sent.html", letter=letter,
                           answer_by=letters.answer_due(letter.sent_at.date(), rules()))


@bp.route("/<reference>")
@person_required
def letter(reference: str):
    """One letter: each step it has reached, the words sent and the answer."""
    letter = _letter_or_404(reference)
    return render_template("letters/letter.html", letter=letter,
                           answer_by=letters.answer_due(letter.sent_at.date(), rules()))


@bp.route("/<reference>/receipt")
@person_required
def receipt(reference: str):
    """A receipt to print and keep."""
    letter = _letter_or_404(reference)
    return render_template("letters/receipt.html", letter=letter, person=signed_in_person())


@bp.route(f"/help/<{KINDS}:kind>/<key>", methods=["POST"])
@person_required
def ask_for_help(kind: str, key: str):
    """"Ask my personal officer to help me write this"; any words typed are saved too."""
    target = _target_or_404(kind, key)
    text = LetterForm().text.data
    if "text" in request.form and not letters.too_long_to_keep(text):
        letters.save_draft(db.session, g.visit.person_id, target, text, now())
    letters.ask_for_help(db.session, g.visit.person_id, target, now())
    return redirect(url_for(".write", kind=kind, key=key, _anchor="help"))
