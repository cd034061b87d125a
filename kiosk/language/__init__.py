"""The language chooser's one route: a kiosk switches language before or after sign-in."""
from flask import Blueprint

bp = Blueprint("language", __name__)

from . import routes  # noqa: E402,F401  (routes attach themselves to bp)
