"""What a consulted unit sees of the item it is asked about: the summary, its own request, the question
and the files the asking unit chose to share; not the trail, the steps, the other units' requests, the
original (unless shared) or the lead unit's notes. Same on the page and in the API. Uploaded files are
served with an allow-listed type, never as a page."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from congvu.api.actions import issue_token
from congvu.consult import actions
from congvu.consult.models import Consultation, ConsultationRequest, ReplyPosition
from congvu.testing import Province
from congvu.web.tests.helpers import direct_and_assign, register
from congvu.work.models import WorkItem

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("at_morning")]
QUESTION = "Đề nghị cho ý kiến về chỉ tiêu sử dụng đất của đồ án"
NOTE = "Ghi chú nội bộ: ưu tiên hồ sơ của chủ đầu tư"


def html(response) -> str:
    return response.content.decode()


@pytest.fixture
def item(province, client_of) -> WorkItem:
    """A planning approval registered with its original, directed with an internal note, assigned."""
    item = register(client_of(province.construction_clerk), province, matter_type=province.planning_approval.pk)
    return direct_and_assign(client_of(province.construction_head), item, province, cooperating=[], note=NOTE)


def ask(p: Province, client_of, item: WorkItem, **extra) -> Consultation:
    data = {"units": [p.finance.pk, p.transport.pk], "question": QUESTION, "reply_days": "5", **extra}
    assert client_of(p.construction_officer).post(f"/cong-viec/{item.pk}/xin-y-kien/", data).status_code == 302
    return Consultation.objects.filter(item=item).latest("id")


def requests(consultation: Consultation) -> tuple[ConsultationRequest, ConsultationRequest]:
    return consultation.requests.get(unit__code="stc"), consultation.requests.get(unit__code="sgtvt")


# The page ------------------------------------------------------------------------------------------


def test_a_consulted_unit_sees_the_summary_its_own_request_and_the_question_only(province, client_of, item):
    finance, transport = requests(ask(province, client_of, item))
    actions.reply(transport, actor=province.transport_head, position=ReplyPosition.DISAGREE, reasons="Ý KIẾN RIÊNG")
    page = html(client_of(province.finance_head).get(f"/cong-viec/{item.pk}/"))
    assert item.title in page and province.planning_approval.name in page and "Sở Xây dựng" in page
    assert f"{item.due_date:%d/%m/%Y}" in page and QUESTION in page and f'id="yeu-cau-{finance.pk}"' in page
    assert "Gửi ý kiến trả lời" in page  # its own reply form
    assert f'id="yeu-cau-{transport.pk}"' not in page and "Ý KIẾN RIÊNG" not in page  # another unit's request
    assert 'id="item-trail"' not in page and 'id="steps-title"' not in page and NOTE not in page
    assert f"/van-ban-den/{item.incoming_id}/tep-goc/" not in page and "don-de-nghi" not in page


def test_those_who_hold_the_work_still_see_the_whole_item(province, client_of, item):
    finance, transport = requests(ask(province, client_of, item))
    page = html(client_of(province.construction_officer).get(f"/cong-viec/{item.pk}/"))
    assert 'id="item-trail"' in page and NOTE in page and f"/van-ban-den/{item.incoming_id}/tep-goc/" in page
    assert f'id="yeu-cau-{finance.pk}"' in page and f'id="yeu-cau-{transport.pk}"' in page


def test_a_consulted_unit_may_not_download_the_original_that_was_not_shared(province, client_of, item):
    consultation = ask(province, client_of, item)
    finance_head = client_of(province.finance_head)
    assert finance_head.get(f"/van-ban-den/{item.incoming_id}/tep-goc/").status_code == 403
    assert finance_head.get(f"/xin-y-kien/dot/{consultation.pk}/van-ban-goc/").status_code == 404
    assert "van-ban-goc" not in html(finance_head.get("/xin-y-kien/"))


def test_the_original_shared_when_asking_is_downloaded_by_the_units_asked_and_no_other(province, client_of, item):
    officer = client_of(province.construction_officer)
    assert "Gửi kèm văn bản gốc" in html(officer.get(f"/cong-viec/{item.pk}/"))  # the tick box, as there is one
    consultation = ask(province, client_of, item, shares_original="on")
    assert consultation.shares_original
    url = f"/xin-y-kien/dot/{consultation.pk}/van-ban-goc/"
    assert url in html(client_of(province.finance_head).get("/xin-y-kien/"))
    download = client_of(province.finance_officer).get(url)
    assert download.status_code == 200 and b"".join(download.streaming_content) == b"%PDF-1.4 original"
    assert download["Content-Type"] == "application/pdf" and download["Content-Disposition"].startswith("attachment")
    assert client_of(province.commune_head).get(url).status_code == 403


def test_no_tick_box_when_the_item_has_no_original(province, client_of):
    head = client_of(province.construction_head)
    data = {"matter_type": province.planning_approval.pk}
    response = client_of(province.construction_clerk).post("/van-ban-den/moi/", {
        "unit": province.construction.pk, "sender": "UBND tỉnh", "subject": "Không có tệp", "doc_type": "Công văn",
        "priority": "normal", **data})
    item = WorkItem.objects.get(pk=int(response["Location"].rstrip("/").rsplit("/", 1)[-1]))
    direct_and_assign(head, item, province)
    assert "Gửi kèm văn bản gốc" not in html(client_of(province.construction_officer).get(f"/cong-viec/{item.pk}/"))


def test_a_consulted_unit_no_longer_finds_the_item_in_the_work_list_but_on_its_requests_page(
        province, client_of, item):
    ask(province, client_of, item)
    finance_head = client_of(province.finance_head)
    assert f"/cong-viec/{item.pk}/" not in html(finance_head.get("/danh-sach/"))
    assert f"/cong-viec/{item.pk}/" in html(finance_head.get("/xin-y-kien/"))


# Uploaded files -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "content_type"), [
    ("ho-so.pdf", "application/pdf"),
    ("BANG-TINH.XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ("so-do.png", "image/png"),
    ("anh.jpg", "image/jpeg"),
    ("bao-cao.html", "application/octet-stream"),
    ("trang.svg", "application/octet-stream"),
    ("khong-duoi", "application/octet-stream"),
])
def test_the_consultation_attachment_keeps_an_allow_listed_type_and_is_never_a_page(
        province, client_of, item, name, content_type):
    upload = SimpleUploadedFile(name, b"<html><script>alert(1)</script></html>", content_type="text/html")
    consultation = ask(province, client_of, item, attachment=upload)
    response = client_of(province.finance_head).get(f"/xin-y-kien/dot/{consultation.pk}/tai-lieu/")
    assert response.status_code == 200
    assert response["Content-Type"] == content_type and response["Content-Disposition"].startswith("attachment")


# The API --------------------------------------------------------------------------------------------


def api_get(official, path: str):

    token = issue_token(official=official, name="pytest")[1]
    return Client().get(path, headers={"Authorization": f"Bearer {token}"})


def test_the_api_gives_a_consulted_unit_the_same_consultation_view(province, client_of, item):
    finance, transport = requests(ask(province, client_of, item))
    detail = api_get(province.finance_head, f"/api/items/{item.pk}").json()
    assert detail["title"] == item.title and detail["lead_unit_id"] == province.construction.pk
    assert detail["view"] == "consulted"
    assert detail["events"] == [] and detail["steps"] == [] and detail["incoming"] is None
    assert detail["incoming_number"] is None and detail["actions"] == []
    assert [r["id"] for c in detail["consultations"] for r in c["requests"]] == [finance.pk]
    assert detail["consultations"][0]["question"] == QUESTION
    assert api_get(province.finance_head, f"/api/consultation-requests/{transport.pk}").status_code == 404
    assert api_get(province.finance_head, f"/api/consultation-requests/{finance.pk}").status_code == 200


def test_the_api_still_gives_the_lead_unit_the_whole_item(province, client_of, item):
    finance, transport = requests(ask(province, client_of, item))
    detail = api_get(province.construction_officer, f"/api/items/{item.pk}").json()
    assert detail["view"] == "whole"
    assert len(detail["events"]) == 4 and detail["incoming"]["incoming_number"] == 1
    assert {r["id"] for c in detail["consultations"] for r in c["requests"]} == {finance.pk, transport.pk}
    assert api_get(province.construction_officer, f"/api/consultation-requests/{transport.pk}").status_code == 200


def test_asking_through_the_api_may_share_the_original(province, client_of, item):
    token = issue_token(official=province.construction_officer, name="pytest")[1]
    body = {"units": [province.finance.pk], "question": QUESTION, "reply_days": 5, "shares_original": True}
    response = Client().post(f"/api/items/{item.pk}/consultations", body, content_type="application/json",
                             headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 201, response.content
    assert Consultation.objects.get(item=item).shares_original
