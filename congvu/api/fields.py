"""The shapes of values the API accepts and returns, bounded so that no input can reach the
database in a form it would choke on (a 500): ids within 64 bits, text without NUL characters or
lone surrogates and within its column's length, dates as dd/mm/yyyy or ISO yyyy-mm-dd."""

import re
from datetime import date, datetime
from typing import Annotated

from pydantic import AfterValidator, BeforeValidator, Field, PlainSerializer, WithJsonSchema
from pydantic_core import PydanticCustomError

from congvu.lib.workdays import TZ, parse_vn_date

MAX_ID = 2**63 - 1  # a bigint primary key; anything larger cannot name a row
Id = Annotated[int, Field(ge=1, le=MAX_ID)]

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_VN_DATE = re.compile(r"[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}")
DATE_PATTERN = r"^([0-9]{1,2}/[0-9]{1,2}/[0-9]{4}|[0-9]{4}-[0-9]{2}-[0-9]{2})$"


def bad_format() -> PydanticCustomError:
    return PydanticCustomError("date_format", "A date must be written dd/mm/yyyy or yyyy-mm-dd")


def not_real(text: str) -> PydanticCustomError:
    return PydanticCustomError("date_not_real", "{text} is not a real calendar date", {"text": text})


def parse_date(value: object) -> date:
    """dd/mm/yyyy (the way Vietnamese documents write dates) or ISO yyyy-mm-dd; nothing else, so a
    number is never read as a Unix timestamp."""
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if not isinstance(value, str):
        raise bad_format()
    text = value.strip()
    if _VN_DATE.fullmatch(text):
        try:
            return parse_vn_date(text)
        except ValueError:
            raise not_real(text) from None
    if _ISO_DATE.fullmatch(text):
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise not_real(text) from None
    raise bad_format()


InputDate = Annotated[
    date,
    BeforeValidator(parse_date),
    WithJsonSchema({"type": "string", "pattern": DATE_PATTERN, "examples": ["08/03/2026", "2026-03-08"],
                    "description": "dd/mm/yyyy hoặc yyyy-mm-dd"}),
]


def clean_text(value: str) -> str:
    """Refuse what no column can store: NUL (PostgreSQL rejects it) and lone surrogates (not UTF-8)."""
    if "\x00" in value:
        raise PydanticCustomError("text_nul", "Text may not contain NUL characters")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise PydanticCustomError("text_encoding", "Text must be valid Unicode (UTF-8)") from None
    return value


def Text(max_length: int, min_length: int = 0):  # noqa: N802 - reads like a type: Text(500)
    return Annotated[str, Field(min_length=min_length, max_length=max_length), AfterValidator(clean_text)]


def _local(moment: datetime) -> str:
    return moment.astimezone(TZ).isoformat()


# Moments are stored in UTC and shown in Viet Nam time (+07:00), which is what the reader means.
LocalDateTime = Annotated[datetime, PlainSerializer(_local, return_type=str)]
