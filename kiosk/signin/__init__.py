"""Signing in and out at a shared kiosk."""
from flask import Blueprint

bp = Blueprint("signin", __name__)

from . import routes  # noqa: E402,F401  (routes attach themselves to bp)
