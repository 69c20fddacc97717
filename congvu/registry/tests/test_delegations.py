"""Phân cấp and ủy quyền (clause 1.4): a decentralisation to a kind of unit (each on its own territory)
or to one unit; an authorisation to a named unit, by a named authority, with a number and a mandatory
end date, outside which nothing is delegated. Several per matter type, the newest in force wins; the
admin refuses what the law does not allow, in Vietnamese, in the field concerned; rows are not deleted."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from congvu.lib import clock
from congvu.lib.refusals import RuleViolation
from congvu.org.models import UnitKind
from congvu.registry.models import Delegation, DelegationKind
from congvu.registry.queries import competence_for, delegation_in_force
from congvu.registry.snapshot import DelegationFact
from congvu.work import rules
from congvu.work.actions import unit_ref
from congvu.work.tests.test_actions import in_progress

DAY = date(2026, 3, 3)
UY, PC = DelegationKind.AUTHORISATION, DelegationKind.DECENTRALISATION


def authorisation(p, matter, **changes):
    fields = dict(matter_type=matter, kind=UY, to_unit=p.construction, from_unit=p.committee,
                  legal_basis="Quyết định 30/2026/QĐ-UBND", document_number="30/2026/QĐ-UBND",
                  valid_from=date(2026, 1, 1), valid_to=date(2026, 6, 30))
    return Delegation(**{**fields, **changes})


def errors_of(delegation) -> dict:
    with pytest.raises(ValidationError) as caught:
        delegation.full_clean()
    return caught.value.message_dict


def test_an_authorisation_names_its_unit_authority_number_and_end(province):
    p = province
    assert authorisation(p, p.planning_approval).full_clean() is None
    errors = errors_of(authorisation(p, p.planning_approval, valid_to=None, from_unit=None, document_number=""))
    assert set(errors) >= {"valid_to", "from_unit", "document_number"}
    assert "to_unit" in errors_of(authorisation(p, p.planning_approval, to_unit=None))
    assert "to_kind" in errors_of(authorisation(p, p.planning_approval, to_kind=UnitKind.COMMUNE))
    assert "valid_to" in errors_of(authorisation(p, p.planning_approval, valid_to=date(2025, 12, 31)))
    assert "from_unit" in errors_of(authorisation(p, p.planning_approval, from_unit=p.construction))


def test_a_decentralisation_goes_to_a_kind_of_unit_or_to_one_unit(province):
    p = province
    to_communes = Delegation(matter_type=p.planning_approval, kind=PC, to_kind=UnitKind.COMMUNE,
                             legal_basis="Nghị quyết 05/2026/NQ-HĐND", valid_from=date(2026, 1, 1))
    assert to_communes.full_clean() is None  # open-ended is allowed for a decentralisation
    both = Delegation(matter_type=p.planning_approval, kind=PC, to_kind=UnitKind.COMMUNE, to_unit=p.commune,
                      legal_basis="Nghị quyết 05/2026/NQ-HĐND", valid_from=date(2026, 1, 1))
    assert "to_kind" in errors_of(both)


def test_the_database_refuses_an_open_ended_authorisation(province):
    with pytest.raises(IntegrityError), transaction.atomic():
        authorisation(province, province.planning_approval, valid_to=None).save()


def test_outside_its_period_an_authorisation_delegates_nothing(province):
    p = province
    authorisation(p, p.planning_approval).save()
    assert competence_for(p.planning_approval, date(2026, 6, 30)).decides_locally
    after = competence_for(p.planning_approval, date(2026, 7, 1))
    assert not after.decides_locally and after.unit_id == p.construction.pk
    assert delegation_in_force(p.planning_approval, date(2025, 12, 31)) is None


def test_the_own_authority_submission_check_reads_the_delegation_in_force_on_the_day(province):
    p = province
    authorisation(p, p.planning_approval, valid_to=date(2026, 3, 3)).save()
    with clock.travel_to(clock.now().replace(year=2026, month=3, day=3, hour=9)):
        item = in_progress(p, p.planning_approval)
        with pytest.raises(RuleViolation) as refused:
            rules.check_submission(competence_for(item.matter_type, DAY))
        assert refused.value.code == "R-1.4-OWN-AUTHORITY-SUBMISSION"
    rules.check_submission(competence_for(item.matter_type, date(2026, 3, 4)))  # the day after: the Province's


def test_a_decentralisation_to_every_commune_makes_each_commune_competent_on_its_territory(province):
    p = province
    Delegation.objects.create(matter_type=p.planning_approval, kind=PC, to_kind=UnitKind.COMMUNE,
                              legal_basis="Nghị quyết 05/2026/NQ-HĐND", valid_from=date(2026, 1, 1))
    competence = competence_for(p.planning_approval, DAY, territory=p.commune)
    assert competence.decides_locally and competence.covers(unit_ref(p.commune))
    assert not competence.covers(unit_ref(p.construction))
    with pytest.raises(RuleViolation):  # the commune may not push it back up to the Province
        rules.check_submission(competence)


def test_of_several_delegations_the_newest_in_force_wins_and_the_history_stays(province):
    p = province
    older = authorisation(p, p.planning_approval, to_unit=p.finance, valid_to=date(2026, 12, 31))
    older.save()
    newer = authorisation(p, p.planning_approval, valid_from=date(2026, 3, 1), valid_to=date(2026, 12, 31),
                          document_number="31/2026/QĐ-UBND")
    newer.save()
    assert delegation_in_force(p.planning_approval, date(2026, 2, 1)).pk == older.pk
    assert delegation_in_force(p.planning_approval, DAY).pk == newer.pk
    assert Delegation.objects.filter(matter_type=p.planning_approval).count() == 2


def test_the_snapshot_mirrors_the_new_columns(province):
    p = province
    saved = authorisation(p, p.planning_approval)
    saved.save()
    fact = delegation_in_force(p.planning_approval, DAY)
    assert isinstance(fact, DelegationFact)
    assert (fact.from_unit_id, fact.document_number, fact.to_kind) == (p.committee.pk, "30/2026/QĐ-UBND", "")


def test_the_admin_explains_in_vietnamese_and_never_deletes(province, admin_client):
    p = province
    answer = admin_client.post("/quan-tri/registry/delegation/add/", {
        "matter_type": p.planning_approval.pk, "kind": UY, "to_unit": p.construction.pk, "to_kind": "",
        "from_unit": p.committee.pk, "legal_basis": "Quyết định 30/2026/QĐ-UBND", "document_number": "",
        "valid_from": "01/01/2026", "valid_to": "",
    }, headers={"Accept-Language": "vi"})
    page = answer.content.decode()
    assert answer.status_code == 200
    assert "Ủy quyền phải có thời hạn" in page and "Cần ghi số văn bản ủy quyền" in page
    delegation = authorisation(p, p.planning_approval)
    delegation.save()
    assert admin_client.get(f"/quan-tri/registry/delegation/{delegation.pk}/delete/").status_code == 403
