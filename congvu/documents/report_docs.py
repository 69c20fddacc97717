"""The province report's files (clause 3), rendered from what was frozen when Home Affairs compiled
it (`ProvinceReport.content`, `congvu.oversight.reports.compile_report`):

- the "BÁO CÁO" to the Provincial People's Committee as a Decree 30 .docx (the header, title,
  "Nơi nhận" and signature of `congvu.documents.letters`), with the charts as pictures and the
  units' narratives grouped by theme — results, difficulties, proposals — each naming its unit;
- the .xlsx annex: a province sheet (one row per unit and the total) and one sheet per unit, every
  text cell literal (`congvu.documents.xlsx_export`).

Rendered once and kept with the report (`files_of`): the content never changes, so neither do they."""

import io
import re
from datetime import date

from django.core.files.base import ContentFile
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Mm, Pt

from congvu.documents import report_charts
from congvu.documents.letters import (
    TEXT_WIDTH_MM,
    Letter,
    _add_run,
    docx_with_body,
)
from congvu.documents.xlsx_export import Column, Sheet, workbook_bytes
from congvu.oversight.models_reports import ProvinceReport

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# Each unit's text as the report quotes it; the annex keeps it whole.
SUMMARY_CHARS = 600
FIGURE_LABELS = (
    ("assigned", "Tổng số công việc tiếp nhận trong kỳ"),
    ("on_time", "Hoàn thành đúng hạn"),
    ("extended", "Hoàn thành sau khi gia hạn"),
    ("late", "Hoàn thành quá hạn"),
    ("within", "Đang giải quyết trong hạn"),
    ("overdue", "Quá hạn chưa hoàn thành"),
    ("extensions", "Số lần gia hạn"),
    ("passed_on", "Chuyển, trả lại đơn vị khác"),
    ("deemed_agreements", "Coi như đồng ý do không trả lời đúng hạn"),
)
THEMES = (("results", "I. KẾT QUẢ THỰC HIỆN CỦA CÁC ĐƠN VỊ"),
          ("difficulties", "II. KHÓ KHĂN, VƯỚNG MẮC"),
          ("proposals", "III. ĐỀ XUẤT, KIẾN NGHỊ"))


def letter_of(content: dict) -> Letter:
    """The letter's frame: everything but the body, which `docx_bytes` lays out itself."""
    return Letter(
        issuing_parent=content["issuing_parent"], issuing_body=content["issuing_body"], number=content["number"],
        type_abbrev="BC", body_abbrev=content["body_abbrev"], place=content["place"],
        issued_on=date.fromisoformat(content["issued_on"]), doc_type_title="BÁO CÁO",
        subject=f"Kết quả thực hiện kỷ luật, kỷ cương hành chính {in_sentence(content['period'])}",
        paragraphs=(), recipients=("UBND tỉnh (để báo cáo);", "Chủ tịch, các Phó Chủ tịch UBND tỉnh;",
                                   "Các sở, ban, ngành tỉnh;", "UBND các xã, phường;",
                                   f"Lưu: VT, {content['body_abbrev']}."),
        signature_prefix=content["signature_prefix"], signature_authority=content["signature_authority"],
        signature_title=content["signature_title"], signer_name=content["signer_name"],
        signature_for_head=content.get("signature_for_head", ""),
    )


