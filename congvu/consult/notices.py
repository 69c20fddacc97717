"""The asking unit's notice that a silent unit is deemed to agree (clause 2.2), as a Decree 30 letter.

Its wording is fixed when the sweep issues it (`letter_content`) and kept on the Notice, so the
file rendered now or in ten years says the same thing, even after units are renamed or merged."""

from dataclasses import fields
from datetime import date

from django.core.files.base import ContentFile

from congvu.consult.models import ConsultationRequest, Notice
from congvu.documents.letters import Letter, render_docx
from congvu.lib.isolation import Rows
from congvu.lib.workdays import TZ
from congvu.org.models import Official, Title, Unit, UnitKind
from congvu.org.queries import serves_in

SOURCE = ("Mục 2.2 Văn bản số 2230/UBND-NC ngày 16/5/2023 của Chủ tịch UBND tỉnh về triển khai thực hiện "
          "Công điện số 280/CĐ-TTg ngày 19/4/2023 của Thủ tướng Chính phủ")
HEAD_TITLES = {
    UnitKind.PROVINCE_COMMITTEE: "CHỦ TỊCH",
    UnitKind.PROVINCE_OFFICE: "CHÁNH VĂN PHÒNG",
    UnitKind.DEPARTMENT: "GIÁM ĐỐC",
    UnitKind.COMMUNE: "CHỦ TỊCH",
    UnitKind.DIVISION: "TRƯỞNG PHÒNG",
}
DEPUTY_TITLES = {kind: f"PHÓ {title}" for kind, title in HEAD_TITLES.items()}
DEPUTY_TITLES[UnitKind.PROVINCE_OFFICE] = "PHÓ CHÁNH VĂN PHÒNG"


def place_of(unit: Unit) -> str:
    """The place on the date line: the province's name, from the root of the unit tree."""
    root = unit
    while root.parent_id is not None:
        root = root.parent
    name = root.name
    return name.split("tỉnh", 1)[1].strip() if "tỉnh" in name else name


def signature(unit: Unit, signer: Official | None, on: date) -> dict:
    """Signature block per Decree 30: a commune signs for its committee (TM.), a deputy for the head (KT.)."""
    deputy = signer is not None and serves_in(signer, unit, on, [Title.DEPUTY]) and not serves_in(
        signer, unit, on, [Title.HEAD])
    head_title = HEAD_TITLES[UnitKind(unit.kind)]
    if unit.kind == UnitKind.COMMUNE:
        prefix, authority = "TM.", "ỦY BAN NHÂN DÂN"
        title = "PHÓ CHỦ TỊCH" if deputy else "CHỦ TỊCH"
    elif deputy:
        prefix, authority, title = "KT.", head_title, DEPUTY_TITLES[UnitKind(unit.kind)]
    else:
        prefix, authority, title = None, "", head_title
    return {"signature_prefix": prefix, "signature_authority": authority, "signature_title": title,
            "signer_name": signer.full_name if signer else ""}


def letter_content(request: ConsultationRequest, number: int, issued_on: date, signer: Official | None) -> dict:
    consultation, asking, silent = request.consultation, request.consultation.asking_unit, request.unit
    last_day = consultation.due_date
    letter = Letter(
        issuing_parent=(asking.parent.name.upper() if asking.parent_id else ""),
        issuing_body=asking.name.upper(), number=number, type_abbrev="TB", body_abbrev=asking.abbrev,
        place=place_of(asking), issued_on=issued_on, doc_type_title="THÔNG BÁO",
        subject=f"Về việc {silent.name} được coi là đồng ý với ý kiến, đề xuất của {asking.name}",
        paragraphs=(
            f"Ngày {consultation.asked_at.astimezone(TZ):%d/%m/%Y}, {asking.name} đã xin ý kiến {silent.name} "
            f"về nội dung: {consultation.question} (công việc: {request.item.title}); thời hạn trả lời "
            f"{consultation.reply_days} ngày làm việc, đến hết ngày {last_day:%d/%m/%Y}.",
            f"Đến hết thời hạn nêu trên, {silent.name} không có ý kiến trả lời.",
            f"Căn cứ {SOURCE}, {silent.name} được coi là đồng ý với ý kiến, đề xuất của {asking.name} và chịu "
            f"trách nhiệm trước pháp luật, UBND tỉnh và Chủ tịch UBND tỉnh về việc không trả lời hoặc trả lời "
            f"chậm so với thời hạn đề nghị.",
            f"{asking.name} thông báo để {silent.name} biết, thực hiện.",
        ),
        recipients=(f"{silent.name};", "Sở Nội vụ (để theo dõi);", f"Lưu: VT, {asking.abbrev}."),
        **signature(asking, signer, issued_on),
    )
    # A shallow copy: dataclasses.asdict deep-copies and was a fifth of the sweep's time.
    content = {f.name: getattr(letter, f.name) for f in fields(letter)}
    content["issued_on"] = issued_on.isoformat()
    return content


def letter_of(notice: Notice) -> Letter:
    content = dict(notice.content)
    content["issued_on"] = date.fromisoformat(content["issued_on"])
    content["paragraphs"], content["recipients"] = tuple(content["paragraphs"]), tuple(content["recipients"])
    return Letter(**content)


def file_name(notice: Notice) -> str:
    return f"thong-bao-{notice.number:02d}-TB-{notice.unit.abbrev}-{notice.year}.docx"


def render(notice: Notice) -> Notice:
    """Write the notice's .docx into the media directory (once; the content never changes)."""
    if not notice.file:
        notice.file.save(file_name(notice), ContentFile(render_docx(letter_of(notice))), save=False)
        Notice.objects.filter(pk=notice.pk, file="").update(file=notice.file.name)
    return notice


def render_pending(limit: int = 100) -> int:
    """Render up to `limit` notices that have no file yet (after a large catch-up, a batch a minute).
    Each on its own: one that cannot be rendered is logged, skipped and retried next round, and
    reported (`RowsFailed`) after the others were rendered."""
    pending = Notice.objects.filter(file="").select_related("unit").order_by("id")[:limit]
    rows, count = Rows("tạo tệp thông báo", "thông báo"), 0
    for notice in pending:
        with rows.each(notice.pk):
            render(notice)
            count += 1
    return rows.report(count)

