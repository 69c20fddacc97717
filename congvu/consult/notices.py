"""The wording of the asking unit's notice that a silent unit is deemed to agree (clause 2.2), a
Decree 30 letter.

Its wording is fixed when the head signs it (`letter_content`) and kept on the Notice, so the
file rendered now or in ten years says the same thing, even after units are renamed or merged. The
.docx is rendered from that stored wording by `congvu.documents.notices`, above this area."""

from datetime import date

from congvu.consult.models import Consultation, ConsultationRequest, Notice
from congvu.lib.workdays import TZ
from congvu.org.models import Official, Title, Unit, UnitKind
from congvu.registry.queries import parameter
from congvu.registry.serving import serves_in, unit_ids_of

BASIS = "deemed_agreement_basis"  # the registry parameter whose basis text the notice cites
# The prefixes of a commune committee's name, so its locality is left on the place line.
COMMUNE_PREFIXES = ("UBND ", "Ủy ban nhân dân ", "ỦY BAN NHÂN DÂN ")
LEVELS = ("xã ", "phường ", "thị trấn ", "đặc khu ")
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
    """The place on the date line (Decree 30, Appendix I): the locality where the issuing unit sits —
    the commune's own name for a commune, the province's for a provincial unit."""
    if unit.kind == UnitKind.COMMUNE:
        return locality(unit.name)
    root = unit
    while root.parent_id is not None:
        root = root.parent
    name = root.name
    return name.split("tỉnh", 1)[1].strip() if "tỉnh" in name else name


def locality(name: str) -> str:
    """"UBND xã An Mỹ" → "An Mỹ"."""
    for prefix in COMMUNE_PREFIXES:
        name = name.removeprefix(prefix)
    for level in LEVELS:
        if name.lower().startswith(level):
            return name[len(level):]
    return name


def full_name(name: str) -> str:
    """The issuing body in full (Decree 30: only the parent body may be abbreviated)."""
    return "ỦY BAN NHÂN DÂN " + name[5:] if name.upper().startswith("UBND ") else name


def drafting_division(consultation: Consultation) -> str:
    """The abbreviation of the division of the asking unit that drafted the consultation (its asker's);
    the asking unit's own when it has no divisions or the asker serves in none."""
    asking = consultation.asking_unit
    on = consultation.asked_at.astimezone(TZ).date()
    division = Unit.objects.filter(pk__in=unit_ids_of(consultation.asked_by, on), parent=asking,
                                   kind=UnitKind.DIVISION).order_by("pk").first()
    return division.abbrev if division else asking.abbrev


def signature(unit: Unit, signer: Official | None, on: date) -> dict:
    """Signature block per Decree 30: a commune signs for its committee (TM.), a deputy for the head (KT.),
    a commune's deputy chairman for both ("TM. ỦY BAN NHÂN DÂN" / "KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH")."""
    deputy = signer is not None and serves_in(signer, unit, on, [Title.DEPUTY]) and not serves_in(
        signer, unit, on, [Title.HEAD])
    head_title, for_head = HEAD_TITLES[UnitKind(unit.kind)], ""
    if unit.kind == UnitKind.COMMUNE:
        prefix, authority = "TM.", "ỦY BAN NHÂN DÂN"
        title, for_head = ("PHÓ CHỦ TỊCH", "KT. CHỦ TỊCH") if deputy else ("CHỦ TỊCH", "")
    elif deputy:
        prefix, authority, title = "KT.", head_title, DEPUTY_TITLES[UnitKind(unit.kind)]
    else:
        prefix, authority, title = None, "", head_title
    return {"signature_prefix": prefix, "signature_authority": authority, "signature_for_head": for_head,
            "signature_title": title, "signer_name": signer.full_name if signer else ""}


def proposal_of(consultation: Consultation) -> str:
    """What the silent unit is deemed to agree with: the proposal, or the question when none was set."""
    return consultation.proposal or consultation.question


def letter_citation(consultation: Consultation) -> str:
    """"Công văn số 07/SXD ngày 03/03/2026" (the consultation letter), or the asking date alone."""
    day = consultation.letter_date or consultation.asked_at.astimezone(TZ).date()
    if consultation.letter_notation:
        return f"Công văn số {consultation.letter_notation} ngày {day:%d/%m/%Y}"
    return f"văn bản ngày {day:%d/%m/%Y}"


def late_reply_paragraph(request: ConsultationRequest) -> str | None:
    """The late reply, attached as information: it does not undo the agreement deemed at the deadline."""
    if request.replied_at is None:
        return None
    reasons = f": {request.reasons}" if request.reasons else ""
    return (f"Ngày {request.replied_at.astimezone(TZ):%d/%m/%Y}, sau thời hạn nêu trên, {request.unit.name} có ý kiến "
            f"({request.get_position_display()}){reasons}. Ý kiến này được gửi kèm để tham khảo và không thay đổi "
            f"việc {request.unit.name} được coi là đồng ý.")


def draft_paragraphs(notice: Notice) -> tuple[str, ...]:
    """The body of a notice not yet signed, as it would read if signed now (shown on the item page)."""
    return letter_content(notice.request, None, None, None, parameter(BASIS).legal_basis)["paragraphs"]


def letter_content(request: ConsultationRequest, number: int | None, issued_on: date | None,
                   signer: Official | None, basis: str) -> dict:
    """The notice's wording: the fields of a `congvu.documents.letters.Letter`, which checks them
    when the file is rendered. Worded at signing (number, date and signer are known only then); a
    draft is shown with `number` and `issued_on` None. `basis`: the registry's legal basis text."""
    consultation, asking, silent = request.consultation, request.consultation.asking_unit, request.unit
    last_day = consultation.due_date
    proposal = proposal_of(consultation)
    late = late_reply_paragraph(request)
    return {
        "issuing_parent": asking.parent.name.upper() if asking.parent_id else "",
        "issuing_body": full_name(asking.name).upper(), "number": number, "type_abbrev": "TB",
        "body_abbrev": asking.abbrev, "place": place_of(asking),
        "issued_on": issued_on.isoformat() if issued_on else None, "doc_type_title": "THÔNG BÁO",
        "subject": f"Về việc {silent.name} được coi là đồng ý với đề xuất của {asking.name}",
        "paragraphs": tuple(p for p in (
            f"Ngày {consultation.asked_at.astimezone(TZ):%d/%m/%Y}, {asking.name} có {letter_citation(consultation)} "
            f"xin ý kiến {silent.name} về đề xuất: {proposal} (công việc: {request.item.title}); thời hạn trả lời "
            f"{consultation.reply_days} ngày làm việc, đến hết ngày {last_day:%d/%m/%Y}.",
            f"Đến hết thời hạn nêu trên, {silent.name} không có ý kiến trả lời.",
            late,
            f"Căn cứ {basis}, {silent.name} được coi là đồng ý với đề xuất nêu trên của {asking.name} kể từ "
            f"hết ngày {last_day:%d/%m/%Y} và chịu trách nhiệm trước pháp luật, UBND tỉnh và Chủ tịch UBND tỉnh về "
            f"việc không trả lời hoặc trả lời chậm so với thời hạn đề nghị.",
            f"{asking.name} thông báo để {silent.name} biết, thực hiện.",
        ) if p),
        "recipients": (f"{silent.name};", "Sở Nội vụ (để theo dõi);",
                       f"Lưu: VT, {drafting_division(consultation)}."),
        **signature(asking, signer, issued_on or consultation.due_date),
    }
