"""Shared steps of the API tests."""

from congvu.consult import actions as consult
from congvu.consult.models import ConsultationRequest
from congvu.testing import Province
from congvu.work import actions as work
from congvu.work.models import WorkItem


def working_item(p: Province, matter=None) -> WorkItem:
    """A planning approval registered, directed and assigned to Construction's officer (through the actions)."""
    item = work.register_incoming(actor=p.construction_clerk, unit=p.construction,
                                  matter_type=matter or p.planning_approval, sender="UBND tỉnh",
                                  subject="Quy hoạch chi tiết khu dân cư Bắc Hòa")
    work.direct(item, actor=p.construction_head, lead_unit=p.construction)
    return work.assign(item, actor=p.construction_head, holder=p.construction_officer)


def consulted_item(p: Province) -> tuple[WorkItem, ConsultationRequest]:
    """A working item on which Finance was asked; returns the item and Finance's request."""
    item = working_item(p)
    consultation = consult.ask(item, actor=p.construction_officer, units=[p.finance],
                               question="Ý kiến về nguồn vốn")
    return item, consultation.requests.get()


def incoming_body(p: Province, **changes) -> dict:
    return {"unit": p.construction.pk, "matter_type": p.building_permit.pk, "sender": "Công ty TNHH Sông Cầu",
            "subject": "Đề nghị cấp giấy phép xây dựng nhà xưởng", "notation": "15/2026/CV-SC",
            "issued_on": "2026-03-02", **changes}
