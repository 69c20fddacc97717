"""The data migration of delegations (registry 0006): an open-ended ủy quyền of the old registry is
given its delegating authority (the People's Committee, or the competent unit for a head's matter),
its document's number read from the document, and the five-year term as its end date; then the
rules become constraints (0007)."""

from datetime import date

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("registry", "0005_english_labels")]
AFTER = [("registry", "0007_authority_delegation_rules")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_an_open_ended_authorisation_is_named_numbered_and_ended():
    old = migrate(BEFORE)
    try:
        unit = old.get_model("org", "Unit")
        committee = unit.objects.create(code="ubnd", name="UBND tỉnh", abbrev="UBND", kind="province_committee",
                                        valid_from=date(2020, 1, 1))
        department = unit.objects.create(code="sxd", name="Sở Xây dựng", abbrev="SXD", kind="department",
                                         parent=committee, valid_from=date(2020, 1, 1))
        matter = old.get_model("registry", "MatterType").objects.create(
            code="gia", name="Công bố giá", field="Xây dựng", competent_unit=department,
            authority="province_chairman", legal_basis="Nghị định 10/2021/NĐ-CP", time_limit_days=10)
        old.get_model("registry", "Delegation").objects.create(
            matter_type=matter, to_unit=department, kind="uy_quyen",
            legal_basis="Quyết định 18/2025/QĐ-UBND (ủy quyền công bố giá)", valid_from=date(2025, 7, 1))
    finally:
        new = migrate(AFTER)
    try:
        delegation = new.get_model("registry", "Delegation").objects.get()
        assert delegation.from_unit_id == committee.pk
        assert delegation.document_number == "18/2025/QĐ-UBND"
        assert delegation.valid_to == date(2030, 6, 30)
    finally:
        migrate(latest())  # the next tests need every later migration back (the flush keeps the schema)


def latest():
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()
