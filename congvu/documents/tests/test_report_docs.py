"""The province report's files (clause 3): a Decree 30 "BÁO CÁO" numbered in Home Affairs' outgoing
register, with its charts as pictures and the units' narratives under their themes naming each unit;
an .xlsx annex with the province sheet and one sheet per unit, every text cell literal."""

import io
from datetime import date, datetime

import pytest
from docx import Document
from openpyxl import load_workbook

from congvu.documents import report_docs
from congvu.documents.layout import problems, read_back
from congvu.lib import clock
from congvu.lib.workdays import TZ
from congvu.oversight import reports
from congvu.oversight.models_reports import UnitReport
from congvu.testing import working_item

pytestmark = pytest.mark.django_db
AFTER_DUE = datetime(2026, 3, 18, 9, 0, tzinfo=TZ)


@pytest.fixture
def compiled(province, at_morning):
    working_item(province, province.building_permit, subject="Cấp phép nhà ở")
    period = reports.open_period(actor=province.inspector, kind="month", year=2026, number=3, due_on=date(2026, 3, 17))
    report = UnitReport.objects.get(period=period, unit=province.construction)
    reports.save_narrative(report, actor=province.construction_officer, results="Giải quyết đúng hạn 12 hồ sơ.",
                           difficulties="=SUM(A1:A9) thiếu cán bộ thẩm định.", proposals="Bổ sung biên chế.")
    reports.submit_report(report, actor=province.construction_head)
    with clock.travel_to(AFTER_DUE):
        return report_docs.files_of(reports.compile_report(period, actor=province.inspector))


def test_the_report_is_a_decree_30_bao_cao_with_its_charts_as_pictures(compiled):
    data = compiled.docx.open("rb").read()
    letter = read_back(data)
    assert problems(letter) == []
    assert letter.number_line == "Số: 01/BC-SNV" and letter.title == "BÁO CÁO"
    assert letter.day == (18, 3, 2026) and letter.place == "Phú Yên"
    assert len(Document(io.BytesIO(data)).inline_shapes) == 3
    body = "\n".join(letter.body)
    assert "- Sở Xây dựng: Giải quyết đúng hạn 12 hồ sơ." in body
    assert body.index("II. KHÓ KHĂN, VƯỚNG MẮC") < body.index("- Sở Xây dựng: =SUM(A1:A9)")
    assert "Đơn vị chưa gửi báo cáo" in body and "Sở Tài chính" in body


def test_the_annex_has_a_province_sheet_and_one_per_unit_with_literal_text(compiled):
    workbook = load_workbook(io.BytesIO(compiled.xlsx.open("rb").read()))
    units = [u["unit"] for u in compiled.content["units"]]
    assert workbook.sheetnames == ["Toàn tỉnh", *units]
    province = workbook["Toàn tỉnh"]
    assert province.cell(province.max_row, 1).value == "TOÀN TỈNH"
    construction = {row[0]: row[1] for row in workbook["Sở Xây dựng"].iter_rows(values_only=True)}
    assert construction["Tổng số công việc tiếp nhận trong kỳ"] == 1
    assert construction["Khó khăn, vướng mắc"] == "=SUM(A1:A9) thiếu cán bộ thẩm định."
    cell = next(row[1] for row in workbook["Sở Xây dựng"].iter_rows() if row[0].value == "Khó khăn, vướng mắc")
    assert cell.data_type == "s"  # text, never a formula


def test_the_files_are_rendered_once_and_read_the_same_later(compiled):
    first = compiled.docx.name
    again = report_docs.files_of(type(compiled).objects.get(pk=compiled.pk))
    assert again.docx.name == first


def test_sheet_names_stay_unique_within_excels_limit():
    units = [{"unit": "Sở Tài nguyên và Môi trường tỉnh Phú Yên cũ"},
             {"unit": "Sở Tài nguyên và Môi trường tỉnh Phú Yên mới"},
             {"unit": "UBND xã A/B"}]
    titles = report_docs.sheet_titles(units)
    assert len(set(titles)) == 3 and all(len(t) <= 31 for t in titles) and "/" not in titles[2]
