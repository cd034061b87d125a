"""Importing a record export by upload: applied whole, or refused with every problem listed."""
from flask import current_app, g, render_template

from kiosk.extensions import db
from kiosk.services.access.staff_access import Permission
from kiosk.services.imports import contract
from kiosk.services.imports.importer import import_export
from kiosk.services.staff import audit

from . import bp
from .access import staff_required
from .forms import UploadForm


@bp.route("/imports", methods=["GET", "POST"])
@staff_required(Permission.IMPORT_RECORDS)
def imports():
    """Upload an export; a refused file changes nothing and the page lists each problem and where."""
    form = UploadForm()
    summary, problems = None, []
    if form.validate_on_submit():
        upload = form.export.data
        try:
            summary = _apply(upload.read(), upload.filename or "")
        except contract.ExportRefused as refused:
            problems = refused.problems
    return render_template("staff/imports.html", form=form, summary=summary, problems=problems)


def _apply(raw: bytes, filename: str):
    """Import inside one transaction and audit it; any problem rolls the whole file back."""
    config = current_app.config
    with db.transaction() as db_session:
        summary = import_export(db_session, raw,
                                max_bytes=config.get("IMPORT_MAX_BYTES", contract.MAX_BYTES),
                                max_people=config.get("IMPORT_MAX_PEOPLE", contract.MAX_PEOPLE))
        audit.record(db_session, g.staff_user, audit.IMPORT, None,
                     f"{filename[:200]}: {summary.describe()}")
    return summary
