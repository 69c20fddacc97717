"""The deemed-agreement notice (clause 2.2) as a .docx in the layout of Decree 30/2020, rendered from
the wording fixed when the head signed it (`congvu.consult.notices.letter_content`), so the file
says the same thing whenever it is rendered.

The sweep drafts the notices and the head signs them (`congvu.consult.actions.sign_notice`); the
files of signed notices are written by the next step of a sweep round (`congvu.ops.sweep`:
`render_pending`, a batch a round) or, at the latest, when someone downloads one (`render`). A
draft has no file: it has no number or date yet."""

from datetime import date

from django.core.files.base import ContentFile

from congvu.consult.models import Notice
from congvu.documents.letters import Letter, render_docx
from congvu.lib.isolation import each_on_its_own

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def letter_of(notice: Notice) -> Letter:
    content = dict(notice.content)
    content["issued_on"] = date.fromisoformat(content["issued_on"])
    content["paragraphs"], content["recipients"] = tuple(content["paragraphs"]), tuple(content["recipients"])
    return Letter(**content)


def file_name(notice: Notice) -> str:
    return f"thong-bao-{notice.number:02d}-TB-{notice.unit.abbrev}-{notice.year}.docx"


def render(notice: Notice) -> Notice:
    """Write the signed notice's .docx into the media directory (once; the content never changes)."""
    if not notice.is_signed:
        raise ValueError("a draft notice has no file until it is signed")
    if not notice.file:
        notice.file.save(file_name(notice), ContentFile(render_docx(letter_of(notice))), save=False)
        Notice.objects.filter(pk=notice.pk, file="").update(file=notice.file.name)
    return notice


def render_pending(limit: int = 100) -> int:
    """Render up to `limit` notices that have no file yet (after a large catch-up, a batch a minute).
    Each on its own: one that cannot be rendered is logged, skipped and retried next round, and
    reported (`RowsFailed`) after the others were rendered."""
    pending = Notice.objects.filter(file="", number__isnull=False).select_related("unit").order_by("id")[:limit]
    return each_on_its_own("tạo tệp thông báo", "thông báo", pending, render)

