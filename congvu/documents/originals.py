"""What an incoming document's kept original holds beyond the register's fields: the attachments of
an edXML message (the document was imported from it and the message kept whole)."""

from pathlib import PurePath

from congvu.documents import edxml
from congvu.work.models import IncomingDocument


def edxml_attachments(document: IncomingDocument) -> tuple[edxml.Attachment, ...]:
    """The attachments inside a document's original when it is an edXML message (none otherwise).
    The import pages number them from 1 (`edxml_attachment`: document id, index)."""
    if not document.original or PurePath(document.original.name).suffix.lower() not in (".edxml", ".xml"):
        return ()
    with document.original.open("rb") as stored:
        data = stored.read(edxml.max_message_bytes() + 1)
    try:
        return edxml.parse(data).attachments
    except edxml.EdxmlError:
        return ()
