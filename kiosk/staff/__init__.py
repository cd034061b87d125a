"""The staff side: accounts, people, imports, PINs, plain summaries, the audit trail, dashboards,
and what people are told, for review."""
from flask import Blueprint

bp = Blueprint("staff", __name__, url_prefix="/staff")

from . import (  # noqa: E402,F401  (routes and template helpers attach themselves to bp)
    as_seen, audit_views, auth, dashboard, explanations, imports, people, pins, printing, summaries,
    templating, users,
)
