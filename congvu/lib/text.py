"""Text that officials and outside systems send us, checked once and written safely.

C0 control characters (U+0000–U+001F except tab, line feed and carriage return) have no place in
an administrative text, and they break the writers of the evidence: openpyxl refuses them in a
cell and python-docx in a run, so a single one in a subject made every export of the item answer
500 and the every-minute sweep raise. They are refused at every entry (`check_clean`) and removed
defensively by every writer (`printable`), in case one got in before the check existed.

A text cell that starts with `=`, `+`, `-`, `@` (or a tab/CR before one) is read by spreadsheet
programs as a formula ("CSV/formula injection"); the .xlsx writer stores every such cell as literal
text (`FORMULA_STARTS` says which)."""

import re

from congvu.lib.refusals import InvalidInput

# Tab (\x09), line feed (\x0a) and carriage return (\x0d) are ordinary text; DEL is harmless to
# the writers and left alone.
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
# The same class as a JSON-Schema/pydantic pattern (the API documents what it refuses).
CLEAN_TEXT_PATTERN = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f]*$"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def has_control_chars(value: str) -> bool:
    return CONTROL_CHARS.search(value) is not None


def check_clean(value: str, field_vi: str, field_en: str | None = None) -> str:
    """`value` unchanged, or a refusal naming the field in Vietnamese (and English)."""
    if has_control_chars(value):
        raise InvalidInput(
            f"Trường “{field_vi}” chứa ký tự điều khiển không hợp lệ; hãy nhập lại nội dung "
            "(không dán ký tự ẩn).",
            f"The field “{field_en or field_vi}” contains an invalid control character; please type it "
            "again (without hidden characters).",
        )
    return value


def printable(value: str) -> str:
    """`value` with every C0 control character other than tab/newline/CR removed (for writers)."""
    return CONTROL_CHARS.sub("", value)


def csv_cell(value: object) -> object:
    """`value` safe in a CSV cell a spreadsheet program opens: C0 control characters removed and, for
    a text that starts with a formula character, a leading apostrophe, which Excel and LibreOffice
    read as "this is text" (OWASP's advice for CSV; a .xlsx cell is made literal in
    congvu.documents.xlsx_export instead). Numbers stay numbers."""
    if not isinstance(value, str):
        return value
    text = printable(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text
