"""Serve the front-end packages installed from npm: nothing is fetched from outside at run time."""
from __future__ import annotations

from pathlib import Path

from flask import Blueprint, Flask, abort, send_from_directory

NODE_MODULES = Path(__file__).resolve().parent.parent / "node_modules"
GOVUK_DIST = NODE_MODULES / "govuk-frontend" / "dist" / "govuk"
HTMX_DIST = NODE_MODULES / "htmx.org" / "dist"
ICONS = NODE_MODULES / "@tabler" / "icons" / "icons" / "outline"
# Noto Sans for Latin and Vietnamese letters, Noto Sans Arabic for Arabic: folder -> files.
FONTS = {family: NODE_MODULES / "@fontsource" / family / "files"
         for family in ("noto-sans", "noto-sans-arabic")}

bp = Blueprint("assets", __name__)
ONE_DAY = 86400


@bp.route("/assets/<path:filename>")
def govuk_assets(filename: str):
    """GOV.UK Frontend's fonts and images, where its compiled CSS expects them."""
    return send_from_directory(GOVUK_DIST / "assets", filename, max_age=ONE_DAY)


@bp.route("/vendor/govuk/<any('govuk-frontend.min.css', 'govuk-frontend.min.js'):filename>")
def govuk_bundle(filename: str):
    """The compiled GOV.UK Frontend stylesheet and script."""
    return send_from_directory(GOVUK_DIST, filename, max_age=ONE_DAY)


@bp.route("/vendor/htmx.min.js")
def htmx_script():
    """htmx 2, installed from npm."""
    return send_from_directory(HTMX_DIST, "htmx.min.js", max_age=ONE_DAY)


@bp.route("/pictures/<name>.svg")
def picture(name: str):
    """An easy-read picture from the Tabler icon set."""
    if not name.replace("-", "").isalnum():
        abort(404)
    return send_from_directory(ICONS, f"{name}.svg", max_age=ONE_DAY, mimetype="image/svg+xml")


@bp.route("/fonts/<any('noto-sans', 'noto-sans-arabic'):family>/<name>.woff2")
def font(family: str, name: str):
    """A font file from npm, for kiosk pages and printed packs in every language."""
    return send_from_directory(FONTS[family], f"{name}.woff2", max_age=ONE_DAY, mimetype="font/woff2")


def init_app(app: Flask) -> None:
    """Register the asset routes."""
    app.register_blueprint(bp)
