"""Disseminating a directive (clause 1.1): Home Affairs registers and sends it, each official
acknowledges it once (the acknowledgement is never edited), the sweep reminds who has not after N
working days, heads see who in their unit has not, Home Affairs sees completion per unit."""

from datetime import date, timedelta

import pytest

from congvu.lib import clock
from congvu.lib.refusals import AccessDenied, InvalidInput, InvalidState
from congvu.org.models import Notification
from congvu.oversight import access, directives
from congvu.oversight.models_directives import Acknowledgement, AppendOnly, DirectiveKind

pytestmark = pytest.mark.django_db


def dispatch_280(p):
    return directives.register_directive(
        actor=p.inspector, notation="280/CĐ-TTg", title="Công điện chấn chỉnh tình trạng đùn đẩy, né tránh",
        kind=DirectiveKind.PRIME_MINISTER, issuer="Thủ tướng Chính phủ", issued_on=date(2025, 10, 16))


def test_only_home_affairs_keeps_the_register_and_sends(province, at_morning):
    with pytest.raises(AccessDenied):
        directives.register_directive(actor=province.construction_head, notation="1", title="x",
                                      kind=DirectiveKind.OTHER, issuer="y", issued_on=date(2026, 1, 1))
    directive = dispatch_280(province)
    with pytest.raises(AccessDenied):
        directives.send_directive(directive, actor=province.construction_head, units=[province.construction])
    assert directive.recipients.count() == 0


def test_a_directive_needs_its_number_subject_and_issuer(province, at_morning):
    with pytest.raises(InvalidInput):
        directives.register_directive(actor=province.inspector, notation=" ", title="x",
                                      kind=DirectiveKind.OTHER, issuer="y", issued_on=date(2026, 1, 1))


def test_sent_to_units_reaches_their_officials_once_and_notifies_them(province, at_morning):
    directive = dispatch_280(province)
    reached = directives.send_directive(directive, actor=province.inspector, units=[province.construction])
    assert reached == 4  # head, deputy, officer, clerk
    assert directives.send_directive(directive, actor=province.inspector, units=[province.construction]) == 0
    assert Notification.objects.filter(official=province.construction_officer, text__contains="280/CĐ-TTg").count() == 1
    assert directives.pending_for(province.construction_officer) == [directive]
    assert directives.pending_for(province.finance_head) == []


def test_sent_to_everyone_reaches_every_serving_official_but_not_an_account_with_no_post(province, at_morning):
    directive = dispatch_280(province)
    directives.send_directive(directive, actor=province.inspector)
    officials = set(directive.recipients.values_list("official_id", flat=True))
    assert province.commune_officer.pk in officials and province.chairman.pk in officials
    assert province.outsider.pk not in officials


def test_an_official_acknowledges_once_with_the_date_and_the_row_is_never_edited(province, at_morning):
    directive = dispatch_280(province)
    directives.send_directive(directive, actor=province.inspector, units=[province.construction])
    ack = directives.acknowledge(directive, actor=province.construction_officer)
    assert ack.acknowledged_on == clock.today() and ack.unit_id == province.construction.pk
    assert directives.pending_for(province.construction_officer) == []
    with pytest.raises(InvalidState):
        directives.acknowledge(directive, actor=province.construction_officer)
    with pytest.raises(AppendOnly):
        ack.save()
    with pytest.raises(AppendOnly):
        ack.delete()
    assert Acknowledgement.objects.count() == 1


def test_who_it_was_not_sent_to_cannot_acknowledge(province, at_morning):
    directive = dispatch_280(province)
    directives.send_directive(directive, actor=province.inspector, units=[province.construction])
    with pytest.raises(AccessDenied):
        directives.acknowledge(directive, actor=province.finance_head)
    assert not Acknowledgement.objects.exists()


def test_completion_per_unit_and_who_has_not_acknowledged(province, at_morning):
    directive = dispatch_280(province)
    directives.send_directive(directive, actor=province.inspector, units=[province.construction, province.finance])
    directives.acknowledge(directive, actor=province.construction_officer)
    directives.acknowledge(directive, actor=province.finance_head)
    directives.acknowledge(directive, actor=province.finance_officer)
    rows = {c.unit_name: (c.sent, c.acknowledged, c.percent) for c in directives.completion_per_unit(directive)}
    assert rows == {"Sở Xây dựng": (4, 1, 25), "Sở Tài chính": (2, 2, 100)}
    led = access.led_units_reached(province.construction_head, directive)
    assert led == {province.construction.pk}
    missing = {r.official.full_name for r in directives.not_acknowledged(directive, led)}
    assert missing == {"Nguyễn Văn Dựng", "Đỗ Thị Phó", "Bùi Thị Sổ"}
    assert access.may_see_directive(province.construction_head, directive)
    assert not access.may_see_directive(province.transport_head, directive)


def test_the_sweep_reminds_who_has_not_acknowledged_after_n_working_days_then_every_n(province, at_morning, settings):
    settings.CONGVU_DIRECTIVE_REMIND_DAYS = 3
    directive = dispatch_280(province)
    directives.send_directive(directive, actor=province.inspector, units=[province.finance])
    directives.acknowledge(directive, actor=province.finance_head)

    def reminders():
        return Notification.objects.filter(official=province.finance_officer, text__startswith="Nhắc").count()

    # Sent on Tuesday 03/03/2026: two working days later (Thursday) is too early, three (Friday) is due.
    with clock.travel_to(at_morning + timedelta(days=2)):
        assert directives.remind_unacknowledged() == 0
    with clock.travel_to(at_morning + timedelta(days=3)):
        assert directives.remind_unacknowledged() == 1
        assert directives.remind_unacknowledged() == 0  # once a day, whatever the sweeps' rounds
    assert reminders() == 1
    assert not Notification.objects.filter(official=province.finance_head, text__startswith="Nhắc").exists()
    with clock.travel_to(at_morning + timedelta(days=8)):  # Wednesday after: three more working days
        assert directives.remind_unacknowledged() == 1
    assert reminders() == 2
