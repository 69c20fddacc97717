"""Every page of the site, as every persona: who gets the page (200), is sent on (302), is refused
(403, the reason in words), or finds nothing there (404, 405 for a page that only takes a form).

One row per named address of the URL configuration — a page added without a row fails the first
test — visited with its natural method (GET, or an empty POST for a form's address: access is
decided before the form is read) as the anonymous visitor and each persona of congvu.testing.PERSONAS,
in a fresh province with one walked item (congvu.testing.walked_item). The API is walked the same
way in congvu/api/tests/test_access_walk.py."""

from datetime import date

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from congvu.oversight import commendation, reviews
from congvu.oversight.tests.makers import assigned_report, sent_directive
from congvu.oversight.tests.makers_backlog import backlog_ids
from congvu.oversight.tests.makers_inspections import walked_inspection
from congvu.oversight.tests.report_makers import report_ids
from congvu.testing import PERSONAS, Province, Walked, walked_item

pytestmark = pytest.mark.django_db

# Not walked here: Django's admin (its own staff check), the language switch (public by design),
# and the API (its own walk).
NOT_PAGES = ("quan-tri/", "i18n/", "api/")
ANONYMOUS = "anonymous"
WHO = (ANONYMOUS, *PERSONAS)

# A form posted whole where a persona's refusal (403) or success (302) is the point; otherwise empty.
EXTEND = {"new_due": "30/04/2026", "reason": "Chờ hồ sơ bổ sung"}
ASK = {"units": ["{transport}"], "question": "Ý kiến về hạ tầng", "reply_days": "5"}
ASSIGN = {"holder": "{finance_officer}"}
REPLY = {"position": "agree"}
MEETING = {"held_on": "02/03/2026", "attendees": "Hai thủ trưởng", "outcome": "agreed"}

