"""The consultation pages through HTTP, as officials use them: ask related units from the item page,
answer on the consulted unit's requests page, download the deemed-agreement notice, record the heads'
meeting, read notifications. Refusals show their rule code and clause; bad input saves nothing; an
outsider is refused everywhere and an anonymous visitor is sent to sign in."""

import io
from datetime import date, datetime, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from docx import Document

from congvu.consult import actions
from congvu.consult import sweep as consult_sweep
from congvu.consult.models import Consultation, ConsultationRequest, Notice, Reconciliation, ReplyPosition, RequestState
from congvu.lib import clock
from congvu.lib.refusals import AccessDenied
from congvu.lib.workdays import TZ
from congvu.org import actions as org_actions
from congvu.org.models import Notification
from congvu.testing import MORNING, QUESTION, Province, working_item
from congvu.work.models import Event, Outcome, State, WorkItem

pytestmark = pytest.mark.django_db
# Asked on Tuesday 03/03/2026 for 5 working days: the last day is Tuesday 10/03, deemed agreed at its 24:00.
AFTER_DEADLINE = datetime(2026, 3, 11, 8, 0, tzinfo=TZ)


def ask_data(p: Province, *units, **changes) -> dict:
    return {"units": [u.pk for u in units], "question": QUESTION, "reply_days": "5", **changes}


def html(response) -> str:
    return response.content.decode()


# Asking, on the item page -------------------------------------------------------------------------


def test_the_holder_asks_related_units_from_the_item_page_with_an_attachment(province, client_of):
    item = working_item(province)
    officer = client_of(province.construction_officer)
    data = ask_data(province, province.finance, province.transport)
    data["attachment"] = SimpleUploadedFile("ho-so-quy-hoach.pdf", b"%PDF-1.4 plan", content_type="application/pdf")
    response = officer.post(f"/cong-viec/{item.pk}/xin-y-kien/", data)
    assert response.status_code == 302 and response["Location"] == f"/cong-viec/{item.pk}/"
    consultation = Consultation.objects.get(item=item)
    assert consultation.due_date == date(2026, 3, 10) and consultation.attachment
    item.refresh_from_db()
    assert item.state == State.CONSULTING
    page = html(officer.get(f"/cong-viec/{item.pk}/"))
    assert "Đã xin ý kiến Sở Giao thông vận tải, Sở Tài chính, hạn trả lời 10/03/2026" in page
    assert QUESTION in page and "Chờ trả lời" in page and "Hạn trả lời 10/03/2026 (5 ngày làm việc)" in page
    assert province.finance_head.full_name in page and province.transport_head.full_name in page
    download = officer.get(f"/xin-y-kien/dot/{consultation.pk}/tai-lieu/")
    assert download.status_code == 200 and b"".join(download.streaming_content) == b"%PDF-1.4 plan"


def test_the_ask_form_lists_the_related_units_first_marked_with_the_default_reply_days(province, client_of):
    page = html(client_of(province.construction_officer).get(f"/cong-viec/{working_item(province).pk}/"))
    assert "Xin ý kiến đơn vị liên quan" in page
    finance = page.index("★ Sở Tài chính (có chức năng liên quan đến loại việc này)")
    transport = page.index("★ Sở Giao thông vận tải (có chức năng liên quan đến loại việc này)")
    assert max(finance, transport) < page.index(">Sở Nội vụ<")  # the unrelated come after, unmarked
    assert 'name="reply_days" value="5"' in page and "Quy chế làm việc cho phép từ 2 đến 15" in page
    assert "★ Sở Xây dựng" not in page  # the lead unit does not consult itself


def test_a_reply_period_outside_the_working_regulation_is_refused_in_vietnamese_and_nothing_is_saved(
        province, client_of):
    item = working_item(province)
    for days in ("40", "1", "năm"):
        response = client_of(province.construction_officer).post(
            f"/cong-viec/{item.pk}/xin-y-kien/", ask_data(province, province.finance, reply_days=days))
        assert response.status_code == 200
        page = html(response)
        assert ("Thời hạn trả lời phải từ 2 đến 15 ngày làm việc theo Quy chế làm việc" in page
                or "Nhập số ngày làm việc bằng một số nguyên" in page)
    assert not Consultation.objects.exists()
    item.refresh_from_db()
    assert item.state == State.IN_PROGRESS


