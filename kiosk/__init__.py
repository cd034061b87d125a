"""The kiosk app: every part it is made of is bound here, one named step at a time."""
from __future__ import annotations

from pathlib import Path

from flask import Flask
from jinja2 import ChoiceLoader, FileSystemLoader, PackageLoader, PrefixLoader

from . import assets, config, errors, i18n, limits, request_input, security, templating
from .extensions import csrf, db, htmx

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def create_app(config_overrides: dict | None = None) -> Flask:
    """Build the app; tests and commands pass overrides instead of editing the environment."""
    app = Flask(
        __name__,
        instance_path=str(PROJECT_ROOT / "instance"),
        template_folder=str(PROJECT_ROOT / "templates"),
    )
    app.config.update(config.from_environment(Path(app.instance_path)))
    app.config.update(config_overrides or {})
    if not app.config["SECRET_KEY"]:
        app.config["SECRET_KEY"] = config.instance_secret(Path(app.instance_path))

    _configure_templates(app)
    request_input.init_app(app)
    db.init_app(app)
    csrf.init_app(app)
    htmx.init_app(app)
    i18n.init_app(app)
    templating.init_app(app)
    security.init_app(app)
    assets.init_app(app)
    _register_blueprints(app)
    errors.init_app(app)
    return app


def _configure_templates(app: Flask) -> None:
    """Our templates first, then GOV.UK Frontend's macros under their documented prefix."""
    app.jinja_loader = ChoiceLoader([
        FileSystemLoader(app.template_folder),
        PrefixLoader({"govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja")}),
    ])
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    app.jinja_env.globals.update(field_limit=limits.limit, letter_ceiling=limits.LETTER_CEILING)


def _register_blueprints(app: Flask) -> None:
    """Each audience and feature is a blueprint with its own URL prefix."""
    from .language import bp as language_bp
    from .me import bp as me_bp
    from .signin import bp as signin_bp
    from .start import bp as start_bp

    app.register_blueprint(start_bp)
    if app.config["KIOSK_ENABLED"]:
        app.register_blueprint(signin_bp)
        app.register_blueprint(language_bp)
        app.register_blueprint(me_bp)
        from .letters import bp as letters_bp
        from .speech import bp as speech_bp

        app.register_blueprint(letters_bp)
        app.register_blueprint(speech_bp)
    if app.config["STAFF_ENABLED"]:
        from .staff import bp as staff_bp
        from .staff.letters import bp as staff_letters_bp

        app.register_blueprint(staff_bp)
        app.register_blueprint(staff_letters_bp)
