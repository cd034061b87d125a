"""What a request brings in is cleaned in one place, before any form or view reads it.

Control characters (NUL and the rest, but not tab and line ends) and lone surrogates are
taken out of every form and query value as Werkzeug parses them, so no view, form or service
ever sees them: PostgreSQL refuses NUL in text, and none of them means anything to a reader.
A path segment holding one finds no page, and nor does a number too big for a database id.
A form post may be 1 MB at most (an export upload keeps its own, bigger limit), and a form
part with no name is dropped.
"""
from __future__ import annotations

import re

from flask import Flask, Request, abort
from werkzeug.datastructures import ImmutableMultiDict, MultiDict
from werkzeug.routing import IntegerConverter

from .limits import FORM_MAX_BYTES

# C0 and C1 control characters and DEL (tab, line feed and carriage return are writing), and
# lone surrogates.
_UNWANTED = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
# Endpoints whose posts may be bigger than a form: the export upload.
LARGE_UPLOADS = {"staff.imports"}


def clean_text(value: str) -> str:
    """The text without control characters or lone surrogates."""
    return _UNWANTED.sub("", value)


def has_unwanted(value: str) -> bool:
    """Whether the text holds anything `clean_text` would take out."""
    return _UNWANTED.search(value) is not None


def _cleaned_pairs(mapping):
    if mapping is None:
        return
    if isinstance(mapping, MultiDict):
        pairs = mapping.items(multi=True)
    elif isinstance(mapping, dict):
        pairs = mapping.items()
    else:
        pairs = mapping  # pairs, as Werkzeug's parsers give them
    for key, value in pairs:
        if key is None:  # a multipart part with no name
            continue
        yield clean_text(key), clean_text(value) if isinstance(value, str) else value


class CleanedMultiDict(ImmutableMultiDict):
    """Werkzeug's form and query storage, holding only cleaned text."""

    def __init__(self, mapping=None):
        super().__init__(list(_cleaned_pairs(mapping)))


class CheckedRequest(Request):
    """Flask's request, with cleaned form and query values and a form-sized body limit."""

    parameter_storage_class = CleanedMultiDict

    @property
    def max_content_length(self) -> int | None:
        largest = super().max_content_length
        if self.endpoint in LARGE_UPLOADS:
            return largest
        return FORM_MAX_BYTES if largest is None else min(largest, FORM_MAX_BYTES)

    @max_content_length.setter
    def max_content_length(self, value: int | None) -> None:
        self._max_content_length = value


class DatabaseIdConverter(IntegerConverter):
    """`<int:...>` in a URL: a number that fits the databases' integer ids (32 bits)."""

    def __init__(self, url_map, fixed_digits=0, min=0, max=2**31 - 1, signed=False):
        super().__init__(url_map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)


def _refuse_unwanted_path_values(_endpoint: str | None, values: dict | None) -> None:
    """A path segment with a control character names no page (and never reaches a query)."""
    if values and any(isinstance(v, str) and has_unwanted(v) for v in values.values()):
        abort(404)


def init_app(app: Flask) -> None:
    """Use the checked request for every request, and check path segments (before any
    blueprint's routes are made)."""
    app.request_class = CheckedRequest
    app.url_map.converters["int"] = DatabaseIdConverter
    app.url_value_preprocessor(_refuse_unwanted_path_values)