def test_asking_no_unit_or_no_question_is_refused_in_vietnamese(province, client_of):
    item = working_item(province)
    officer = client_of(province.construction_officer)
    page = html(officer.post(f"/cong-viec/{item.pk}/xin-y-kien/", ask_data(province, question="")))
    assert "Chọn ít nhất một đơn vị được xin ý kiến" in page and "Trường này là bắt buộc" in page
    assert not Consultation.objects.exists()


def test_an_unrelated_unit_is_refused_with_code_and_clause_and_only_a_leader_is_offered_the_override(
        province, client_of):
    item = working_item(province, province.building_permit)  # only Finance relates to a building permit
    url, data = f"/cong-viec/{item.pk}/xin-y-kien/", ask_data(province, province.transport)
    officer_page = html(client_of(province.construction_officer).post(url, data))
    assert "R-2.2-UNRELATED-CONSULTATION" in officer_page and "Mục 2.2" in officer_page
    assert "Không xin ý kiến đơn vị không liên quan" in officer_page
    assert "Lý do Thủ trưởng quyết định thực hiện" not in officer_page

    head = client_of(province.construction_head)
    assert "Lý do Thủ trưởng quyết định thực hiện" in html(head.post(url, data))
    assert not Consultation.objects.exists()
    assert Event.objects.filter(item=item, outcome=Outcome.REFUSED, rule_code="R-2.2-UNRELATED-CONSULTATION").exists()

    reason = "Công trình tiếp giáp quốc lộ 1A, cần ý kiến về đấu nối giao thông"
    assert head.post(url, {**data, "override_reason": reason}).status_code == 302
    assert Consultation.objects.get(item=item).requests.get().unit == province.transport
    override = Event.objects.get(item=item, outcome=Outcome.OVERRIDE)
    assert override.data["reason"] == reason


def test_with_htmx_a_refused_ask_comes_back_as_the_form_with_the_trail_and_success_refreshes_the_item(
        province, client_of):
    item = working_item(province, province.building_permit)
    officer = client_of(province.construction_officer)
    refused = officer.post(f"/cong-viec/{item.pk}/xin-y-kien/", ask_data(province, province.transport),
                           HTTP_HX_REQUEST="true")
    assert html(refused).startswith('<div id="consult-ask"') and "R-2.2-UNRELATED-CONSULTATION" in html(refused)
    assert 'hx-swap-oob="true"' in html(refused)
    done = officer.post(f"/cong-viec/{item.pk}/xin-y-kien/", ask_data(province, province.finance),
                        HTTP_HX_REQUEST="true")
    assert done["HX-Retarget"] == "#item-body" and html(done).startswith('<div id="item-body">')
    assert 'id="consultation-panel"' in html(done)


def test_only_the_holder_or_a_lead_unit_leader_is_offered_the_ask_form(province, client_of):
    item = working_item(province)
    clerk_page = html(client_of(province.construction_clerk).get(f"/cong-viec/{item.pk}/"))
    assert 'id="consult-ask"' not in clerk_page and "Xin ý kiến đơn vị liên quan" not in clerk_page
    refused = html(client_of(province.construction_clerk).post(f"/cong-viec/{item.pk}/xin-y-kien/",
                                                               ask_data(province, province.finance)))
    assert "Bạn không có quyền xin ý kiến cho công việc này" in refused
    assert not Consultation.objects.exists()


# The consulted unit's requests page ---------------------------------------------------------------


def test_the_consulted_unit_sees_pending_requests_first_by_deadline_and_the_near_ones_highlighted(
        province, client_of, consulted):
    item, finance, transport = consulted
    later = actions.ask(item, actor=province.construction_officer, units=[province.finance],
                        question="Ý kiến về nguồn vốn bồi thường", reply_days=10).requests.get()
    with clock.travel_to(datetime(2026, 3, 9, 9, 0, tzinfo=TZ)):  # Monday: finance's first reply is due tomorrow
        page = html(client_of(province.finance_head).get("/xin-y-kien/"))
    assert page.index(f'id="yeu-cau-{finance.pk}"') < page.index(f'id="yeu-cau-{later.pk}"')
    first = page[page.index(f'id="yeu-cau-{finance.pk}"') - 200:page.index(f'id="yeu-cau-{later.pk}"')]
    assert "cv-due-soon" in first and "Sắp đến hạn" in first and "24:00 ngày 10/03/2026" in first
    assert f'id="yeu-cau-{transport.pk}"' not in page  # Transport's request is Transport's own business


