"""Printing for staff: one person's pack or a section, the queue of people's requests, and
batches for a hall, a landing or a caseload, built by the worker with a progress bar.

Every print goes through `kiosk.services.printing.copies.record_print` (print log and audit trail).
The progress bar refreshes itself with htmx; without JavaScript a Refresh link does the same.
"""
from __future__ import annotations

from flask import abort, current_app, flash, g, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, SelectField

from kiosk.data import print_queries
from kiosk.extensions import db
from kiosk.i18n import LANGUAGES
from kiosk.models import PrintBatch
from kiosk.printing.batches import batch_file
from kiosk.printing.documents import pack_pdf
from kiosk.printing.queue import queue_for
from kiosk.services.access.staff_access import Permission, person_scope
from kiosk.services.printing import copies as printing
from kiosk.services.printing.packs import (
    DECISION, EASY_READ, LARGE_PRINT, PACK, build_pack, print_language, printable,
)
from kiosk.services.records import registry
from kiosk.templating import today

from . import bp
from .access import now, person_or_404, staff_required
from .forms import choice

PROGRESS_TARGET = "batch-progress"
VARIANT_NAMES = {EASY_READ: _l("Easy read, 16 point"), LARGE_PRINT: _l("Large print, 24 point")}


class BatchForm(FlaskForm):
    """Whose packs to print together, and in which layout."""

    place = SelectField(_l("Whose packs"), validate_choice=True)
    variant = RadioField(_l("Layout"), choices=[choice(value, name) for value, name in VARIANT_NAMES.items()],
                         default=EASY_READ)


def print_names() -> dict[str, str]:
    """What can be printed, in staff words, in the order offered on a person's record."""
    sections = {page.slug: page.print_name for page in registry.printed()}
    return {PACK: _("Whole pack"), **sections, DECISION: _("One decision")}


@bp.context_processor
def printing_words() -> dict:
    """Names for what is printed, for the record page's print links and the print log."""
    return {"print_names": print_names()}


def _place_choices() -> list[tuple[str, str]]:
    """My caseload, each hall, and each landing of the people this user may see."""
    choices = [(print_queries.CASELOAD, _("My caseload"))]
    halls = []
    for hall, landing in print_queries.places(db.session, person_scope(g.staff_user)):
        if hall not in halls:
            halls.append(hall)
            choices.append((f"{print_queries.HALL}|{hall}", _("Hall %(hall)s", hall=hall)))
        if landing:
            choices.append((f"{print_queries.LANDING}|{hall}|{landing}",
                            _("Hall %(hall)s, landing %(landing)s", hall=hall, landing=landing)))
    return choices


def _batch_form() -> BatchForm:
    form = BatchForm()
    form.place.choices = [choice(value, name) for value, name in _place_choices()]
    return form


def _my_batch(batch_id: int) -> PrintBatch:
    """A batch the signed-in user started (no one else's, so a URL reveals nothing)."""
    batch = db.session.get(PrintBatch, batch_id)
    if batch is None or batch.created_by != g.staff_user.id:
        abort(404)
    return batch


@bp.route("/people/<int:person_id>/print/<what>")
@staff_required(Permission.PRINT)
def print_person(person_id: int, what: str):
    """One person's pack or one section as a PDF, in their language; logged and audited."""
    person = person_or_404(person_id)
    variant = request.args.get("variant", EASY_READ)
    if what not in printable() or variant not in VARIANT_NAMES:
        abort(404)
    lang = request.args.get("lang") or print_language(db.session, person)
    if lang not in LANGUAGES:
        abort(404)
    pack = build_pack(db.session, person, what, today=today(), language=lang,
                      decision_key=request.args.get("key")) or abort(404)
    document = pack_pdf(pack, lang=lang, variant=variant)
    with db.transaction() as session:
        printing.record_print(session, g.staff_user, person, what, variant, now())
    name = f"{person.prison_number}-{what}-{variant}.pdf".replace("_", "-")
    response = current_app.response_class(document, mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'inline; filename="{name}"'
    return response


def _printing_page(form: BatchForm) -> str:
    """The queue of requests, the user's batches and the print log, with the batch form."""
    scope = person_scope(g.staff_user)
    return render_template(
        "staff/printing.html", form=form, variants=VARIANT_NAMES, PACK=PACK,
        requests=print_queries.waiting_requests(db.session, scope),
        batches=print_queries.batches_of(db.session, g.staff_user.id),
        log=print_queries.print_log(db.session, scope))


@bp.route("/printing")
@staff_required(Permission.PRINT)
def print_queue():
    """People's requests waiting to be printed, batches, and the print log."""
    return _printing_page(_batch_form())


@bp.route("/printing/batches", methods=["POST"])
@staff_required(Permission.PRINT)
def start_batch():
    """Put a batch on the worker's queue and show its progress."""
    form = _batch_form()
    people = []
    if form.validate_on_submit():
        place, *where = form.place.data.split("|")
        people = print_queries.people_for_batch(db.session, person_scope(g.staff_user),
                                                g.staff_user.id, place, *where)
        if not people:
            form.place.errors.append(_("There is nobody to print for there. Choose another."))
    if not people:
        return _printing_page(form)
    label = dict(_place_choices())[form.place.data]
    with db.transaction() as session:
        batch = printing.start_batch(session, g.staff_user, place, label, people,
                                     form.variant.data, now())
    queue_for(current_app).build_batch(batch.id)
    return redirect(url_for("staff.batch", batch_id=batch.id))


@bp.route("/printing/batches/<int:batch_id>")
@staff_required(Permission.PRINT)
def batch(batch_id: int):
    """A batch's progress; htmx asks again every two seconds until it is finished."""
    batch = _my_batch(batch_id)
    if request.headers.get("HX-Request") and request.headers.get("HX-Target") == PROGRESS_TARGET:
        return render_template("staff/_batch_progress.html", batch=batch, variants=VARIANT_NAMES)
    return render_template("staff/print_batch.html", batch=batch, variants=VARIANT_NAMES)


@bp.route("/printing/batches/<int:batch_id>/cancel", methods=["POST"])
@staff_required(Permission.PRINT)
def cancel_batch(batch_id: int):
    """Stop a batch; the worker notices before its next pack."""
    batch = _my_batch(batch_id)
    with db.transaction() as session:
        if printing.cancel_batch(session, batch):
            flash(_("The batch is cancelled. Nothing from it was logged as printed."))
    return redirect(url_for("staff.batch", batch_id=batch.id))


@bp.route("/printing/batches/<int:batch_id>/pdf")
@staff_required(Permission.PRINT)
def batch_pdf(batch_id: int):
    """The finished batch as one PDF."""
    batch = _my_batch(batch_id)
    path = batch_file(current_app, batch)
    if batch.status != printing.DONE or not batch.file_name or not path.is_file():
        abort(404)
    return send_file(path, mimetype="application/pdf", download_name=f"print-batch-{batch.id}.pdf",
                     max_age=0)
