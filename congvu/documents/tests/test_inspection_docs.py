"""The inspection's decision (QUYẾT ĐỊNH) and conclusion (KẾT LUẬN), read back from the .docx as a
lawyer would: Decree 30 layout, numbered in Home Affairs' outgoing register, dated on a working day,
with the team, the scope, the period, the findings and the measures."""

import pytest

from congvu.consult.models import OutgoingRegister
from congvu.documents import inspection_docs
from congvu.documents.layout import problems, read_back
from congvu.org.models import Role, Title
from congvu.oversight import inspections
from congvu.oversight.models_inspections import MeasureKind
from congvu.oversight.tests.makers_inspections import opened_with_finding
from congvu.registry.queries import current_calendar
from congvu.testing import make_official

pytestmark = pytest.mark.django_db


@pytest.fixture
def director(province):
    return make_official("snv.director", "Phan Văn Nội", province.home_affairs, Title.HEAD, Role.HOME_AFFAIRS)


def letter(inspection, kind):
    name, data = inspection_docs.render(inspection, kind)
    return name, read_back(data)


def test_the_decision_is_numbered_in_home_affairs_register_and_signed_by_its_director(province, at_morning, director):
    OutgoingRegister.objects.create(unit=province.home_affairs, year=2026, series=OutgoingRegister.SERIES, last=40)
    inspection = opened_with_finding(province)
    name, decision = letter(inspection, "quyet-dinh")
    assert problems(decision) == []
    assert decision.number_line == "Số: 41/QĐ-SNV" and name == "quyet-dinh-kiem-tra-41-QD-SNV-2026.docx"
    assert decision.title == "QUYẾT ĐỊNH" and decision.subject.startswith("Về việc kiểm tra đột xuất")
    assert decision.header_left[-1] == "SỞ NỘI VỤ"
    day = decision.day
    assert current_calendar().is_working_day(inspection.decision_on) and day == (3, 3, 2026)
    text = "\n".join(decision.body)
    assert "Sở Xây dựng" in text and "từ ngày 01/01/2026 đến ngày 28/02/2026" in text
    assert f"{province.inspector.full_name}, Trưởng đoàn" in text and inspection.seed in text
    assert decision.signature == ["GIÁM ĐỐC", director.full_name]


def test_the_conclusion_lists_the_findings_with_their_evidence_and_the_measures(province, at_morning, director):
    inspection = opened_with_finding(province)
    finding = inspection.findings.get()
    inspections.decide_measure(finding, actor=province.inspector, kind=MeasureKind.CRITICISM, days=5)
    inspections.conclude(inspection, actor=province.inspector, conclusion="Yêu cầu chấn chỉnh ngay.")
    inspection.refresh_from_db()
    assert not inspection_docs.issued(inspection, "nothing")
    name, conclusion = letter(inspection, "ket-luan")
    assert problems(conclusion) == [] and conclusion.number_line == "Số: 02/KL-SNV"
    assert conclusion.title == "KẾT LUẬN"
    text = "\n".join(conclusion.body)
    assert "Quyết định số 01/QĐ-SNV ngày 03/03/2026" in text
    assert f"{province.construction_officer.full_name} (Sở Xây dựng) — " in text and f"#{finding.item_ids[0]}" in text
    assert "Yêu cầu chấn chỉnh ngay." in text and "thời hạn thực hiện đến ngày 10/03/2026" in text
    assert conclusion.recipients[-1] == "- Lưu: VT, TTra."
