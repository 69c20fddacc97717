"""The deemed-agreement notice as a file: drafted by the sweep, signed by the asking unit's head or a
deputy (numbered in its outgoing register, dated that working day), then rendered as a Decree 30
letter. Each test reads the produced .docx back with python-docx and asserts its layout."""

from datetime import date, datetime

import pytest

from congvu.consult import actions
from congvu.consult import sweep as consult_sweep
from congvu.consult.models import Notice, OutgoingRegister
from congvu.documents import notices
from congvu.documents.layout import problems, read_back
from congvu.lib import clock
from congvu.lib.refusals import AccessDenied, InvalidState, RuleViolation
from congvu.lib.workdays import TZ
from congvu.org.models import Position, Title, Unit, UnitKind
from congvu.registry.models import RegulationParameter
from congvu.testing import consulted_item, make_official
from congvu.work import actions as work

pytestmark = pytest.mark.usefixtures("at_morning")
# Asked on Tuesday 03/03/2026 with 5 working days: due at 24:00 of Tuesday 10/03.
MIDNIGHT = datetime(2026, 3, 11, 0, 0, tzinfo=TZ)
WEDNESDAY = datetime(2026, 3, 11, 9, 0, tzinfo=TZ)
SATURDAY = datetime(2026, 3, 14, 9, 0, tzinfo=TZ)
BASIS = "Điều 9 Quy chế làm việc ban hành kèm theo Quyết định số 04/2023/QĐ-UBND của UBND tỉnh Phú Yên"


@pytest.fixture
def notice(province) -> Notice:
    """Finance stayed silent: the sweep drafted Construction's notice."""
    consulted_item(province)
    with clock.travel_to(MIDNIGHT):
        consult_sweep.deem_overdue()
    return Notice.objects.select_related("unit").get()


def signed(notice: Notice, signer, at: datetime = WEDNESDAY):
    with clock.travel_to(at):
        done = actions.sign_notice(notice, actor=signer)
    return done, read_back(notices.render(done).file.read())


def test_the_sweep_drafts_the_notice_unnumbered_and_leaves_no_file(notice):
    assert not notice.is_signed and notice.issued_on is None and not notice.content
    assert notices.render_pending() == 0
    with pytest.raises(ValueError, match="draft"):
        notices.render(notice)


def test_signing_numbers_the_notice_in_the_outgoing_register_and_dates_it_that_working_day(province, notice):
    # The register follows the unit's paper one: the next number was set to 25 in /quan-tri/. The
    # consultation letter itself took number 01 of the same series when it was sent.
    OutgoingRegister.objects.filter(unit=province.construction, year=2026, series=OutgoingRegister.SERIES).update(
        last=24)
    done, letter = signed(notice, province.construction_head)
    assert (done.number, done.issued_on, done.signer) == (25, date(2026, 3, 11), province.construction_head)
    assert letter.number_line == "Số: 25/TB-SXD" and letter.date_line == "Phú Yên, ngày 11 tháng 3 năm 2026"
    assert letter.header_left == ["ỦY BAN NHÂN DÂN TỈNH PHÚ YÊN", "SỞ XÂY DỰNG"]
    assert letter.title == "THÔNG BÁO" and letter.subject.startswith("Về việc Sở Tài chính được coi là đồng ý")
    assert letter.subject_ruled
    assert letter.signature == ["GIÁM ĐỐC", province.construction_head.full_name]
    assert letter.recipients == ["Nơi nhận:", "- Sở Tài chính;", "- Sở Nội vụ (để theo dõi);", "- Lưu: VT, SXD."]
    assert problems(letter) == []
    assert OutgoingRegister.objects.get(unit=province.construction, year=2026, series="di").next_number == 26


def test_the_notice_cites_the_consultation_letter_the_proposal_and_the_registry_basis(province, notice):
    consultation = notice.request.consultation
    consultation.proposal = "Bố trí 12 tỷ đồng từ nguồn vốn đầu tư công năm 2026"
    consultation.save()
    basis = RegulationParameter.objects.get(key="deemed_agreement_basis")
    basis.legal_basis = BASIS
    basis.save()  # through the model, so the registry snapshot sees the administrator's change
    _, letter = signed(notice, province.construction_head)
    body = "\n".join(letter.body)
    assert f"Công văn số {consultation.letter_notation} ngày 03/03/2026" in body
    assert consultation.letter_notation == "01/SXD"
    assert "Bố trí 12 tỷ đồng từ nguồn vốn đầu tư công năm 2026" in body
    assert f"Căn cứ {BASIS}," in body and "2230/UBND-NC ngày 16/5/2023 của Chủ tịch" not in body


