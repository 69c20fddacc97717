"""The home page per role (DESIGN §1): the clerk's register desk, the head's directions, approvals,
consultations and figures, the officer's own work and consultations to answer, the Province office's
submissions with the competence check, the Home Affairs overview. Every section that applies is shown."""

import re

import pytest

from congvu.org.notify import notify

pytestmark = pytest.mark.django_db


def home_of(client_of, official) -> str:
    page = client_of(official).get("/")
    assert page.status_code == 200
    return page.content.decode()


def section(html: str, section_id: str) -> str:
    assert f'id="{section_id}"' in html, section_id
    return html.split(f'id="{section_id}"')[1].split("</section>")[0]


def test_the_clerk_opens_on_the_register_with_the_three_ways_in(province, busy, client_of):
    html = home_of(client_of, province.construction_clerk)
    desk = section(html, "clerk-desk")
    for link in ('href="/van-ban-den/moi/"', 'href="/van-ban-den/nhap-edxml/"', 'href="/van-ban-den/nhap-excel/"',
                 'href="/van-ban-den/"'):
        assert link in desk
    assert busy.fresh_commune.title not in desk and busy.refused.incoming.subject in desk
    assert "Hôm nay đã vào sổ 1 văn bản" in desk
    assert 'id="submissions"' not in html and 'id="province-overview"' not in html


def test_the_head_sees_what_waits_for_direction_the_approvals_and_the_units_figures(province, busy, client_of):
    html = home_of(client_of, province.construction_head)
    assert busy.refused.title in section(html, "awaiting-title")
    approvals = section(html, "approvals")
    assert "R-2.1-OWN-COMPETENCE-TRANSFER" in approvals  # the refused transfer, which only the head may override
    assert "Chờ bổ sung hồ sơ thiết kế" in approvals  # the extension of 04/02
    assert "Công trình có ý nghĩa đặc biệt" not in approvals  # the override of 05/01 is older than 30 days
    figures = section(html, "unit-figures")
    assert "Sở Xây dựng" in figures and f"unit={province.construction.pk}&amp;bucket=overdue" in figures
    assert "Sở Tài chính" not in figures
    assert 'id="clerk-desk"' not in html


def test_the_head_sees_the_consultations_put_to_the_unit(province, busy, client_of):
    requests = section(home_of(client_of, province.finance_head), "unit-requests")
    assert busy.waiting_answer.title in requests and "Đặng Thị Chính" in requests  # prepared by Finance's officer
    assert "06/03/2026" in requests  # asked on Friday 27/02, five working days


def test_the_officer_sees_their_work_by_urgency_and_the_consultations_to_answer(province, busy, client_of):
    html = home_of(client_of, province.construction_officer)
    assert busy.overdue.title in section(html, "section-overdue")
    assert busy.waiting_answer.title not in section(html, "section-overdue")
    answer = section(home_of(client_of, province.finance_officer), "to-answer")
    assert busy.waiting_answer.title in answer
    assert "Không có yêu cầu xin ý kiến" in section(html, "to-answer")
    assert 'id="approvals"' not in html and 'id="clerk-desk"' not in html


def test_the_province_office_checks_the_competence_of_each_submission(province, busy, client_of):
    html = home_of(client_of, province.office_head)
    rows = section(html, "submissions").split('class="cv-submission-row')
    submitted = next(r for r in rows if busy.submitted.title in r)
    pushed_up = next(r for r in rows if busy.pushed_up.title in r)
    assert "Thuộc thẩm quyền Chủ tịch UBND tỉnh" in submitted and "Thủ trưởng quyết định" not in submitted
    assert "Không thuộc thẩm quyền UBND tỉnh: Sở Xây dựng quyết định" in pushed_up
    assert "Trình theo quyết định của Thủ trưởng (ghi rõ lý do)" in pushed_up


def test_home_affairs_sees_the_province_at_a_glance_with_links_to_the_lists(province, busy, client_of):
    html = home_of(client_of, province.inspector)
    glance = section(html, "province-overview")
    links = re.findall(r'<a href="(/danh-sach/\?bucket=\w+)" class="cv-figure', glance)
    assert len(links) == 6  # on time after extension has its own number (issue 9)
    assert "Sở Xây dựng" in glance and 'href="/tong-hop/"' in glance
    assert 'id="submissions"' not in html


def test_an_official_with_several_roles_sees_every_section_that_applies(province, busy, client_of):
    from congvu.org.models import Role

    province.office_head.role = Role.ADMINISTRATOR  # the administrator both oversees and receives submissions
    province.office_head.save(update_fields=["role"])
    html = home_of(client_of, province.office_head)
    assert 'id="submissions"' in html and 'id="province-overview"' in html and 'id="awaiting-title"' in html


def test_an_account_with_no_position_is_told_why_its_home_is_empty(province, busy, client_of):
    html = home_of(client_of, province.outsider)
    assert "không giữ chức vụ" in html and busy.overdue.title not in html
    assert 'href="/danh-sach/"' not in html


def test_the_menu_links_every_area_and_counts_unread_notifications(province, busy, client_of):
    notify([province.construction_officer], "Bạn được giao xử lý hồ sơ mới")
    html = home_of(client_of, province.construction_officer)
    nav = html.split('id="cv-nav"')[1].split('class="navbar-text')[0]
    for path in ("/van-ban-den/", "/xin-y-kien/", "/thong-bao-cua-toi/", "/danh-sach/"):
        assert f'href="{path}"' in nav
    assert "/tong-hop/" not in nav and "/van-ban-den/nhap-edxml/" not in nav
    unread = province.construction_officer.notifications.filter(read_at__isnull=True).count()
    assert re.search(rf'cv-unread">{unread}<', nav)
    inspector_nav = home_of(client_of, province.inspector).split('id="cv-nav"')[1]
    assert 'href="/tong-hop/"' in inspector_nav
    clerk_nav = home_of(client_of, province.construction_clerk).split('id="cv-nav"')[1]
    assert 'href="/van-ban-den/nhap-edxml/"' in clerk_nav and 'href="/van-ban-den/nhap-excel/"' in clerk_nav
