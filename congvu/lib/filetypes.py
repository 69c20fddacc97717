"""The content type a stored upload is served with, from an allow-list of the formats offices exchange.

An uploaded file's name is the uploader's choice: guessing its type from it (as FileResponse does)
would serve "bao-cao.html" as text/html, a page running in congvu's origin. Only these formats keep
their real type; anything else goes out as application/octet-stream, always as an attachment."""

from pathlib import PurePath

OCTET_STREAM = "application/octet-stream"
SAFE_CONTENT_TYPES = {
    ".pdf": "application/pdf",
    ".doc": "application/msword",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xls": "application/vnd.ms-excel",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
}


def safe_content_type(name: str) -> str:
    return SAFE_CONTENT_TYPES.get(PurePath(name).suffix.lower(), OCTET_STREAM)
