"""Home Affairs' queue of heads' decisions, the finding of a wrong return, and the authority figures
through the API (clauses 1.4, 2.1)."""

from congvu.consult import actions as consult
from congvu.work import actions as work
from congvu.work.models import Event, EventKind, Outcome
from congvu.work.tests.test_actions import in_progress, register


def pushed_up(p):
    item = in_progress(p, p.building_permit)
    consult.submit_to_province(item, actor=p.construction_head, summary="Tờ trình",
                               override_reason="Công trình có ý nghĩa đặc biệt")
    return Event.objects.get(item=item, outcome=Outcome.OVERRIDE)


def test_home_affairs_lists_the_queue_and_resolves_an_entry(province, api_as):
    override = pushed_up(province)
    inspector = api_as(province.inspector)
    waiting = inspector.get("/api/oversight/overrides").json()
    assert [e["id"] for e in waiting] == [override.pk]
    assert waiting[0]["rule_code"] == "R-1.4-OWN-AUTHORITY-SUBMISSION" and waiting[0]["resolution"] is None
    assert inspector.post(f"/api/oversight/overrides/{override.pk}/resolve", {"resolution": "maybe"}).status_code == 422
    answer = inspector.post(f"/api/oversight/overrides/{override.pk}/resolve",
                            {"resolution": "kept_for_review", "note": "Lặp lại lần thứ ba"})
    assert answer.status_code == 200, answer.content
    assert answer.json()["resolution"] == "kept_for_review"
    assert inspector.get("/api/oversight/overrides").json() == []
    assert [e["id"] for e in inspector.get("/api/oversight/overrides", state="reviewed").json()] == [override.pk]
    again = inspector.post(f"/api/oversight/overrides/{override.pk}/resolve", {"resolution": "confirmed"})
    assert again.status_code == 409
    figures = {f["unit_id"]: f for f in inspector.get("/api/oversight/authority-figures").json()}
    assert figures[province.construction.pk]["overrides_kept"] == 1


def test_the_queue_is_closed_to_units_and_resolving_to_the_province_office(province, api_as):
    override = pushed_up(province)
    assert api_as(province.construction_head).get("/api/oversight/overrides").status_code == 403
    refused = api_as(province.office_head).post(f"/api/oversight/overrides/{override.pk}/resolve",
                                                {"resolution": "confirmed"})
    assert refused.status_code == 403
    assert not Event.objects.filter(kind=EventKind.OVERRIDE_REVIEWED).exists()


def test_the_province_office_finds_a_return_wrong(province, api_as):
    p = province
    item = register(p, p.building_permit)
    work.return_document(item, actor=p.construction_head, grounds="not_ours", named_unit=p.finance,
                         override_reason="Danh mục ghi nhầm")
    path = f"/api/items/{item.pk}/return-found-wrong"
    assert api_as(p.finance_head).post(path, {"explanation": "Sai"}).status_code == 403
    answer = api_as(p.office_head).post(path, {"explanation": "Thuộc thẩm quyền Sở Xây dựng"})
    assert answer.status_code == 200, answer.content
    figures = {f["unit_id"]: f for f in api_as(p.inspector).get("/api/oversight/authority-figures").json()}
    assert figures[p.construction.pk]["returns_found_wrong"] == 1