def test_the_consulted_head_assigns_the_reply_and_the_officer_answers_with_a_clear_position(
        province, client_of, consulted):
    _, finance, _ = consulted
    head, officer = client_of(province.finance_head), client_of(province.finance_officer)
    response = head.post(f"/xin-y-kien/{finance.pk}/phan-cong/", {"holder": province.finance_officer.pk})
    assert response.status_code == 302 and response["Location"] == f"/xin-y-kien/#yeu-cau-{finance.pk}"
    page = html(officer.get("/xin-y-kien/"))
    assert "Đồng ý, có ý kiến bổ sung" in page and "Không đồng ý" in page and "Gửi ý kiến trả lời" in page
    response = officer.post(f"/xin-y-kien/{finance.pk}/tra-loi/",
                            {"position": ReplyPosition.AGREE_WITH_AMENDMENTS, "reasons": "Bổ sung nguồn vốn"})
    assert response.status_code == 302
    finance.refresh_from_db()
    assert (finance.state, finance.holder, finance.replied_by) == (
        RequestState.ANSWERED, province.finance_officer, province.finance_officer)
    assert "Đã trả lời" in html(officer.get("/xin-y-kien/"))


def test_a_reply_without_a_clear_position_is_refused_with_code_and_clause_and_nothing_is_saved(
        province, client_of, consulted):
    _, finance, _ = consulted
    head = client_of(province.finance_head)
    for data in ({"position": ReplyPosition.DISAGREE, "reasons": " "}, {"position": "", "reasons": "Chưa rõ"}):
        page = html(head.post(f"/xin-y-kien/{finance.pk}/tra-loi/", data))
        assert "R-2.2-CLEAR-POSITION" in page and "Mục 2.2" in page and "Ý kiến trả lời phải rõ ràng" in page
    finance.refresh_from_db()
    assert finance.state == RequestState.PENDING and finance.replied_at is None


def test_with_htmx_a_reply_swaps_only_its_request_card(province, client_of, consulted):
    _, finance, _ = consulted
    response = client_of(province.finance_head).post(f"/xin-y-kien/{finance.pk}/tra-loi/",
                                                     {"position": ReplyPosition.AGREE}, HTTP_HX_REQUEST="true")
    assert html(response).startswith(f'<article id="yeu-cau-{finance.pk}"')
    assert "Đã ghi nhận ý kiến trả lời" in html(response) and "<html" not in html(response)


def test_assigning_to_an_official_of_another_unit_is_refused_with_its_rule(province, client_of, consulted):
    _, finance, _ = consulted
    page = html(client_of(province.finance_head).post(f"/xin-y-kien/{finance.pk}/phan-cong/",
                                                      {"holder": province.construction_officer.pk}))
    assert "Chọn một trong những người của đơn vị được liệt kê" in page  # only the unit's own officials are offered
    finance.refresh_from_db()
    assert finance.holder == province.finance_head


def test_a_late_reply_is_accepted_and_marked_late_as_agreement(province, client_of, consulted):
    item, finance, transport = consulted
    with clock.travel_to(AFTER_DEADLINE):
        consult_sweep.deem_overdue()
        head = client_of(province.finance_head)
        assert "được ghi nhận là trả lời quá hạn" in html(head.get("/xin-y-kien/"))
        response = head.post(f"/xin-y-kien/{finance.pk}/tra-loi/",
                             {"position": ReplyPosition.DISAGREE, "reasons": "Chưa cân đối được vốn"}, follow=True)
        assert "Ý kiến đã được ghi nhận là trả lời quá hạn: được coi là đồng ý (Mục 2.2)." in html(response)
        page = html(client_of(province.construction_officer).get(f"/cong-viec/{item.pk}/"))
    finance.refresh_from_db()
    assert finance.late and finance.state == RequestState.DEEMED_AGREED
    row = page[page.index(f'id="yeu-cau-{finance.pk}"'):page.index(f'id="yeu-cau-{transport.pk}"')]
    assert "Trả lời quá hạn" in row and "Không đồng ý" in row and "được coi là đồng ý (Mục 2.2)" in row
    assert 'id="consult-reconcile-first"' not in page  # a late disagreement counts as agreement: nothing to reconcile


