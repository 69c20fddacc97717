"""Ids typed into a query string, read strictly.

Python's int() reads any Unicode decimal digits ("٣" is 3) and any length, and the database refuses
what does not fit a bigint; a page must neither pick another object than the one written nor fail."""

MAX_ID = 2**63 - 1  # the largest primary key a bigint column holds


def parse_id(raw: str) -> int | None:
    """The id written in ASCII digits, at least 1 and within a bigint; None for anything else."""
    text = raw.strip()
    if not (text.isascii() and text.isdigit()):
        return None
    value = int(text)
    return value if 1 <= value <= MAX_ID else None
