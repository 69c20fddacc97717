"""The .xlsx exports stay whole and harmless whatever text the database holds: a control character
stored before the entry check existed is dropped (the list used to answer 500 to everyone who could
see the item), and a subject, notation or unit name that looks like a formula stays literal text."""

import csv
import io

import pytest
from openpyxl import load_workbook

from congvu.org.models import Unit
from congvu.testing import Busy
from congvu.work.models import IncomingDocument, WorkItem

pytestmark = pytest.mark.django_db
TITLE = "Cấp phép\x01 xây dựng\x1f nhà xưởng Hòa Hiệp"
CLEAN_TITLE = "Cấp phép xây dựng nhà xưởng Hòa Hiệp"
NOTATION = '=HYPERLINK("http://ke-gian.example/x","12/CV-SC")'
LEAD_UNIT = "+Sở Xây dựng"
SILENT_UNIT = "@SUM(1+1) Sở Giao thông vận tải"
CONSULTED_TITLE = "-Phê duyệt quy hoạch khu công nghiệp Hòa Tâm\x07"


@pytest.fixture
def busy(busy, province) -> Busy:
    """The busy province (congvu/conftest.py), with texts no entry check would let in."""
    # Written behind the actions' back, as rows from before the check (or another path) would be.
    WorkItem.objects.filter(pk=busy.overdue.pk).update(title=TITLE)
    WorkItem.objects.filter(pk=busy.consulted.pk).update(title=CONSULTED_TITLE)
    IncomingDocument.objects.filter(pk=busy.overdue.incoming_id).update(notation=NOTATION)
    Unit.objects.filter(pk=province.construction.pk).update(name=LEAD_UNIT)
    Unit.objects.filter(pk=province.transport.pk).update(name=SILENT_UNIT)
    return busy


def cells(response) -> list:
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    return [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]


def assert_all_literal(found: list) -> None:
    assert not [c.coordinate for c in found if c.data_type == "f"]
    texts = [c.value for c in found if isinstance(c.value, str)]
    assert not [t for t in texts if any(ord(ch) < 32 and ch not in "\t\n\r" for ch in t)]


def test_the_item_list_exports_stored_control_characters_and_formulas_as_plain_text(province, busy, client_of):
    found = cells(client_of(province.inspector).get("/danh-sach/?format=xlsx"))
    assert_all_literal(found)
    by_value = {c.value: c for c in found}
    assert CLEAN_TITLE in by_value
    assert by_value[NOTATION].data_type == "s"  # exactly as stored, not evaluated, no quote added
    assert by_value[LEAD_UNIT].data_type == "s"
    assert CONSULTED_TITLE.rstrip("\x07") in by_value


@pytest.mark.parametrize("table", ["so-lieu", "qua-han", "coi-nhu-dong-y", "tu-choi-thu-truong-quyet-dinh"])
def test_every_home_affairs_export_survives_stored_control_characters_and_formulas(
        province, busy, client_of, table):
    found = cells(client_of(province.inspector).get(f"/tong-hop/xuat-excel/{table}/"))
    assert_all_literal(found)
    values = {c.value for c in found}
    expected = {"so-lieu": LEAD_UNIT, "qua-han": CLEAN_TITLE, "coi-nhu-dong-y": SILENT_UNIT,
                "tu-choi-thu-truong-quyet-dinh": LEAD_UNIT}[table]
    assert expected in values


def test_the_register_and_the_dashboards_items_export_formulas_as_plain_text(province, busy, client_of):
    register = cells(client_of(province.construction_clerk).get("/van-ban-den/?format=xlsx"))
    assert_all_literal(register)
    assert NOTATION in {c.value for c in register}
    items = cells(client_of(province.inspector).get("/tong-hop/danh-sach/?bucket=assigned&ky=thang&thang=2&nam=2026"
                                                    "&format=xlsx"))
    assert_all_literal(items)
    assert len({c.row for c in items}) > 1


def test_the_published_figures_csv_never_starts_a_cell_with_a_formula(province, busy, client_of):
    """A spreadsheet opens the public CSV as it opens a workbook: a unit's name starting with "=", "+",
    "-" or "@" would run as a formula on a citizen's computer. Such a cell starts with an apostrophe."""
    Unit.objects.filter(pk=province.construction.pk).update(
        name='=HYPERLINK("http://ke-gian.example","Sở\x01 Xây dựng")')
    response = client_of(province.outsider).get("/cong-khai/so-lieu.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert '\'=HYPERLINK("http://ke-gian.example","Sở Xây dựng")' in [row[2] for row in rows[1:]]
    assert not [cell for row in rows for cell in row if cell.startswith(("=", "+", "-", "@"))]
    assert not [cell for row in rows for cell in row if any(ord(ch) < 32 for ch in cell)]
