"""Forms for writing letters and giving feedback; messages say what to do, in plain words."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, StringField, TextAreaField
from wtforms.validators import AnyOf, DataRequired, Length, Optional

from kiosk.limits import limit
from kiosk.services.letters.feedback import ANSWERS, PAGES


class LetterForm(FlaskForm):
    """The letter itself; the length limit is shown, not enforced here, so nothing is lost
    (only past the ceiling, kiosk.limits.LETTER_CEILING, is a draft not kept)."""

    text = TextAreaField(_l("Your letter"))


class SendForm(FlaskForm):
    """The Send button carries the draft's send key: one key, one letter."""

    send_key = HiddenField(validators=[DataRequired()])


class FeedbackForm(FlaskForm):
    """"Was this page clear?" with optional words, about a page or the kiosk."""

    page = HiddenField(validators=[AnyOf(PAGES)])
    key = HiddenField(validators=[Length(max=limit("feedback_key"))])
    understood = StringField(validators=[Optional(), AnyOf(ANSWERS)])
    words = TextAreaField(_l("Anything you want to tell us (you do not have to)"),
                          validators=[Length(max=limit("feedback_words"))])
    anonymous = BooleanField(_l("Do not keep my name with this"))

    def has_something(self) -> bool:
        """An answer or some words: an empty form stores nothing."""
        return bool(self.understood.data or (self.words.data or "").strip())
