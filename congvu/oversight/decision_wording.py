"""The wording of the decisions of clauses 1.7 and 1.8 (QUYẾT ĐỊNH kỷ luật, QUYẾT ĐỊNH khen thưởng):
the fields of a `congvu.documents.letters.Letter`, fixed when the decision is signed and kept on the
record, so the .docx (`congvu.documents.review_docs`) reads the same whenever it is rendered."""

from datetime import date

from congvu.consult.notices import full_name, place_of, signature
from congvu.org.models import Official, Unit


def _header(unit: Unit, number: int, day: date, signer: Official) -> dict:
    return {
        "issuing_parent": unit.parent.name.upper() if unit.parent_id else "",
        "issuing_body": full_name(unit.name).upper(), "number": number, "type_abbrev": "QĐ",
        "body_abbrev": unit.abbrev, "place": place_of(unit), "issued_on": day.isoformat(),
        "doc_type_title": "QUYẾT ĐỊNH", **signature(unit, signer, day),
    }


def _honorific(official: Official) -> str:
    return f"ông/bà {official.full_name}"


def discipline_content(*, unit: Unit, number: int, day: date, signer: Official, official: Official,
                       official_unit: Unit, form_name: str, basis: str, conclusion: str,
                       review_id: int) -> dict:
    who = _honorific(official)
    return {
        **_header(unit, number, day, signer),
        "subject": f"Về việc thi hành kỷ luật đối với {who}",
        "paragraphs": (
            f"Căn cứ {basis};",
            f"Căn cứ kết quả kiểm điểm trách nhiệm (hồ sơ số {review_id}) và kết luận: {conclusion}",
            f"Điều 1. Thi hành kỷ luật bằng hình thức {form_name.upper()} đối với {who}, {official_unit.name}.",
            "Điều 2. Quyết định này có hiệu lực kể từ ngày ký. Thời gian thi hành kỷ luật và các chế độ liên quan "
            "thực hiện theo quy định của pháp luật.",
            f"Điều 3. {official_unit.name}, Sở Nội vụ và {who} chịu trách nhiệm thi hành Quyết định này.",
        ),
        "recipients": ("Như Điều 3;", "Sở Nội vụ (để theo dõi);", "Lưu: VT, hồ sơ kỷ luật."),
    }


def commendation_content(*, unit: Unit, number: int, day: date, signer: Official, form_name: str, basis: str,
                         recipient: str, achievements: str, period: str) -> dict:
    return {
        **_header(unit, number, day, signer),
        "subject": f"Về việc tặng {form_name}",
        "paragraphs": (
            f"Căn cứ {basis};",
            f"Xét đề nghị của Sở Nội vụ về kết quả thực hiện nhiệm vụ {period}.",
            f"Điều 1. Tặng {form_name} cho {recipient} đã có thành tích: {achievements}",
            "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.",
            f"Điều 3. Sở Nội vụ và {recipient} chịu trách nhiệm thi hành Quyết định này.",
        ),
        "recipients": ("Như Điều 3;", "Lưu: VT, thi đua khen thưởng."),
    }