# Deemed agreement, the notice ---------------------------------------------------------------------


def test_the_item_page_shows_the_silent_unit_deemed_agreed_with_its_date_and_notice(province, client_of, consulted):
    item, finance, transport = consulted
    actions.reply(finance, actor=province.finance_head, position=ReplyPosition.AGREE)
    with clock.travel_to(AFTER_DEADLINE):
        consult_sweep.deem_overdue()
        draft_page = html(client_of(province.construction_officer).get(f"/cong-viec/{item.pk}/"))
        notice = actions.sign_notice(Notice.objects.get(request=transport), actor=province.construction_head)
        page = html(client_of(province.construction_officer).get(f"/cong-viec/{item.pk}/"))
    assert "Dự thảo thông báo chờ ký ban hành" in draft_page[draft_page.index(f'id="yeu-cau-{transport.pk}"'):]
    row = page[page.index(f'id="yeu-cau-{transport.pk}"'):]
    assert "Coi như đồng ý" in row and "từ 24:00 ngày 10/03/2026" in row
    assert f'href="/thong-bao/{notice.pk}/tai-ve/"' in row and f"Thông báo số {notice.notation}" in row
    assert "Coi như đồng ý: quá hạn không trả lời" in page  # the trail's event
    assert "R-2.2-DEEMED-AGREEMENT" in page and "Quá thời hạn mà không trả lời thì được coi là đồng ý" in page


