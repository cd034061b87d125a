"""Staff forms; every message says what to do, in plain words."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import HiddenField, IntegerField, PasswordField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional, Regexp

from kiosk.limits import limit
from kiosk.services.access.staff_access import ROLE_NAMES
from kiosk.services.access.staff_accounts import MIN_PASSWORD_LENGTH

try:  # WTForms 3.3 deprecates (value, label) tuples; 3.2 has no SelectChoice yet.
    from wtforms import SelectChoice as choice
except ImportError:  # pragma: no cover
    def choice(value: str, label: str) -> tuple[str, str]:
        """A select option, the WTForms 3.2 way."""
        return value, label



def at_most(field: str) -> Length:
    """The field's limit from kiosk.limits, and a message that says it."""
    return Length(max=limit(field), message=_l("Write %(max)d characters or fewer.", max=limit(field)))


class SignInForm(FlaskForm):
    """Username and password."""

    username = StringField(_l("Username"), validators=[
        DataRequired(_l("Enter your username.")), at_most("username")])
    password = PasswordField(_l("Password"), validators=[
        DataRequired(_l("Enter your password.")), at_most("password")])


class SearchForm(FlaskForm):
    """Find a person by name or prison number (a GET form, so no CSRF token)."""

    class Meta:
        csrf = False

    q = StringField(_l("Name or prison number"), validators=[
        Optional(), at_most("search")])


class UploadForm(FlaskForm):
    """A record export file from the prison records system."""

    export = FileField(_l("Export file"), validators=[FileRequired(_l("Choose an export file."))])


class ConfirmForm(FlaskForm):
    """A button that changes something: only its CSRF token."""


class CheckerForm(FlaskForm):
    """Text to check; also the plain summary a member of staff writes."""

    text = TextAreaField(_l("Plain summary"), validators=[
        DataRequired(_l("Write the summary.")),
        at_most("summary")])


class SummaryForm(FlaskForm):
    """Staff's own words in a plain summary, beside the phrases they chose: optional."""

    text = TextAreaField(_l("Your own words (optional)"), validators=[Optional(), at_most("summary")])


class AuditSearchForm(FlaskForm):
    """Search the audit trail (a GET form)."""

    class Meta:
        csrf = False

    prison_number = StringField(_l("Prison number"), validators=[Optional(), at_most("prison_number")])
    username = StringField(_l("Staff username"), validators=[Optional(), at_most("username")])
    action = SelectField(_l("What was done"), validators=[Optional()], choices=[])


class NewUserForm(FlaskForm):
    """An administrator adds a member of staff."""

    username = StringField(_l("Username"), validators=[
        DataRequired(_l("Enter a username.")), at_most("username")])
    display_name = StringField(_l("Full name"), validators=[
        DataRequired(_l("Enter their full name.")), at_most("display_name")])
    role = SelectField(_l("Role"), choices=[choice(role.value, name) for role, name in ROLE_NAMES.items()])
    establishment = SelectField(_l("Establishment"), validators=[Optional()], choices=[])
    hall = StringField(_l("Hall (personal officers)"), validators=[Optional(), at_most("hall")])
    password = PasswordField(_l("First password"), validators=[
        DataRequired(_l("Enter a first password.")),
        Length(min=MIN_PASSWORD_LENGTH, message=_l("A password needs at least %(min)d characters.",
                                                    min=MIN_PASSWORD_LENGTH)),
        at_most("password")])


class CaseloadForm(FlaskForm):
    """Add a person to a member of staff's caseload by prison number."""

    prison_number = StringField(_l("Prison number"), validators=[
        DataRequired(_l("Enter a prison number.")), at_most("prison_number")])


class ExplanationFilterForm(FlaskForm):
    """Narrow the list of what people are told (a GET form); its choices come from the view."""

    class Meta:
        csrf = False

    q = StringField(_l("Key or words"), validators=[Optional(), at_most("search")])
    section = SelectField(_l("Section"), validators=[Optional()], choices=[])
    state = SelectField(_l("Review"), validators=[Optional()], choices=[])
    page = IntegerField(_l("Page"), validators=[Optional(), NumberRange(min=1)])


class ReviewForm(FlaskForm):
    """A reviewer's Confirm button: the entry, and its words' fingerprint as the page showed it."""

    key = HiddenField(validators=[DataRequired(), at_most("entry_key")])
    words = HiddenField(validators=[DataRequired(), Regexp(r"^[0-9a-f]{64}$")])
