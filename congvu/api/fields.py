"""The shapes of values the API accepts and returns. Each declares in the OpenAPI document exactly
what the server accepts — so that a request the document calls valid is never refused as invalid
(422), and one it calls invalid always is — and each is bounded so that no input can reach the
database in a form it would choke on (a 500): ids within 64 bits, text within its column's length
and without C0 control characters, dates in ISO 8601 (yyyy-mm-dd)."""

import re
from datetime import date, datetime
from typing import Annotated

from pydantic import AfterValidator, BeforeValidator, Field, PlainSerializer, WithJsonSchema
from pydantic_core import PydanticCustomError

from congvu.lib.text import CLEAN_TEXT_PATTERN, has_control_chars
from congvu.lib.workdays import TZ

MAX_ID = 2**63 - 1  # a bigint primary key; anything larger cannot name a row

# In a path or a query every value is text, so "12" is 12 there. Not in a JSON body.
Id = Annotated[int, Field(ge=1, le=MAX_ID)]


def json_integer(value: object) -> object:
    """In a JSON body an integer is a JSON number: "12" (text) and true (a boolean) are not one.
    An integral float (12.0) is, as JSON Schema says, and pydantic takes it as 12."""
    if isinstance(value, bool | str | bytes):
        raise PydanticCustomError("int_type", "Input should be a valid integer")
    return value


def BodyInt(**bounds: int):  # noqa: N802 - reads like a type: BodyInt(ge=1, le=365)
    # The bounds sit on the int itself, inside the text-refusing validator, so that the schema shows them.
    return Annotated[int, Field(**bounds), BeforeValidator(json_integer)]


BodyId = BodyInt(ge=1, le=MAX_ID)

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def parse_date(value: object) -> date:
    """An ISO 8601 calendar date, yyyy-mm-dd, exactly as `format: date` (RFC 3339 full-date) says:
    not a number (no Unix timestamps), not a datetime, none of the other forms Python's
    fromisoformat takes (20260308, 2026-W10-7), and a real day of the calendar."""
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
        raise PydanticCustomError("date_format", "A date must be written yyyy-mm-dd (ISO 8601)")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise PydanticCustomError("date_not_real", "{text} is not a real calendar date", {"text": value}) from None


InputDate = Annotated[
    date,
    BeforeValidator(parse_date),
    WithJsonSchema({"type": "string", "format": "date", "examples": ["2026-03-08"],
                    "description": "Ngày theo ISO 8601: yyyy-mm-dd"}),
]

# One character allowed in any text: anything but the C0 controls congvu.lib.text refuses.
_CLEAN_CHAR = CLEAN_TEXT_PATTERN.removeprefix("^").removesuffix("*$")
# One character that is not blank: neither refused nor whitespace (exactly the characters Python's
# str.strip() removes, so "blank" means what the actions' `not text.strip()` means; a test checks
# this character by character).
_VISIBLE_CHAR = r"[^\x00-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
# A required text: clean, with at least one visible character.
NONBLANK_TEXT_PATTERN = f"^{_CLEAN_CHAR}*{_VISIBLE_CHAR}{_CLEAN_CHAR}*$"


def clean_text(value: str) -> str:
    """Refuse C0 control characters: the writers of the evidence choke on them, PostgreSQL on NUL.
    (Lone surrogates, which no column can store either, pydantic refuses itself: string_unicode.)"""
    if has_control_chars(value):
        raise PydanticCustomError("text_control", "Text may not contain control characters")
    return value


def not_blank(value: str) -> str:
    if not value.strip():
        raise PydanticCustomError("text_blank", "Text may not be blank")
    return value


def Text(max_length: int, required: bool = False):  # noqa: N802 - reads like a type: Text(500)
    """Free text of at most `max_length` characters (its column's length). `required`: not blank.
    The checks are congvu's own (so the reader is told which one failed); the pattern tells the
    OpenAPI document the same thing."""
    pattern = NONBLANK_TEXT_PATTERN if required else CLEAN_TEXT_PATTERN
    checks = (AfterValidator(clean_text), AfterValidator(not_blank)) if required else (AfterValidator(clean_text),)
    length = {"min_length": 1, "max_length": max_length} if required else {"max_length": max_length}
    return Annotated[str, Field(**length, json_schema_extra={"pattern": pattern}), *checks]


def _local(moment: datetime) -> str:
    return moment.astimezone(TZ).isoformat()


# Moments are stored in UTC and shown in Viet Nam time (+07:00), which is what the reader means.
LocalDateTime = Annotated[datetime, PlainSerializer(_local, return_type=str),
                          WithJsonSchema({"type": "string", "format": "date-time"})]
