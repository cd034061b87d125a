"""The start screen a kiosk shows when nobody is signed in."""
from flask import Blueprint

bp = Blueprint("start", __name__)

from . import routes  # noqa: E402,F401  (routes attach themselves to bp)
