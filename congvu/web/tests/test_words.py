"""The words officials read (issue 9): the head's override is never called "vượt quyền" (exceeding
one's authority, itself misconduct) but "Thủ trưởng quyết định thực hiện (ghi rõ lý do)"; a consulted
unit is "đơn vị được lấy ý kiến", not "được hỏi"; the Chairman's decisions say "Chủ tịch UBND tỉnh";
the deemed-agreement notification reads as a civil servant would write it. The catalogue, the
rendered pages, the exports (contents and file names) and the notifications are searched, so the
wrong words cannot come back."""

import io
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook

from congvu.org.models import Notification
from congvu.web.tests.helpers import act
from congvu.web.views_oversight import EXPORTS

WRONG = re.compile(r"vượt quyền|vuot[-_ ]quyen|được hỏi|duoc[-_ ]hoi", re.IGNORECASE)
CATALOGUE = Path(__file__).resolve().parents[2] / "locale" / "vi" / "LC_MESSAGES" / "django.po"


def wrong_words(text: str) -> list[str]:
    return [text[max(0, m.start() - 40):m.end() + 40] for m in WRONG.finditer(text)]


def test_the_catalogue_has_none_of_the_wrong_words():
    translations = "\n".join(line for line in CATALOGUE.read_text().splitlines() if not line.startswith("msgid"))
    assert wrong_words(translations) == []
    assert 'msgstr "Thủ trưởng quyết định thực hiện (ghi rõ lý do)"' in CATALOGUE.read_text()


@pytest.mark.django_db
def test_the_pages_officials_and_home_affairs_read_have_none_of_the_wrong_words(province, busy, client_of):
    inspector, office, head = (client_of(p) for p in (province.inspector, province.office_head,
                                                     province.construction_head))
    pages = {
        "inspector home": inspector.get("/"), "overview": inspector.get("/tong-hop/"),
        "office home": office.get("/"), "head home": head.get("/"),
        "pushed up": head.get(f"/cong-viec/{busy.pushed_up.pk}/"),
        "consulted": head.get(f"/cong-viec/{busy.consulted.pk}/"),
        # A refusal with the override offered to the head.
        "refused": act(head, busy.refused, "chuyen", {"to_unit": province.finance.pk}),
    }
    for name, response in pages.items():
        assert response.status_code == 200, name
        assert wrong_words(response.content.decode()) == [], name
    refused = pages["refused"].content.decode()
    assert "Lý do Thủ trưởng quyết định thực hiện" in refused and "Thủ trưởng quyết định thực hiện</button>" in \
        re.sub(r"\s+</button>", "</button>", refused)
    assert "Đơn vị được lấy ý kiến" in pages["consulted"].content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("table", sorted(EXPORTS))
def test_the_exports_and_their_file_names_have_none_of_the_wrong_words(province, busy, client_of, table):
    response = client_of(province.inspector).get(f"/tong-hop/xuat-excel/{table}/")
    assert response.status_code == 200
    assert wrong_words(response["Content-Disposition"]) == []
    cells = [str(v) for row in load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True)
             for v in row if v is not None]
    assert wrong_words("\n".join(cells)) == []


@pytest.mark.django_db
def test_the_override_export_is_named_for_the_heads_decision(province, busy, client_of):
    response = client_of(province.inspector).get("/tong-hop/xuat-excel/tu-choi-thu-truong-quyet-dinh/")
    assert "tong-hop-tu-choi-thu-truong-quyet-dinh-" in response["Content-Disposition"]
    outcomes = {row[1] for row in load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True)}
    assert "Thủ trưởng quyết định thực hiện (ghi rõ lý do)" in outcomes


@pytest.mark.django_db
def test_the_deemed_agreement_notification_reads_as_a_civil_servant_writes(province, busy):
    texts = list(Notification.objects.filter(text__contains="coi là đồng ý").values_list("text", flat=True))
    assert texts
    for text in texts:
        assert text.startswith("Hết thời hạn trả lời, Sở Giao thông vận tải không có ý kiến nên được coi là "
                               "đồng ý với nội dung xin ý kiến về “"), text
        assert "ý kiến xin về" not in text


@pytest.mark.django_db
def test_where_the_chairman_decides_the_pages_say_so(province, busy, client_of):
    html = client_of(province.office_head).get("/").content.decode()
    assert "Thuộc thẩm quyền Chủ tịch UBND tỉnh" in html
