"""The wording of the inspection's two documents, Decree 30 letters issued by Home Affairs: the
decision to inspect ("QUYẾT ĐỊNH", type QĐ) and the conclusion ("KẾT LUẬN", type KL). Worded when
issued and kept on the inspection, like the deemed-agreement notice (`congvu.consult.notices`), so
the file says the same thing whenever it is rendered (`congvu.documents.inspection_docs`)."""

from datetime import date

from congvu.consult.notices import full_name, place_of, signature
from congvu.org.models import Official, Unit
from congvu.oversight.models_inspections import Inspection, InspectionKind

KIND_WORDS = {InspectionKind.ROUTINE: "kiểm tra định kỳ", InspectionKind.THEMATIC: "kiểm tra chuyên đề",
              InspectionKind.SURPRISE: "kiểm tra đột xuất"}
DRAFTING_DIVISION = "TTra"  # the Home Affairs inspectorate that drafts both documents


def unit_names(inspection: Inspection) -> str:
    return ", ".join(inspection.units.order_by("name").values_list("name", flat=True))


def team_lines(inspection: Inspection) -> list[str]:
    team = list(inspection.team.order_by("full_name"))
    return [f"- {official.full_name}, {'Trưởng đoàn' if n == 0 else 'thành viên'};" for n, official in enumerate(team)]


def _header(home: Unit, number: int, day: date, signer: Official | None, type_abbrev: str, title: str) -> dict:
    return {"issuing_parent": home.parent.name.upper() if home.parent_id else "",
            "issuing_body": full_name(home.name).upper(), "number": number, "type_abbrev": type_abbrev,
            "body_abbrev": home.abbrev, "place": place_of(home), "issued_on": day.isoformat(),
            "doc_type_title": title, **signature(home, signer, day)}


def decision_content(inspection: Inspection, home: Unit, number: int, day: date, signer: Official | None) -> dict:
    what = KIND_WORDS[InspectionKind(inspection.kind)]
    period = f"từ ngày {inspection.period_from:%d/%m/%Y} đến ngày {inspection.period_to:%d/%m/%Y}"
    theme = (f" về {inspection.theme}" if inspection.theme
             else " về việc thực thi công vụ, trách nhiệm giải quyết công việc")
    drawn = (f" Đơn vị, cán bộ và hồ sơ được chọn ngẫu nhiên có trọng số theo rủi ro, mã khởi tạo {inspection.seed}, "
             f"dấu vân tay tập chọn mẫu SHA-256 {inspection.population_digest[:16]}…" if inspection.seed else "")
    return {
        **_header(home, number, day, signer, "QĐ", "QUYẾT ĐỊNH"),
        "subject": f"Về việc {what}{theme}",
        "paragraphs": (
            "Căn cứ Văn bản số 2230/UBND-NC của Ủy ban nhân dân tỉnh về chấn chỉnh tình trạng né tránh, đùn đẩy "
            "trách nhiệm trong giải quyết công việc;",
            "Theo đề nghị của Chánh Thanh tra Sở.",
            "QUYẾT ĐỊNH:",
            f"Điều 1. Tiến hành {what}{theme} tại: {unit_names(inspection)}; thời kỳ kiểm tra {period}.{drawn}",
            "Điều 2. Thành lập Đoàn kiểm tra gồm:", *team_lines(inspection),
            "Điều 3. Đoàn kiểm tra có trách nhiệm kiểm tra, lập biên bản, báo cáo kết quả và dự thảo kết luận "
            "kiểm tra; các đơn vị được kiểm tra cung cấp đầy đủ hồ sơ, tài liệu theo yêu cầu.",
            "Điều 4. Quyết định này có hiệu lực kể từ ngày ký. Chánh Thanh tra Sở, các thành viên Đoàn kiểm tra "
            "và thủ trưởng các đơn vị có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này.",
        ),
        "recipients": ("Như Điều 4;", "UBND tỉnh (để báo cáo);", f"Lưu: VT, {DRAFTING_DIVISION}."),
    }


def finding_line(finding) -> str:
    about = f"{finding.official.full_name} ({finding.unit.name})" if finding.official_id else finding.unit.name
    evidence = f" (hồ sơ: {', '.join(f'#{i}' for i in finding.item_ids)})" if finding.item_ids else ""
    return f"- {about} — {finding.get_category_display()}: {finding.summary}{evidence}"


def measure_line(measure) -> str:
    finding = measure.finding
    about = finding.official.full_name if finding.official_id else finding.unit.name
    return f"- {measure.get_kind_display()} đối với {about}; thời hạn thực hiện đến ngày {measure.due_on:%d/%m/%Y}."


def conclusion_content(inspection: Inspection, home: Unit, number: int, day: date, signer: Official | None) -> dict:
    what = KIND_WORDS[InspectionKind(inspection.kind)]
    decision = f"{inspection.decision_number:02d}/QĐ-{home.abbrev} ngày {inspection.decision_on:%d/%m/%Y}"
    findings = list(inspection.findings.select_related("unit", "official"))
    measures = [m for f in findings for m in f.measures.all()]
    return {
        **_header(home, number, day, signer, "KL", "KẾT LUẬN"),
        "subject": f"Kiểm tra {what.removeprefix('kiểm tra ')} tại {unit_names(inspection)}",
        "paragraphs": (
            f"Thực hiện Quyết định số {decision} của Giám đốc Sở Nội vụ, Đoàn kiểm tra đã kiểm tra việc thực thi "
            f"công vụ thời kỳ từ ngày {inspection.period_from:%d/%m/%Y} đến ngày {inspection.period_to:%d/%m/%Y}.",
            "I. KẾT QUẢ KIỂM TRA",
            *([finding_line(f) for f in findings] or ["- Không phát hiện vi phạm."]),
            "II. KẾT LUẬN", inspection.conclusion,
            "III. BIỆN PHÁP XỬ LÝ",
            *([measure_line(m) for m in measures] or ["- Không áp dụng biện pháp xử lý."]),
        ),
        "recipients": (*(f"{name};" for name in inspection.units.order_by("name").values_list("name", flat=True)),
                       "UBND tỉnh (để báo cáo);", f"Lưu: VT, {DRAFTING_DIVISION}."),
    }