def summary(text: str, limit: int = SUMMARY_CHARS) -> str:
    """The text whole if short; else its sentences up to `limit` characters, then "…"."""
    text = re.sub(r"\s+", " ", text).strip()
    if len(text) <= limit:
        return text
    cut = text[:limit]
    end = max(cut.rfind(". "), cut.rfind("; "))
    return (cut[: end + 1] if end > limit // 3 else cut.rsplit(" ", 1)[0]) + " …"


def in_sentence(label: str) -> str:
    """"Quý I năm 2026" inside a sentence: "quý I năm 2026" (only its first letter lowered)."""
    return label[:1].lower() + label[1:]


def day(iso: str) -> str:
    return f"{date.fromisoformat(iso):%d/%m/%Y}"


def figures_sentence(figures: dict[str, int], rate: float) -> str:
    parts = [f"{label.lower() if i else label}: {figures[key]}" for i, (key, label) in enumerate(FIGURE_LABELS)]
    return "; ".join(parts) + f"; tỷ lệ quá hạn: {rate:.1f}%."


def submission_paragraphs(units: list[dict]) -> list[str]:
    sent = [u for u in units if u["submitted"]]
    late = [u["unit"] for u in sent if u["late"]]
    missing = [f"{u['unit']} (đã đôn đốc {u['urged']} lần)" if u["urged"] else u["unit"]
               for u in units if not u["submitted"]]
    lines = [f"Tình hình gửi báo cáo: {len(sent)}/{len(units)} đơn vị đã gửi báo cáo."]
    if late:
        lines.append("Đơn vị gửi báo cáo chậm so với thời hạn: " + ", ".join(late) + ".")
    if missing:
        lines.append("Đơn vị chưa gửi báo cáo (số liệu do hệ thống tổng hợp đến ngày lập báo cáo): "
                     + ", ".join(missing) + ".")
    return lines


def _paragraph(document, text: str, *, bold: bool = False, indent: bool = True, italic: bool = False):
    paragraph = document.add_paragraph()
    fmt = paragraph.paragraph_format
    fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    fmt.first_line_indent = Cm(1.27) if indent else None
    fmt.space_before, fmt.space_after, fmt.line_spacing = Pt(6), Pt(0), 1.15
    _add_run(paragraph, text, 14, bold=bold, italic=italic)
    return paragraph


def _picture(document, png: bytes, caption: str) -> None:
    document.add_picture(io.BytesIO(png), width=Mm(TEXT_WIDTH_MM - 5))
    document.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _paragraph(document, caption, italic=True, indent=False).alignment = WD_ALIGN_PARAGRAPH.CENTER


def _body(document, content: dict) -> None:
    units, province = content["units"], content["province"]
    _paragraph(document, f"Thực hiện Văn bản số 2230/UBND-NC của UBND tỉnh về tăng cường kỷ luật, kỷ cương hành "
               f"chính, {content['issuer_name']} báo cáo kết quả {in_sentence(content['period'])} (số liệu từ "
               f"ngày {day(content['starts_on'])} đến ngày {day(content['ends_on'])}) như sau:")
    _paragraph(document, "A. SỐ LIỆU GIẢI QUYẾT CÔNG VIỆC", bold=True, indent=False)
    _paragraph(document, "Toàn tỉnh: " + figures_sentence(province["figures"], province["overdue_rate"]))
    for line in submission_paragraphs(units):
        _paragraph(document, line)
    _picture(document, report_charts.province_chart(province["figures"]), "Biểu đồ 1. Kết quả giải quyết công việc "
             "toàn tỉnh")
    _picture(document, report_charts.units_chart(units), "Biểu đồ 2. Kết quả giải quyết công việc theo đơn vị")
    _picture(document, report_charts.overdue_rate_chart(units), "Biểu đồ 3. Tỷ lệ công việc quá hạn theo đơn vị")
    _paragraph(document, "(Số liệu chi tiết của từng đơn vị tại Phụ lục kèm theo.)", italic=True)
    _paragraph(document, "B. TỔNG HỢP BÁO CÁO CỦA CÁC ĐƠN VỊ", bold=True, indent=False)
    for theme, heading in THEMES:
        _paragraph(document, heading, bold=True, indent=False)
        texts = [(u["unit"], u[theme]) for u in units if u[theme].strip()]
        for unit, text in texts:
            _paragraph(document, f"- {unit}: {summary(text)}")
        if not texts:
            _paragraph(document, "Không có đơn vị nêu nội dung này.")
    _paragraph(document, f"{content['issuer_name']} báo cáo UBND tỉnh xem xét, chỉ đạo./.")


def docx_bytes(content: dict) -> bytes:
    return docx_with_body(letter_of(content), lambda document: _body(document, content))


# --- the .xlsx annex ---------------------------------------------------------------------------


def sheet_titles(units: list[dict]) -> list[str]:
    """One unique sheet name per unit, within Excel's 31 characters and without its forbidden ones."""
    seen: set[str] = {"Toàn tỉnh"}
    titles = []
    for unit in units:
        base = re.sub(r"[\[\]:*?/\\]", " ", unit["unit"]).strip()[:31] or "Đơn vị"
        title, n = base, 2
        while title.lower() in {s.lower() for s in seen}:
            suffix = f" ({n})"
            title, n = base[: 31 - len(suffix)] + suffix, n + 1
        seen.add(title)
        titles.append(title)
    return titles


def province_sheet(content: dict) -> Sheet:
    columns = [Column("Đơn vị", 36), *(Column(label, 14) for _, label in FIGURE_LABELS),
               Column("Tỷ lệ quá hạn (%)", 12), Column("Đã gửi báo cáo", 12), Column("Ngày gửi", 12),
               Column("Số lần đôn đốc", 10)]

    def row(name: str, f: dict, rate: float, tail: list) -> list:
        return [name, *(f["figures"][key] for key, _ in FIGURE_LABELS), rate, *tail]

    rows = [row(u["unit"], u, u["overdue_rate"], ["Có" if u["submitted"] else "Chưa",
                                                   day(u["submitted_on"]) if u["submitted_on"] else "", u["urged"]])
            for u in content["units"]]
    province = content["province"]
    rows.append(row("TOÀN TỈNH", province, province["overdue_rate"], ["", "", ""]))
    return Sheet("Toàn tỉnh", columns, rows)


def unit_sheet(title: str, unit: dict) -> Sheet:
    rows: list[list] = [["Đơn vị", unit["unit"]],
                        ["Tình trạng báo cáo", ("Đã gửi ngày " + day(unit["submitted_on"])) if unit["submitted"]
                         else "Chưa gửi"]]
    rows += [[label, unit["figures"][key]] for key, label in FIGURE_LABELS]
    rows.append(["Tỷ lệ quá hạn (%)", unit["overdue_rate"]])
    rows += [[s["label"], s["value"]] for s in unit.get("signals", [])]
    rows += [[b["label"], b["value"]] for b in unit.get("backlog", [])]
    rows += [["Kết quả thực hiện", unit["results"]], ["Khó khăn, vướng mắc", unit["difficulties"]],
             ["Đề xuất, kiến nghị", unit["proposals"]]]
    return Sheet(title, [Column("Chỉ tiêu", 40), Column("Giá trị", 90)], rows)


def xlsx_bytes(content: dict) -> bytes:
    units = content["units"]
    sheets = [province_sheet(content)]
    sheets += [unit_sheet(title, u) for title, u in zip(sheet_titles(units), units, strict=True)]
    return workbook_bytes(sheets)


def file_stem(report: ProvinceReport) -> str:
    return f"bao-cao-{report.number:02d}-BC-{report.unit.abbrev}-{report.year}"


def files_of(report: ProvinceReport) -> ProvinceReport:
    """Write the report's .docx and .xlsx once (on compiling, or at the first download)."""
    for field, suffix, render in (("docx", "docx", docx_bytes), ("xlsx", "xlsx", xlsx_bytes)):
        stored = getattr(report, field)
        if not stored:
            stored.save(f"{file_stem(report)}.{suffix}", ContentFile(render(report.content)), save=False)
            ProvinceReport.objects.filter(pk=report.pk, **{field: ""}).update(**{field: stored.name})
    return report
