"""The sign-in form: prison number and a PIN of 4 to 6 digits."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired, EqualTo, Length, Regexp

from kiosk.limits import limit


class SignInForm(FlaskForm):
    """Messages say what to do, in plain words."""

    prison_number = StringField(
        _l("Your prison number"),
        validators=[DataRequired(_l("Type your prison number.")),
                    Length(max=limit("prison_number"), message=_l("That prison number is too long."))])
    pin = PasswordField(
        _l("Your PIN"),
        validators=[DataRequired(_l("Type your PIN.")),
                    Regexp(r"^[0-9]{4,6}$", message=_l("Your PIN is 4 to 6 numbers."))])


class ChoosePinForm(FlaskForm):
    """A new PIN typed twice, so a slip of the finger does not lock the person out."""

    pin = PasswordField(
        _l("Your new PIN"),
        validators=[DataRequired(_l("Type a new PIN.")),
                    Regexp(r"^[0-9]{4,6}$", message=_l("Your PIN must be 4 to 6 numbers."))])
    pin_again = PasswordField(
        _l("Your new PIN again"),
        validators=[DataRequired(_l("Type your new PIN again.")),
                    EqualTo("pin", message=_l("The two PINs are not the same. Please type them again."))])
