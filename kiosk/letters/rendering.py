"""What the letters templates can call: who a letter goes to, and times in the prison's zone."""
from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from babel.dates import format_time
from flask import current_app

from kiosk.services.letters.writing import forum_name
from kiosk.templating import locale

from . import bp


def _local(value: datetime) -> datetime:
    return value.astimezone(ZoneInfo(current_app.config["TIMEZONE"]))


@bp.app_template_global("letter_forum")
def letter_forum(forum: str) -> str:
    """Who the letter goes to, in plain words."""
    return forum_name(forum)


@bp.app_template_filter("local_date")
def local_date(value: datetime) -> date:
    """The calendar day, in the prison's time zone, of a time stored in UTC."""
    return _local(value).date()


@bp.app_template_filter("local_time")
def local_time(value: datetime) -> str:
    """The time of day in the prison's time zone, e.g. '10:31'."""
    return format_time(_local(value), format="HH:mm", locale=locale())