# Columns: anonymous, outsider, consulted unit, clerk, officer, head, Province office, Home Affairs.
PAGES: dict[str, tuple[str, str, dict | None, tuple[int, ...]]] = {
    "home": ("get", "/", None, (302, 200, 200, 200, 200, 200, 200, 200)),
    "login": ("get", "/dang-nhap/", None, (200, 302, 302, 302, 302, 302, 302, 302)),
    "logout": ("post", "/dang-xuat/", None, (302, 302, 302, 302, 302, 302, 302, 302)),
    "password_change": ("get", "/doi-mat-khau/", None, (302, 200, 200, 200, 200, 200, 200, 200)),
    # The official's own choice of e-mail notifications: every official makes their own.
    "email_notifications": ("post", "/tai-khoan/thu-dien-tu/", None, (302,) * 8),
    # The interface language: anyone chooses (a signed-in official's choice is also kept on their record).
    "choose_language": ("post", "/ngon-ngu/", {"language": "vi", "next": "/"}, (302,) * 8),
    # Single sign-on is off unless configured (congvu/web/tests/test_sso.py walks it on).
    "sso_sign_in": ("get", "/dang-nhap/tinh/", None, (404,) * 8),
    "sso_callback": ("get", "/dang-nhap/tinh/xong/", None, (404,) * 8),
    # A reset link that is not valid: the page says so, to anyone.
    "password_reset_confirm": ("get", "/dat-lai-mat-khau/MQ/khong-hop-le/", None, (200,) * 8),
    # The lists show what each one may see; an account with no post has nothing to answer for.
    "item_list": ("get", "/danh-sach/", None, (302, 403, 200, 200, 200, 200, 200, 200)),
    "register_list": ("get", "/van-ban-den/", None, (302, 200, 200, 200, 200, 200, 200, 200)),
    # The overview: Home Affairs and the Province office only.
    "overview": ("get", "/tong-hop/", None, (302, 403, 403, 403, 403, 403, 200, 200)),
    "overview_export": ("get", "/tong-hop/xuat-excel/so-lieu/", None, (302, 403, 403, 403, 403, 403, 200, 200)),
    # Issue 10: the items behind a figure of the period and the period's refusals, for the overseers;
    # the signals and their evidence also for a unit's head or deputy (their own unit's only).
    "dashboard_items": ("get", "/tong-hop/danh-sach/?bucket=assigned", None, (302, 403, 403, 403, 403, 403, 200, 200)),
    "dashboard_refusals": ("get", "/tong-hop/tu-choi/", None, (302, 403, 403, 403, 403, 403, 200, 200)),
    "dashboard_signals": ("get", "/tong-hop/dau-hieu/", None, (302, 403, 200, 403, 403, 200, 200, 200)),
    "dashboard_evidence": ("get", "/tong-hop/dau-hieu/cham-tung-buoc/", None, (302, 403, 200, 403, 403, 200, 200, 200)),
    # Heads' decisions to review: the overseers see the queue; only Home Affairs resolves (no such
    # entry here: back to the queue with the reason); Home Affairs or the Province office find a
    # return wrong (the walked item was not returned: back to the queue with the reason).
    "authority_queue": ("get", "/tong-hop/quyet-dinh-thuc-hien/", None, (302, 403, 403, 403, 403, 403, 200, 200)),
    "authority_resolve": ("post", "/tong-hop/quyet-dinh-thuc-hien/{item}/", None,
                          (302, 403, 403, 403, 403, 403, 403, 302)),
    "authority_return_wrong": ("post", "/tong-hop/tra-lai-sai/{item}/", None, (302, 403, 403, 403, 403, 403, 302, 302)),
    # Registering and importing: a unit's clerk, head or deputy (Finance's head registers for Finance).
    "register": ("get", "/van-ban-den/moi/", None, (302, 403, 200, 200, 403, 200, 200, 403)),
    "edxml_upload": ("get", "/van-ban-den/nhap-edxml/", None, (302, 403, 200, 200, 403, 200, 200, 403)),
    # No upload is waiting: back to the upload page.
    "edxml_confirm": ("post", "/van-ban-den/nhap-edxml/xac-nhan/", None, (302, 403, 302, 302, 403, 302, 302, 403)),
    "excel_upload": ("get", "/van-ban-den/nhap-excel/", None, (302, 403, 200, 200, 403, 200, 200, 403)),
    "excel_template": ("get", "/van-ban-den/nhap-excel/mau.xlsx", None, (302, 403, 200, 200, 403, 200, 200, 403)),
    # The incoming document: its unit, and whoever sees the item whole (the original was not an
    # edXML message, so it has no attachment 1: 404 to those who may read it).
    "original": ("get", "/van-ban-den/{document}/tep-goc/", None, (302, 403, 403, 200, 200, 200, 200, 200)),
    "edxml_attachment": ("get", "/van-ban-den/{document}/dinh-kem/1/", None, (302, 403, 403, 404, 404, 404, 404, 404)),
    # The item: whole to its units and the overseers, its consultation view to the consulted unit.
    "item": ("get", "/cong-viec/{item}/", None, (302, 403, 200, 200, 200, 200, 200, 200)),
    # Extending: the officer who holds it may ask (a rule refuses an officer's own extension, shown
    # in the form), the head approves it; whoever else sees the item is refused for who they are.
    "item_action": ("post", "/cong-viec/{item}/gia-han/", EXTEND, (302, 403, 403, 403, 200, 302, 403, 403)),
    # Deciding an extension the lead unit requested: the walked item has no such request (404) for
    # whoever sees it whole; the others are refused for who they are. (Who may decide one:
    # congvu/web/tests/test_deadlines_pages.py.)
    "extension_decision": ("post", "/cong-viec/{item}/gia-han/999999/quyet-dinh/", {"approve": "yes", "reason": "x"},
                           (302, 403, 403, 404, 404, 404, 404, 404)),
    "consult_ask": ("post", "/cong-viec/{item}/xin-y-kien/", ASK, (302, 403, 403, 403, 302, 302, 403, 403)),
    "consult_reconcile": ("post", "/xin-y-kien/{request}/lam-viec-truc-tiep/", MEETING,
                          (302, 403, 403, 403, 403, 302, 403, 403)),
    # The consulted unit's requests: its head assigns and answers; nobody else does.
    "consult_requests": ("get", "/xin-y-kien/", None, (302, 403, 200, 200, 200, 200, 200, 200)),
    "consult_assign": ("post", "/xin-y-kien/{request}/phan-cong/", ASSIGN, (302, 403, 302, 403, 403, 403, 403, 403)),
    "consult_reply": ("post", "/xin-y-kien/{request}/tra-loi/", REPLY, (302, 403, 302, 403, 403, 403, 403, 403)),
    # What a consultation shares goes to the units it asks and to those who see the item whole.
    "consult_attachment": ("get", "/xin-y-kien/dot/{consultation}/tai-lieu/", None,
                           (302, 403, 200, 200, 200, 200, 200, 200)),
    "consult_original": ("get", "/xin-y-kien/dot/{consultation}/van-ban-goc/", None,
                         (302, 403, 200, 200, 200, 200, 200, 200)),
    # Transport's notice: not Finance's to see.
    "notice_file": ("get", "/thong-bao/{notice}/tai-ve/", None, (302, 403, 403, 200, 200, 200, 200, 200)),
    # Signing: the asking unit's head (already signed: the refusal shown on the item page); the list of
    # drafts: Home Affairs and the Province office.
    "notice_sign": ("post", "/thong-bao/{notice}/ky-ban-hanh/", None, (302, 403, 403, 403, 403, 302, 403, 403)),
    "unsigned_notices": ("get", "/thong-bao/chua-ky/", None, (302, 403, 403, 403, 403, 403, 200, 200)),
    "my_notifications": ("get", "/thong-bao-cua-toi/", None, (302, 403, 200, 200, 200, 200, 200, 200)),
    "notifications_all_read": ("post", "/thong-bao-cua-toi/da-doc-het/", None,
                               (302, 403, 302, 302, 302, 302, 302, 302)),
    # One of Finance's head's notifications: only they mark it read.
    "notification_read": ("post", "/thong-bao-cua-toi/{notification}/da-doc/", None,
                          (302, 403, 302, 403, 403, 403, 403, 403)),
    # Issue 11. The directive was sent to Construction: its people and Home Affairs see it; Home
    # Affairs keeps the register (an empty send form: 400); who it was sent to acknowledges it.
    "directive_list": ("get", "/chi-dao/", None, (302, 200, 200, 200, 200, 200, 200, 200)),
    "directive_new": ("get", "/chi-dao/moi/", None, (302, 403, 403, 403, 403, 403, 403, 200)),
    "directive": ("get", "/chi-dao/{directive}/", None, (302, 404, 404, 200, 200, 200, 404, 200)),
    "directive_file": ("get", "/chi-dao/{directive}/tep/", None, (302, 404, 404, 200, 200, 200, 404, 200)),
    "directive_send": ("post", "/chi-dao/{directive}/gui/", None, (302, 404, 404, 403, 403, 403, 404, 400)),
    "directive_acknowledge": ("post", "/chi-dao/{directive}/quan-triet/", None,
                              (302, 404, 404, 302, 302, 302, 404, 403)),
    # The public's report form and lookup need no sign-in; the report was assigned to Construction.
    "public_report": ("get", "/cong-khai/phan-anh/", None, (200,) * 8),
    "public_report_lookup": ("get", "/cong-khai/phan-anh/tra-cuu/", None, (200,) * 8),
    "public_report_queue": ("get", "/phan-anh/", None, (302, 403, 403, 200, 200, 200, 403, 200)),
    "public_report_detail": ("get", "/phan-anh/{report}/", None, (302, 404, 404, 200, 200, 200, 404, 200)),
    # Issue 10: an opened inspection of every unit, with a finding about Construction's officer and a
    # measure. Heads of inspected units and the official found about see it; only Home Affairs acts
    # (already opened: 409; an empty form: 400; a measure before the conclusion: 400 for the empty form).
    "inspection_list": ("get", "/kiem-tra/", None, (302, 200, 200, 200, 200, 200, 200, 200)),
    "inspection_plan": ("get", "/kiem-tra/ke-hoach/", None, (302, 403, 403, 403, 403, 403, 403, 200)),
    "inspection_draw": ("get", "/kiem-tra/dot-xuat/", None, (302, 403, 403, 403, 403, 403, 403, 200)),
    "inspection": ("get", "/kiem-tra/{inspection}/", None, (302, 404, 200, 404, 200, 200, 200, 200)),
    "inspection_open": ("post", "/kiem-tra/{inspection}/mo/", None, (302, 404, 403, 404, 403, 403, 403, 409)),
    "inspection_finding": ("post", "/kiem-tra/{inspection}/phat-hien/", None,
                           (302, 404, 403, 404, 403, 403, 403, 400)),
    "inspection_measure": ("post", "/kiem-tra/{inspection}/bien-phap/", None,
                           (302, 404, 403, 404, 403, 403, 403, 400)),
    "inspection_conclude": ("post", "/kiem-tra/{inspection}/ket-luan/", None,
                            (302, 404, 403, 404, 403, 403, 403, 400)),
    "inspection_follow_up": ("post", "/kiem-tra/{inspection}/bien-phap/{measure}/theo-doi/", None,
                             (302, 404, 403, 404, 403, 403, 403, 400)),
    "inspection_document": ("get", "/kiem-tra/{inspection}/van-ban/quyet-dinh/", None,
                            (302, 404, 200, 404, 200, 200, 200, 200)),
    # The draw's population is for the overseers only.
    "inspection_population": ("get", "/kiem-tra/{inspection}/quan-the/", None,
                              (302, 404, 404, 404, 404, 404, 200, 200)),
    # Issue 10 (1.7, 1.8): a review of Construction's officer, opened by Home Affairs from the walked
    # item, and a Giấy khen proposed for him. Home Affairs sees all; Construction's head his unit's;
    # the officer his own; to the others they do not exist (404). Nothing is decided yet: no file. An
    # empty form from whoever may act is 400 (a proposal's: back to the list), from the others 403.
    "my_record": ("get", "/ho-so/", None, (302, 200, 200, 200, 200, 200, 200, 200)),
    "unit_record": ("get", "/ho-so/don-vi/{construction}/", None, (302, 403, 403, 403, 403, 200, 403, 200)),
    "review_list": ("get", "/ky-luat/", None, (302, 200, 200, 200, 200, 200, 200, 200)),
    "review_open": ("get", "/ky-luat/mo/item/{item}/", None, (302, 403, 403, 403, 403, 403, 403, 200)),
    "review": ("get", "/ky-luat/{review}/", None, (302, 404, 404, 404, 200, 200, 404, 200)),
    "review_file": ("get", "/ky-luat/{review}/quyet-dinh.docx", None, (302, 404, 404, 404, 404, 404, 404, 404)),
    "review_step": ("post", "/ky-luat/{review}/hop/", None, (302, 404, 404, 404, 403, 400, 404, 400)),
    "commendation_list": ("get", "/khen-thuong/", None, (302, 200, 200, 200, 200, 200, 200, 200)),
    "commendation_propose": ("post", "/khen-thuong/de-nghi/", None, (302, 403, 302, 403, 403, 302, 302, 302)),
    "commendation": ("get", "/khen-thuong/{commendation}/", None, (302, 404, 404, 404, 200, 200, 404, 200)),
    "commendation_file": ("get", "/khen-thuong/{commendation}/quyet-dinh.docx", None,
                          (302, 404, 404, 404, 404, 404, 404, 404)),
    "commendation_step": ("post", "/khen-thuong/{commendation}/duyet/", None,
                          (302, 404, 404, 404, 403, 403, 404, 400)),
    # The published figures and the directives' files: anyone, signed in or not.
    "public_figures": ("get", "/cong-khai/", None, (200,) * 8),
    "public_figures_csv": ("get", "/cong-khai/so-lieu.csv", None, (200,) * 8),
    "public_figures_json": ("get", "/cong-khai/so-lieu.json", None, (200,) * 8),
    "public_directive_file": ("get", "/cong-khai/chi-dao/{directive}/tep/", None, (200,) * 8),
    # The backlog review: Home Affairs opens rounds (an empty form: 400); Construction's head records the
    # plans of its entries (an empty form: 400); the overseers see the round but record nothing; the
    # others see no part of it (404).
    "backlog_rounds": ("get", "/ra-soat-ton-dong/", None, (302, 403, 200, 200, 200, 200, 200, 200)),
    "backlog_round_open": ("post", "/ra-soat-ton-dong/mo-dot/", None, (302, 403, 403, 403, 403, 403, 403, 400)),
    "backlog_round": ("get", "/ra-soat-ton-dong/{round}/", None, (302, 404, 404, 404, 404, 200, 200, 200)),
    "backlog_plan": ("post", "/ra-soat-ton-dong/muc/{entry}/ke-hoach/", None, (302, 404, 404, 404, 404, 400, 403, 403)),
    # The trail as XES: Home Affairs' analysts only.
    "xes_export": ("get", "/tong-hop/nhat-ky.xes", None, (302, 403, 403, 403, 403, 403, 403, 200)),
    # Periodic reports (clause 3): every unit's officials see their reports, Home Affairs the periods;
    # it opens them (an empty form: 400), urges, compiles (February is past its due date) and downloads
    # January's report. Construction's report: its officials see it, only its head submits it.
    "report_periods": ("get", "/bao-cao-dinh-ky/", None, (302, 403, 200, 200, 200, 200, 200, 200)),
    "report_period_open": ("post", "/bao-cao-dinh-ky/mo-ky/", None, (302, 403, 403, 403, 403, 403, 403, 400)),
    "report_period": ("get", "/bao-cao-dinh-ky/ky/{period}/", None, (302, 404, 404, 404, 404, 404, 404, 200)),
    "report_period_urge": ("post", "/bao-cao-dinh-ky/ky/{period}/don-doc/", None,
                           (302, 404, 404, 404, 404, 404, 404, 302)),
    "report_period_compile": ("post", "/bao-cao-dinh-ky/ky/{period}/tong-hop/", None,
                              (302, 404, 404, 404, 404, 404, 404, 302)),
    "report_period_download": ("get", "/bao-cao-dinh-ky/ky/{compiled_period}/tai-ve/docx/", None,
                               (302, 404, 404, 404, 404, 404, 404, 200)),
    "unit_report": ("get", "/bao-cao-dinh-ky/don-vi/{unit_report}/", None, (302, 404, 404, 200, 200, 200, 404, 200)),
    "unit_report_submit": ("post", "/bao-cao-dinh-ky/don-vi/{unit_report}/gui/", None,
                           (302, 404, 404, 403, 403, 302, 404, 403)),
}


