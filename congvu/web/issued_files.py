"""The signed PDF of a document a Home Affairs case issued (congvu.documents.issued_pdf), for the case's
page: what the page shows of it (`shown`) and its download, behind the page's own access check."""

from django.db import models
from django.http import FileResponse, Http404

from congvu.documents import issued_pdf
from congvu.documents.issued_kinds import KINDS


def pdf_download(slug: str, record: models.Model) -> FileResponse:
    """The PDF the sweep made and sent; 404 until it is made (the page says it is being made)."""
    kind = KINDS[slug]
    made = issued_pdf.made_for(kind, record)
    if made is None:
        raise Http404
    return FileResponse(made.file.open("rb"), as_attachment=True, filename=issued_pdf.pdf_name(kind, record),
                        content_type="application/pdf")


def wants_pdf(request) -> bool:
    return request.GET.get("dang") == "pdf"
