"""Display settings and language, chosen by the person and remembered."""
from flask import g, redirect, render_template, url_for
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, RadioField

from kiosk.extensions import db
from kiosk.i18n import LANGUAGES
from kiosk.services.access import display
from kiosk.services.speech.voices import SPEEDS
from kiosk.signin.access import person_required
from kiosk.speech import read_aloud

from . import bp

try:  # WTForms 3.3 deprecates (value, label) tuples; 3.2 has no SelectChoice yet.
    from wtforms import SelectChoice as choice
except ImportError:  # pragma: no cover
    def choice(value, label):
        """A choice, the WTForms 3.2 way."""
        return value, label


SPEED_NAMES = {"normal": _l("Normal speed"), "slower": _l("Slower")}  # read aloud's speeds


class SettingsForm(FlaskForm):
    """Each choice is one control with a plain label."""

    language = RadioField(_l("Language"), choices=[choice(code, name) for code, name in LANGUAGES.items()])
    easy_read = RadioField(_l("How should words look?"), choices=[
        choice("yes", _l("Easy read: short sentences with pictures")),
        choice("no", _l("Standard"))])
    text_size = RadioField(_l("Text size"), coerce=int, choices=[
        choice(0, _l("Normal")), choice(1, _l("Large")), choice(2, _l("Largest"))])
    high_contrast = BooleanField(_l("High contrast: white words on black"))
    read_aloud = BooleanField(_l("Show a button that reads the page out loud"))
    reading_speed = RadioField(_l("How fast to read out loud"), choices=[
        choice(speed, SPEED_NAMES[speed]) for speed in SPEEDS])


@bp.route("/settings", methods=["GET", "POST"])
@person_required
def settings():
    """Let the person choose how pages look and which language they use."""
    form = SettingsForm(data={
        "language": g.language, "easy_read": "yes" if g.display.easy_read else "no",
        "text_size": g.display.text_size, "high_contrast": g.display.high_contrast,
        "read_aloud": g.display.read_aloud, "reading_speed": g.display.reading_speed})
    if read_aloud() is None:  # espeak-ng is missing, so there is no read aloud to set
        del form.read_aloud
        del form.reading_speed
    if form.validate_on_submit():
        with db.transaction() as session:
            choices = {"language": form.language.data, "easy_read": form.easy_read.data == "yes",
                       "text_size": form.text_size.data, "high_contrast": form.high_contrast.data}
            if "read_aloud" in form:
                choices.update(read_aloud=form.read_aloud.data, read_aloud_speed=form.reading_speed.data)
            display.save_choices(session, g.visit.person_id, **choices)
        return redirect(url_for("me.home"))
    return render_template("me/settings.html", form=form)
