"""The deemed-agreement notice as a file: a Decree 30 letter rendered from the wording the
consultation sweep stored, written once, by the round's next step or when it is downloaded."""

import io
from datetime import datetime

import pytest
from docx import Document

from congvu.consult import sweep as consult_sweep
from congvu.consult.models import Notice
from congvu.documents import notices
from congvu.lib import clock
from congvu.lib.workdays import TZ
from congvu.testing import consulted_item

pytestmark = pytest.mark.usefixtures("at_morning")
# Asked on Tuesday 03/03/2026 with 5 working days: due at 24:00 of Tuesday 10/03.
MIDNIGHT = datetime(2026, 3, 11, 0, 0, tzinfo=TZ)


@pytest.fixture
def notice(province) -> Notice:
    """Finance stayed silent: the sweep worded and numbered Construction's notice (no file yet)."""
    consulted_item(province)
    with clock.travel_to(MIDNIGHT):
        consult_sweep.deem_overdue()
    return Notice.objects.select_related("unit").get()


def test_the_sweep_words_the_notice_and_leaves_the_file_to_the_documents_area(notice):
    assert notice.content["subject"].startswith("Về việc Sở Tài chính được coi là đồng ý")
    assert not notice.file


def test_the_notice_is_a_decree_30_letter_saying_the_silent_unit_is_deemed_to_agree(province, notice):
    assert notices.render_pending() == 1
    notice.refresh_from_db()
    document = Document(io.BytesIO(notice.file.read()))
    text = "\n".join(p.text for p in document.paragraphs) + "\n".join(
        cell.text for table in document.tables for row in table.rows for cell in row.cells)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "Độc lập - Tự do - Hạnh phúc" in text
    assert "Số: 01/TB-SXD" in text and "ngày 11 tháng 3 năm 2026" in text
    assert "Sở Tài chính được coi là đồng ý" in text and "Mục 2.2" in text
    assert "THÔNG BÁO" in text and "GIÁM ĐỐC" in text and province.construction_head.full_name in text
    section = document.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    assert 30 <= round(section.left_margin.mm) <= 35 and 15 <= round(section.right_margin.mm) <= 20
    fonts = {run.font.name for p in document.paragraphs for run in p.runs if run.text.strip()}
    assert fonts == {"Times New Roman"}


def test_a_notice_is_rendered_once_and_named_by_its_number(notice):
    first = notices.render(notice).file.name
    assert notices.render(Notice.objects.get(pk=notice.pk)).file.name == first
    assert notices.file_name(notice) == "thong-bao-01-TB-SXD-2026.docx"
    assert notices.render_pending() == 0
