"""The wording of the asking unit's notice that a silent unit is deemed to agree (clause 2.2), a
Decree 30 letter.

Its wording is fixed when the sweep issues it (`letter_content`) and kept on the Notice, so the
file rendered now or in ten years says the same thing, even after units are renamed or merged. The
.docx is rendered from that stored wording by `congvu.documents.notices`, above this area."""

from datetime import date

from congvu.consult.models import ConsultationRequest
from congvu.lib.workdays import TZ
from congvu.org.models import Official, Title, Unit, UnitKind
from congvu.registry.serving import serves_in

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
    """The notice's wording: the fields of a `congvu.documents.letters.Letter`, which checks them
    when the file is rendered (a test renders every notice the sweep words). A plain dict, written
    field by field: `dataclasses.asdict` deep-copied and was a fifth of the sweep's time."""
    consultation, asking, silent = request.consultation, request.consultation.asking_unit, request.unit
    last_day = consultation.due_date
    return {
        "issuing_parent": asking.parent.name.upper() if asking.parent_id else "",
        "issuing_body": asking.name.upper(), "number": number, "type_abbrev": "TB", "body_abbrev": asking.abbrev,
        "place": place_of(asking), "issued_on": issued_on.isoformat(), "doc_type_title": "THÔNG BÁO",
        "subject": f"Về việc {silent.name} được coi là đồng ý với ý kiến, đề xuất của {asking.name}",
        "paragraphs": (
            f"Ngày {consultation.asked_at.astimezone(TZ):%d/%m/%Y}, {asking.name} đã xin ý kiến {silent.name} "
            f"về nội dung: {consultation.question} (công việc: {request.item.title}); thời hạn trả lời "
            f"{consultation.reply_days} ngày làm việc, đến hết ngày {last_day:%d/%m/%Y}.",
            f"Đến hết thời hạn nêu trên, {silent.name} không có ý kiến trả lời.",
            f"Căn cứ {SOURCE}, {silent.name} được coi là đồng ý với ý kiến, đề xuất của {asking.name} và chịu "
            f"trách nhiệm trước pháp luật, UBND tỉnh và Chủ tịch UBND tỉnh về việc không trả lời hoặc trả lời "
            f"chậm so với thời hạn đề nghị.",
            f"{asking.name} thông báo để {silent.name} biết, thực hiện.",
        ),
        "recipients": (f"{silent.name};", "Sở Nội vụ (để theo dõi);", f"Lưu: VT, {asking.abbrev}."),
        **signature(asking, signer, issued_on),
    }