def test_the_notice_downloads_as_a_docx_rendered_on_demand_saying_the_silent_unit_is_deemed_to_agree(
        province, client_of, consulted):
    with clock.travel_to(AFTER_DEADLINE):
        consult_sweep.deem_overdue()
        notice = actions.sign_notice(Notice.objects.get(request=consulted.transport), actor=province.construction_head)
    Notice.objects.filter(pk=notice.pk).update(file="")  # as after a large catch-up, left to a later batch
    response = client_of(province.construction_officer).get(f"/thong-bao/{notice.pk}/tai-ve/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    number = f"{notice.number:02d}"
    assert f'filename="thong-bao-{number}-TB-SXD-2026.docx"' in response["Content-Disposition"]
    document = Document(io.BytesIO(b"".join(response.streaming_content)))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Sở Giao thông vận tải được coi là đồng ý" in text
    assert Notice.objects.get(pk=notice.pk).file  # rendered once, kept


def test_a_notice_downloads_for_its_unit_and_whoever_sees_the_item_whole_and_no_one_else(
        province, client_of, consulted):
    with clock.travel_to(AFTER_DEADLINE):
        consult_sweep.deem_overdue()
        notice = actions.sign_notice(Notice.objects.get(request=consulted.finance), actor=province.construction_head)
    assert client_of(province.finance_officer).get(f"/thong-bao/{notice.pk}/tai-ve/").status_code == 200
    assert client_of(province.construction_officer).get(f"/thong-bao/{notice.pk}/tai-ve/").status_code == 200
    # Transport, consulted on the same item, sees only its own request: Finance's is not its business.
    assert client_of(province.transport_head).get(f"/thong-bao/{notice.pk}/tai-ve/").status_code == 403
    assert client_of(province.commune_officer).get(f"/thong-bao/{notice.pk}/tai-ve/").status_code == 403


def test_a_consulted_unit_sees_the_item_it_is_asked_about_and_its_requests_for_it(province, client_of, consulted):
    item = consulted.item
    assert QUESTION in html(client_of(province.finance_head).get(f"/cong-viec/{item.pk}/"))
    page = html(client_of(province.finance_head).get(f"/xin-y-kien/?cong-viec={item.pk}"))
    assert QUESTION in page and f"công việc #{item.pk}" in page
    assert client_of(province.commune_officer).get(f"/cong-viec/{item.pk}/").status_code == 403


# The heads' meeting (clause 2.3) ------------------------------------------------------------------


def test_a_timely_disagreement_blocks_submission_until_the_heads_meeting_is_recorded(province, client_of, consulted):
    item, finance, transport = consulted
    actions.reply(finance, actor=province.finance_head, position=ReplyPosition.DISAGREE,
                  reasons="Chưa cân đối được nguồn vốn đầu tư hạ tầng")
    actions.reply(transport, actor=province.transport_head, position=ReplyPosition.AGREE)
    officer, head = client_of(province.construction_officer), client_of(province.construction_head)

    refused = html(officer.post(f"/cong-viec/{item.pk}/trinh-tinh/", {"summary": "Trình phê duyệt"}))
    assert "R-2.3-RECONCILE-FIRST" in refused and "Mục 2.3" in refused
    assert "Còn ý kiến không đồng ý của Sở Tài chính" in refused
    officer_page = html(officer.get(f"/cong-viec/{item.pk}/"))
    assert 'id="consult-reconcile-first"' in officer_page  # the warning shows to all who see the item …
    assert "Ghi nhận cuộc làm việc với Sở Tài chính" not in officer_page  # … the form only to the lead unit's leaders
    assert "Ghi nhận cuộc làm việc với Sở Tài chính" in html(head.get(f"/cong-viec/{item.pk}/"))

    url = f"/xin-y-kien/{finance.pk}/lam-viec-truc-tiep/"
    meeting = {"held_on": "03/03/2026", "attendees": "Giám đốc Sở Xây dựng, Giám đốc Sở Tài chính",
               "outcome": "still_differ", "lead_view": "Bố trí vốn theo kế hoạch 2026–2030", "other_view": ""}
    assert "Còn khác nhau thì phải ghi ý kiến của mỗi bên" in html(head.post(url, meeting))
    assert "Ngày «31/02/2026» không phải là ngày có thật" in html(head.post(url, {**meeting, "held_on": "31/02/2026"}))
    assert not Reconciliation.objects.exists()

    assert head.post(url, {**meeting, "other_view": "Chỉ bố trí sau năm 2027"}).status_code == 302
    page = html(head.get(f"/cong-viec/{item.pk}/"))
    assert "Còn ý kiến khác nhau" in page and "Chỉ bố trí sau năm 2027" in page
    assert "Những ý kiến còn khác nhau" in page and 'id="consult-reconcile-first"' not in page
    assert officer.post(f"/cong-viec/{item.pk}/trinh-tinh/", {"summary": "Trình phê duyệt"}).status_code == 302


def test_only_a_lead_unit_leader_may_record_the_heads_meeting(province, client_of, consulted):
    item, finance, _ = consulted
    actions.reply(finance, actor=province.finance_head, position=ReplyPosition.DISAGREE, reasons="Chưa đủ vốn")
    page = html(client_of(province.construction_officer).post(
        f"/xin-y-kien/{finance.pk}/lam-viec-truc-tiep/",
        {"held_on": "03/03/2026", "attendees": "Hai giám đốc", "outcome": "agreed"}))
    assert "Bạn không có quyền ghi nhận cuộc làm việc giữa thủ trưởng" in page
    assert not Reconciliation.objects.exists()


# Notifications ------------------------------------------------------------------------------------


def test_notifications_are_listed_newest_first_unread_in_bold_and_can_be_marked_read(province, client_of, consulted):
    head = client_of(province.finance_head)
    with clock.travel_to(MORNING + timedelta(hours=1)):
        Notification.objects.create(official=province.finance_head, text="Nhắc hạn: thử nghiệm",
                                    created_at=clock.now())
    page = html(head.get("/thong-bao-cua-toi/"))
    assert page.index("Nhắc hạn: thử nghiệm") < page.index("Sở Xây dựng xin ý kiến")
    assert page.count("cv-notification-unread") == 2 and "Thông báo của tôi" in page
    first = Notification.objects.filter(official=province.finance_head).earliest("created_at")
    assert head.post(f"/thong-bao-cua-toi/{first.pk}/da-doc/").status_code == 302
    first.refresh_from_db()
    assert first.read_at is not None
    assert html(head.get("/thong-bao-cua-toi/")).count("cv-notification-unread") == 1


def test_opening_a_notification_marks_it_read_and_goes_to_its_page(province, client_of, consulted):
    note = Notification.objects.get(official=province.finance_head)
    response = client_of(province.finance_head).post(f"/thong-bao-cua-toi/{note.pk}/da-doc/", {"mo": "1"})
    assert response.status_code == 302 and response["Location"] == f"/cong-viec/{consulted.item.pk}/"
    note.refresh_from_db()
    assert note.read_at is not None


def test_nobody_may_mark_another_officials_notification_read(province, client_of, consulted):
    note = Notification.objects.get(official=province.finance_head)
    assert client_of(province.transport_head).post(f"/thong-bao-cua-toi/{note.pk}/da-doc/").status_code == 403
    note.refresh_from_db()
    assert note.read_at is None


def test_the_mark_read_action_refuses_another_officials_notification(province, consulted):
    note = Notification.objects.get(official=province.finance_head)
    with pytest.raises(AccessDenied):
        org_actions.mark_read(note, actor=province.finance_officer)
    assert org_actions.mark_read(note.pk, actor=province.finance_head).read_at == MORNING


def test_marking_all_read_touches_only_ones_own(province, client_of, consulted):
    assert client_of(province.finance_head).post("/thong-bao-cua-toi/da-doc-het/").status_code == 302
    assert not Notification.objects.filter(official=province.finance_head, read_at__isnull=True).exists()
    assert Notification.objects.filter(official=province.transport_head, read_at__isnull=True).exists()


# Who may come in ----------------------------------------------------------------------------------


def urls_of(item: WorkItem, request: ConsultationRequest, notice: Notice) -> list[tuple[str, str]]:
    return [
        ("post", f"/cong-viec/{item.pk}/xin-y-kien/"),
        ("get", "/xin-y-kien/"),
        ("post", f"/xin-y-kien/{request.pk}/phan-cong/"),
        ("post", f"/xin-y-kien/{request.pk}/tra-loi/"),
        ("post", f"/xin-y-kien/{request.pk}/lam-viec-truc-tiep/"),
        ("get", f"/xin-y-kien/dot/{request.consultation_id}/tai-lieu/"),
        ("get", f"/thong-bao/{notice.pk}/tai-ve/"),
        ("get", "/thong-bao-cua-toi/"),
        ("post", "/thong-bao-cua-toi/da-doc-het/"),
        ("post", f"/thong-bao-cua-toi/{Notification.objects.first().pk}/da-doc/"),
    ]


@pytest.fixture
def every_url(province, consulted):
    with clock.travel_to(AFTER_DEADLINE):
        consult_sweep.deem_overdue()
    item, finance, _ = consulted
    return urls_of(item, finance, Notice.objects.get(request=finance))


def test_an_outsider_is_refused_on_every_consultation_page(province, client_of, every_url):
    outsider = client_of(province.outsider)
    for method, url in every_url:
        response = getattr(outsider, method)(url, {"position": "agree", "holder": province.outsider.pk})
        assert response.status_code == 403, url
        assert "Không có quyền truy cập" in html(response), url  # the refusal page, with its reason
    assert not Notification.objects.filter(read_at__isnull=False).exists()
    assert ConsultationRequest.objects.filter(replied_at__isnull=False).count() == 0


def test_an_anonymous_visitor_is_sent_to_sign_in(province, every_url):
    for method, url in every_url:
        response = getattr(Client(), method)(url)
        assert response.status_code == 302 and response["Location"].startswith("/dang-nhap/?next="), url


def test_the_requests_and_notifications_pages_speak_english_after_switching(province, client_of, consulted):
    head = client_of(province.finance_head)
    assert "Xin ý kiến gửi đơn vị tôi" in html(head.get("/xin-y-kien/"))
    head.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert "Consultation requests to my unit" in html(head.get("/xin-y-kien/"))
    assert "My notifications" in html(head.get("/thong-bao-cua-toi/"))