def test_a_deputy_signs_for_the_director(province, notice):
    _, letter = signed(notice, province.construction_deputy)
    assert letter.signature == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", province.construction_deputy.full_name]
    assert problems(letter) == []


def test_a_notice_is_signed_only_on_a_working_day(province, notice):
    with clock.travel_to(SATURDAY), pytest.raises(RuleViolation) as caught:
        actions.sign_notice(notice, actor=province.construction_head)
    assert caught.value.code == "R-2.2-NOTICE-WORKING-DAY" and "16/03/2026" in caught.value.message_vi
    assert not Notice.objects.get(pk=notice.pk).is_signed
    done, letter = signed(notice, province.construction_head, datetime(2026, 3, 16, 8, 0, tzinfo=TZ))
    assert done.issued_on == date(2026, 3, 16) and letter.day == (16, 3, 2026)


def test_only_the_asking_units_head_or_deputy_signs_and_only_once(province, notice):
    for stranger in (province.construction_officer, province.finance_head):
        with clock.travel_to(WEDNESDAY), pytest.raises(AccessDenied):
            actions.sign_notice(notice, actor=stranger)
    signed(notice, province.construction_head)
    with clock.travel_to(WEDNESDAY), pytest.raises(InvalidState):
        actions.sign_notice(notice, actor=province.construction_deputy)


def test_the_drafting_division_is_kept_in_the_storage_line(province):
    division = Unit.objects.create(code="sxd-qlxd", name="Phòng Quản lý xây dựng", abbrev="QLXD",
                                   kind=UnitKind.DIVISION, parent=province.construction)
    Position.objects.create(official=province.construction_officer, unit=division, title=Title.OFFICER,
                            valid_from=date(2020, 1, 1))
    consulted_item(province)
    with clock.travel_to(MIDNIGHT):
        consult_sweep.deem_overdue()
    _, letter = signed(Notice.objects.get(), province.construction_head)
    assert letter.recipients[-1] == "- Lưu: VT, QLXD."


def test_a_communes_notice_is_placed_in_the_commune_and_names_its_committee_in_full(province):
    item = work.register_incoming(actor=province.commune_head, unit=province.commune,
                                  matter_type=province.land_dispute, sender="Hộ bà Trần Thị Ranh",
                                  subject="Hòa giải tranh chấp lối đi chung")
    work.direct(item, actor=province.commune_head, lead_unit=province.commune)
    work.assign(item, actor=province.commune_head, holder=province.commune_officer)
    deputy = make_official("anmy.deputy", "Phan Văn Phó", province.commune, Title.DEPUTY)
    actions.ask(item, actor=province.commune_head, units=[province.construction], question="Ý kiến về ranh giới",
                proposal="Giữ nguyên ranh giới theo bản đồ địa chính 2015", override_reason="Đất giáp công trình")
    with clock.travel_to(MIDNIGHT):
        consult_sweep.deem_overdue()
    _, letter = signed(Notice.objects.get(), deputy)
    assert letter.date_line == "An Mỹ, ngày 11 tháng 3 năm 2026"
    assert letter.header_left[-1] == "ỦY BAN NHÂN DÂN XÃ AN MỸ"
    # A deputy chairman signs for the committee and for its chairman (Decree 30, Appendix I).
    assert letter.signature == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", deputy.full_name]
    assert problems(letter) == []


def test_the_administrator_sets_the_next_number_of_a_units_outgoing_register(province, client_of, notice):
    admin = province.construction_head.user
    admin.is_staff = admin.is_superuser = True
    admin.save(update_fields=["is_staff", "is_superuser"])
    client = client_of(province.construction_head)
    register = OutgoingRegister.objects.get(unit=province.construction, year=2026, series=OutgoingRegister.SERIES)
    url = f"/quan-tri/consult/outgoingregister/{register.pk}/change/"
    assert "Sở Xây dựng" in client.get("/quan-tri/consult/outgoingregister/").content.decode()
    refused = client.post(url, {"unit": province.construction.pk, "year": 2026, "next_number": 1})
    assert refused.status_code == 200 and OutgoingRegister.objects.get(pk=register.pk).last == 1  # 01 was used
    assert client.post(url, {"unit": province.construction.pk, "year": 2026, "next_number": 140}).status_code == 302
    done, letter = signed(notice, province.construction_head)
    assert done.number == 140 and letter.number_line == "Số: 140/TB-SXD" and problems(letter) == []
