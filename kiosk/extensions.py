"""Extensions, created once here and bound to the app in `create_app`."""
from flask_babel import Babel
from flask_htmx import HTMX
from flask_wtf.csrf import CSRFProtect

from .data.database import Database

db = Database()
babel = Babel()
csrf = CSRFProtect()
htmx = HTMX()