def named_pages(patterns=None, prefix: str = "") -> dict[str, str]:
    """Every named address of the URL configuration outside NOT_PAGES, by name."""
    found = {}
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(entry.pattern)
        if route.startswith(NOT_PAGES):
            continue
        if isinstance(entry, URLResolver):
            found |= named_pages(entry.url_patterns, route)
        elif isinstance(entry, URLPattern) and entry.name:
            found[entry.name] = route
    return found


def filled(template: str, walked: Walked, province: Province) -> str:
    return template.format(
        **issue_11_ids(province), **walked_inspection(province), **issue_10_ids(province, walked),
        **backlog_ids(province), construction=province.construction.pk, item=walked.item.pk,
        document=walked.document.pk, request=walked.request.pk, consultation=walked.asked.pk,
        notice=walked.notice.pk, notification=walked.notification.pk,
        transport=province.transport.pk, finance_officer=province.finance_officer.pk,
    )


def issue_11_ids(province: Province) -> dict[str, int]:
    """A directive sent to Construction and a report assigned to it, made once per province."""
    if not hasattr(province, "issue_11"):
        province.issue_11 = {"directive": sent_directive(province).pk, "report": assigned_report(province).pk,
                             **report_ids(province)}
    return province.issue_11


def issue_10_ids(province: Province, walked: Walked) -> dict[str, int]:
    """A review of Construction's officer from the walked item and a Giấy khen proposed for him."""
    if not hasattr(province, "issue_10"):
        review = reviews.open_review("item", walked.item.pk, actor=province.inspector, subject="official",
                                     reason="Chậm trễ")
        proposal = commendation.propose_commendation(
            actor=province.inspector, unit=province.construction, official=province.construction_officer,
            form="giay_khen", period_start=date(2026, 1, 1), period_end=date(2026, 3, 3), reason="Đúng hạn")
        province.issue_10 = {"review": review.pk, "commendation": proposal.pk}
    return province.issue_10


def visit(who: str, method: str, url: str, data: dict, province: Province):
    client = Client()
    if who != ANONYMOUS:
        client.force_login(getattr(province, PERSONAS[who]).user)
    return client.post(url, data) if method == "post" else client.get(url)


def test_every_page_of_the_url_configuration_is_walked():
    assert set(PAGES) == set(named_pages())


@pytest.mark.parametrize("name", sorted(PAGES))
def test_each_persona_gets_the_answer_the_page_owes_them(province, name):
    """The personas visit in the columns' order, in one province: a success changes nothing that
    decides the next one's answer (each is refused for who they are before anything else)."""
    method, template, data, expected = PAGES[name]
    walked = walked_item(province)
    url = filled(template, walked, province)
    form = {key: filled(value, walked, province) if isinstance(value, str) else [filled(v, walked, province)
            for v in value] for key, value in (data or {}).items()}
    got = {who: visit(who, method, url, form, province).status_code for who in WHO}
    assert got == dict(zip(WHO, expected, strict=True))
