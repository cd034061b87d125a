"""Staff forms; every message says what to do, in plain words."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import PasswordField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from kiosk.services.staff_access import ROLE_NAMES

try:  # WTForms 3.3 deprecates (value, label) tuples; 3.2 has no SelectChoice yet.
    from wtforms import SelectChoice as choice
except ImportError:  # pragma: no cover
    def choice(value: str, label: str) -> tuple[str, str]:
        """A select option, the WTForms 3.2 way."""
        return value, label

SUMMARY_MAX = 4000


class SignInForm(FlaskForm):
    """Username and password."""

    username = StringField(_l("Username"), validators=[
        DataRequired(_l("Enter your username.")), Length(max=80, message=_l("That username is too long."))])
    password = PasswordField(_l("Password"), validators=[
        DataRequired(_l("Enter your password.")), Length(max=200, message=_l("That password is too long."))])


class SearchForm(FlaskForm):
    """Find a person by name or prison number (a GET form, so no CSRF token)."""

    class Meta:
        csrf = False

    q = StringField(_l("Name or prison number"), validators=[
        Optional(), Length(max=100, message=_l("Search for 100 characters or fewer."))])


class UploadForm(FlaskForm):
    """A record export file from the prison records system."""

    export = FileField(_l("Export file"), validators=[FileRequired(_l("Choose an export file."))])


class ConfirmForm(FlaskForm):
    """A button that changes something: only its CSRF token."""


class CheckerForm(FlaskForm):
    """Text to check; also the plain summary a member of staff writes."""

    text = TextAreaField(_l("Plain summary"), validators=[
        DataRequired(_l("Write the summary.")),
        Length(max=SUMMARY_MAX, message=_l("Write %(max)d characters or fewer.", max=SUMMARY_MAX))])


class AuditSearchForm(FlaskForm):
    """Search the audit trail (a GET form)."""

    class Meta:
        csrf = False

    prison_number = StringField(_l("Prison number"), validators=[Optional(), Length(max=20)])
    username = StringField(_l("Staff username"), validators=[Optional(), Length(max=80)])
    action = SelectField(_l("What was done"), validators=[Optional()], choices=[])


class NewUserForm(FlaskForm):
    """An administrator adds a member of staff."""

    username = StringField(_l("Username"), validators=[
        DataRequired(_l("Enter a username.")), Length(max=80, message=_l("That username is too long."))])
    display_name = StringField(_l("Full name"), validators=[
        DataRequired(_l("Enter their full name.")), Length(max=120, message=_l("That name is too long."))])
    role = SelectField(_l("Role"), choices=[choice(role.value, name) for role, name in ROLE_NAMES.items()])
    establishment = SelectField(_l("Establishment"), validators=[Optional()], choices=[])
    hall = StringField(_l("Hall (personal officers)"), validators=[Optional(), Length(max=40)])
    password = PasswordField(_l("First password"), validators=[
        DataRequired(_l("Enter a first password.")),
        Length(min=12, max=200, message=_l("A password needs at least 12 characters."))])


class CaseloadForm(FlaskForm):
    """Add a person to a member of staff's caseload by prison number."""

    prison_number = StringField(_l("Prison number"), validators=[
        DataRequired(_l("Enter a prison number.")), Length(max=20)])
