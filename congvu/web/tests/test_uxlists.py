"""Issue 12, the points of the `uxlists` helper that need no browser: the language every page speaks,
the administrator's constraint messages, notifications cleared when what they asked for is done."""

import re
from datetime import datetime

from django.test import Client

from congvu.consult import actions as consult
from congvu.consult import sweep as consult_sweep
from congvu.consult.models import ReplyPosition
from congvu.lib import clock
from congvu.lib.workdays import TZ
from congvu.org.models import Notification
from congvu.testing import consulted_by_two

ENGLISH_BROWSER = {"HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.9"}


# --- Language: Vietnamese whatever the browser asks, English only when chosen -----------------------

def test_an_english_browser_gets_vietnamese_pages(client_of, province):
    page = client_of(province.construction_officer).get("/", **ENGLISH_BROWSER).content.decode()
    assert "Việc của tôi" in page and "My work" not in page
    login = Client().get("/dang-nhap/", **ENGLISH_BROWSER).content.decode()
    assert 'lang="vi"' in login


def test_the_officials_choice_of_english_is_remembered_on_their_record(client_of, province):
    officer = province.construction_officer
    client = client_of(officer)
    response = client.post("/ngon-ngu/", {"language": "en", "next": "/danh-sach/"})
    assert response.status_code == 302 and response["Location"] == "/danh-sach/"
    officer.refresh_from_db()
    assert officer.language == "en"
    # Another browser, with no cookie and a Vietnamese Accept-Language: still the official's English.
    elsewhere = client_of(officer)
    page = elsewhere.get("/", HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert "My work" in page and "Việc của tôi" not in page
    # And back to Vietnamese.
    client.post("/ngon-ngu/", {"language": "vi", "next": "/"})
    assert "Việc của tôi" in elsewhere.get("/", **ENGLISH_BROWSER).content.decode()


def test_a_signed_out_visitor_may_choose_english_by_the_menu(db):
    client = Client()
    client.post("/ngon-ngu/", {"language": "en", "next": "/dang-nhap/"})
    assert 'lang="en"' in client.get("/dang-nhap/").content.decode()


def test_the_api_keeps_answering_in_the_language_it_is_asked_for(client_of, province):
    client = client_of(province.construction_officer)
    english = client.get("/api/items/999999", HTTP_ACCEPT_LANGUAGE="en").json()
    vietnamese = client.get("/api/items/999999").json()
    assert english != vietnamese


# --- The administrator: a constraint violated reads in Vietnamese -----------------------------------

def test_a_matter_type_without_competence_is_refused_in_vietnamese_in_the_admin(admin_client, province):
    response = admin_client.post("/quan-tri/registry/mattertype/add/", {
        "code": "thu-nghiem", "name": "Thử nghiệm", "field": "Xây dựng", "authority": "unit_head",
        "legal_basis": "Luật Xây dựng", "time_limit_days": "10", "competent_unit": "", "competent_kind": "",
    })
    page = response.content.decode()
    assert response.status_code == 200  # the form again, nothing saved
    assert "Hãy chọn đơn vị có thẩm quyền, hoặc loại đơn vị có thẩm quyền theo địa bàn" in page
    assert "matter_type_has_competence" not in page and "is violated" not in page


def test_a_parameter_outside_its_bounds_is_refused_in_vietnamese_in_the_admin(admin_client, province):
    response = admin_client.post("/quan-tri/registry/regulationparameter/add/", {
        "key": "thu-nghiem", "description": "Thử nghiệm", "value": "50", "minimum": "1", "maximum": "10",
        "legal_basis": "",
    })
    page = response.content.decode()
    assert "Giá trị phải nằm trong khoảng từ mức tối thiểu đến mức tối đa." in page
    assert "parameter_within_bounds" not in page


# --- Notifications: read when the item is opened, a reminder cleared by the reply -------------------

def test_opening_an_item_marks_its_notifications_read(client_of, province, at_morning):
    item, finance, _transport = consulted_by_two(province)
    head = province.finance_head
    unread = Notification.objects.filter(official=head, url=f"/cong-viec/{item.pk}/", read_at__isnull=True)
    assert unread.exists()
    other = Notification.objects.create(official=head, text="Khác", url="/cong-viec/999999/", created_at=clock.now())
    assert client_of(head).get(f"/cong-viec/{item.pk}/").status_code == 200
    assert not unread.exists()
    other.refresh_from_db()
    assert other.read_at is None  # only the opened item's


def test_a_reminder_clears_when_the_reply_it_asked_for_is_sent(province, at_morning):
    item, finance, transport = consulted_by_two(province)
    with clock.travel_to(datetime(2026, 3, 9, 8, 0, tzinfo=TZ)):  # the last day is tomorrow
        assert consult_sweep.remind() == 2
        reminders = Notification.objects.filter(text__startswith="Nhắc hạn", read_at__isnull=True)
        assert reminders.filter(official=province.finance_head).exists()
        consult.reply(finance, actor=province.finance_head, position=ReplyPosition.AGREE)
    assert not reminders.filter(official=province.finance_head).exists()
    assert reminders.filter(official=province.transport_head).exists()  # Transport has not replied yet


# --- Static files: hashed names, compressed, cached for a year at least -----------------------------

def test_a_collected_stylesheet_is_served_compressed_and_cached_for_a_year(db, settings, tmp_path):
    from django.contrib.staticfiles.storage import staticfiles_storage
    from django.core.management import call_command

    settings.STATIC_ROOT = tmp_path / "static"
    call_command("collectstatic", interactive=False, verbosity=0)
    url = staticfiles_storage.url("vendor/bootstrap-5.3.9/bootstrap.min.css")
    assert url != "/static/vendor/bootstrap-5.3.9/bootstrap.min.css"  # a content-hashed name
    client = Client()  # a new handler: WhiteNoise reads the collected folder when it starts
    assert url in client.get("/dang-nhap/").content.decode()
    for encoding in ("br", "gzip"):
        response = client.get(url, HTTP_ACCEPT_ENCODING=encoding)
        assert response.status_code == 200 and response["Content-Encoding"] == encoding
        max_age = int(re.search(r"max-age=(\d+)", response["Cache-Control"]).group(1))
        assert max_age >= 365 * 24 * 3600
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert len(body) < 100_000  # Bootstrap's 232 KB, compressed


# --- No duplicates: a form is acted on once; the register warns of the same document ----------------

def test_a_form_sent_twice_with_its_one_time_token_registers_one_document(client_of, province):
    from congvu.web.tests.helpers import register_form
    from congvu.work.models import IncomingDocument

    clerk = client_of(province.construction_clerk)
    page = clerk.get("/van-ban-den/moi/").content.decode()
    token = re.search(r'name="form_once" value="([^"]+)"', page).group(1)
    data = {**register_form(province), "form_once": token}
    first = clerk.post("/van-ban-den/moi/", data)
    assert first.status_code == 302
    second = clerk.post("/van-ban-den/moi/", data, follow=True)
    assert IncomingDocument.objects.count() == 1
    assert second.redirect_chain[0][0] == first["Location"]  # to what the first submission made
    assert "Biểu mẫu này đã được gửi một lần; lần gửi lại không được thực hiện." in second.content.decode()
    # A new rendering of the form carries a new token: the next document is registered.
    page = clerk.get("/van-ban-den/moi/").content.decode()
    assert token not in page


def test_a_second_post_of_a_form_whose_first_answer_was_no_redirect_gets_the_message(client_of, province):
    clerk = client_of(province.construction_clerk)
    data = {"form_once": "mot-lan-duy-nhat", "sender": ""}  # invalid: the form again, nothing saved
    assert clerk.post("/van-ban-den/moi/", data).status_code == 200
    again = clerk.post("/van-ban-den/moi/", data)
    assert again.status_code == 409
    assert "Biểu mẫu này đã được gửi một lần" in again.content.decode()


def test_hand_registration_warns_of_the_same_sender_number_and_date(client_of, province):
    from congvu.web.tests.helpers import register, register_form
    from congvu.work.models import IncomingDocument

    clerk = client_of(province.construction_clerk)
    first = register(clerk, province)
    response = clerk.post("/van-ban-den/moi/", register_form(province, sender="công ty tnhh xây dựng sông cầu"))
    page = response.content.decode()
    assert response.status_code == 200 and IncomingDocument.objects.count() == 1
    assert "Văn bản cùng nơi gửi, số ký hiệu và ngày đã có trong sổ của bạn:" in page
    assert f"{first.incoming.incoming_number}/2026" in page
    confirmed = clerk.post("/van-ban-den/moi/", {**register_form(province), "register_anyway": "1"})
    assert confirmed.status_code == 302 and IncomingDocument.objects.count() == 2
    # Another number is another document: no warning.
    assert clerk.post("/van-ban-den/moi/", register_form(province, notation="16/2026/CV-SC")).status_code == 302


# --- Lists that find things ------------------------------------------------------------------------

def list_ids(client: Client, query: str) -> list[int]:
    page = client.get(f"/danh-sach/?{query}")
    assert page.status_code == 200
    return [int(i) for i in re.findall(r'<a href="/cong-viec/(\d+)/" class="cv-item-link">', page.content.decode())]


def test_the_search_ignores_accents_and_case(province, busy, client_of):
    inspector = client_of(province.inspector)
    # busy.on_time: "Cấp phép xây dựng trường mầm non An …"
    assert list_ids(inspector, "state=all&q=truong mam non") == [busy.on_time.pk]
    assert list_ids(inspector, "state=all&q=TRƯỜNG MẦM NON") == [busy.on_time.pk]
    assert list_ids(inspector, "state=all&q=xay dung truong") == [busy.on_time.pk]


def test_the_fold_removes_accents_and_d_bar():
    from congvu.lib.folding import fold

    assert fold("  Cà PHÊ  Đắk Lắk ") == "ca phe dak lak"
    assert fold("Đề nghị") == "de nghi"


def test_the_work_list_shows_open_work_most_overdue_first_by_default(province, busy, client_of):
    from congvu.work.access import visible_items
    from congvu.work.models import OPEN_STATES

    inspector = client_of(province.inspector)
    ids = list_ids(inspector, "")
    visible = visible_items(province.inspector)
    assert set(ids) == set(visible.filter(state__in=OPEN_STATES).values_list("pk", flat=True))
    assert busy.on_time.pk not in ids  # completed
    dues = [visible.get(pk=pk).due_at for pk in ids]
    assert dues == sorted(dues) and busy.overdue.pk in ids  # the earliest deadline (most overdue) first
    assert busy.on_time.pk in list_ids(inspector, "state=all")
    # A figure's bucket of finished work still lists finished work.
    assert busy.on_time.pk in list_ids(inspector, "bucket=on_time")


def test_a_date_that_does_not_exist_gets_a_message(province, busy, client_of):
    page = client_of(province.inspector).get("/danh-sach/?due_from=31/02/2026").content.decode()
    assert 'id="cv-filters-ignored"' in page and "Hạn từ" in page.split('id="cv-filters-ignored"')[1][:400]


# --- The incoming register: search, dates, state, export, rows that open the document ---------------

def registered(client_of, province, **changes):
    from congvu.web.tests.helpers import register

    return register(client_of(province.construction_clerk), province, **changes)


def test_the_register_finds_without_accents_and_by_date_received(client_of, province):
    coffee = registered(client_of, province, subject="Đề nghị hỗ trợ quảng bá cà phê Đắk Lắk", notation="1/CV")
    other = registered(client_of, province, subject="Đề nghị cấp phép xây dựng", notation="2/CV")
    clerk = client_of(province.construction_clerk)
    page = clerk.get("/van-ban-den/?q=ca+phe+dak+lak").content.decode()
    assert "cà phê Đắk Lắk" in page and "cấp phép xây dựng" not in page
    # Each row opens its document (its work item) and shows its state.
    assert f'<a class="cv-doc-link" href="/cong-viec/{coffee.pk}/">' in page and "Đã vào sổ" in page
    today_page = clerk.get("/van-ban-den/?received_from=03/03/2026&received_to=03/03/2026").content.decode()
    assert f"/cong-viec/{other.pk}/" in today_page
    before = clerk.get("/van-ban-den/?received_to=02/03/2026").content.decode()
    assert f"/cong-viec/{other.pk}/" not in before and "Không có văn bản nào khớp với bộ lọc." in before


def test_an_unreadable_register_date_is_explained_not_ignored(client_of, province):
    registered(client_of, province)
    response = client_of(province.construction_clerk).get("/van-ban-den/?received_from=31/02/2026&format=xlsx")
    page = response.content.decode()
    assert response["Content-Type"].startswith("text/html")  # no export of a filter that was not applied
    assert 'id="cv-filters-ignored"' in page and "Ngày đến từ" in page


def test_the_register_exports_the_filtered_documents_as_literal_cells(client_of, province):
    import io

    from openpyxl import load_workbook

    registered(client_of, province, subject="=HYPERLINK(\"http://x\")", notation="1/CV")
    registered(client_of, province, subject="Cà phê", notation="2/CV")
    response = client_of(province.construction_clerk).get("/van-ban-den/?q=hyperlink&format=xlsx")
    assert response["Content-Disposition"].startswith('attachment; filename="so-van-ban-den-')
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Số đến" and rows[0][7] == "Trạng thái"
    assert len(rows) == 2 and rows[1][6] == '=HYPERLINK("http://x")' and rows[1][7] == "Đã vào sổ"
    assert sheet.cell(row=2, column=7).data_type == "s"  # text, not a formula


# --- /xin-y-kien/: mine, my unit's or all; the settled ones a page at a time -------------------------

def request_links(page: str) -> set[str]:
    return set(re.findall(r'id="yeu-cau-(\d+)"', page))


def test_the_requests_page_filters_mine_my_unit_all_and_pages_the_settled(client_of, province, monkeypatch):
    from congvu.web import consult_list

    item, finance, transport = consulted_by_two(province)
    consult.assign_request(finance, actor=province.finance_head, holder=province.finance_officer)
    head = client_of(province.finance_head)
    assert request_links(head.get("/xin-y-kien/").content.decode()) == {str(finance.pk)}
    assert request_links(head.get("/xin-y-kien/?ai=cua-toi").content.decode()) == set()  # the officer holds it
    officer = client_of(province.finance_officer)
    assert request_links(officer.get("/xin-y-kien/?ai=cua-toi").content.decode()) == {str(finance.pk)}
    asker = client_of(province.construction_officer)
    assert request_links(asker.get("/xin-y-kien/").content.decode()) == set()  # none put to Construction
    assert request_links(asker.get("/xin-y-kien/?ai=tat-ca").content.decode()) == {str(finance.pk), str(transport.pk)}
    # Settled requests come a page at a time, the filter kept from page to page.
    consult.reply(finance, actor=province.finance_officer, position=ReplyPosition.AGREE)
    consult.reply(transport, actor=province.transport_head, position=ReplyPosition.AGREE)
    monkeypatch.setattr(consult_list, "SETTLED_PAGE_SIZE", 1)
    first = asker.get("/xin-y-kien/?ai=tat-ca").content.decode()
    second = asker.get("/xin-y-kien/?ai=tat-ca&trang=2").content.decode()
    assert len(request_links(first)) == len(request_links(second)) == 1
    assert request_links(first) != request_links(second)
    assert "?ai=tat-ca&amp;trang=2" in first


# --- Bounds: every free text has a cap, refused with the field's name (the API: 422) ----------------

def test_a_text_over_its_bound_is_refused_naming_the_field(client_of, province):
    from congvu.web.tests.helpers import register, register_form

    clerk = client_of(province.construction_clerk)
    page = clerk.post("/van-ban-den/moi/", register_form(province, subject="x" * 501)).content.decode()
    assert "“Trích yếu” quá dài: tối đa 500 ký tự (hiện có 501)." in page
    item = register(clerk, province)
    head = client_of(province.construction_head)
    form = head.get(f"/cong-viec/{item.pk}/").content.decode()
    assert re.search(r'<textarea[^>]*name="note"[^>]*maxlength="2000"', form)  # the browser stops there too
    answer = head.post(f"/cong-viec/{item.pk}/chi-dao/", {"lead_unit": province.construction.pk, "note": "y" * 2001})
    assert "quá dài: tối đa 2.000 ký tự (hiện có 2.001)" in answer.content.decode()
    item.refresh_from_db()
    assert item.state == "registered"  # nothing done


def test_the_api_refuses_a_note_over_its_bound_with_422(province, client_of):
    from congvu.api.actions import issue_token
    from congvu.api.tests.helpers import ApiClient
    from congvu.web.tests.helpers import register

    item = register(client_of(province.construction_clerk), province)
    api = ApiClient(issue_token(official=province.construction_head, name="pytest")[1])
    answer = api.post(f"/api/items/{item.pk}/direct", {"lead_unit": province.construction.pk, "note": "y" * 2001})
    assert answer.status_code == 422
    assert api.post(f"/api/items/{item.pk}/direct", {"lead_unit": province.construction.pk,
                                                      "note": "y" * 2000}).status_code == 200
