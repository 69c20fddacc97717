"""Shared steps of the web tests: each goes through the real pages, as an official would."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from congvu.testing import Province
from congvu.work.models import WorkItem


def register_form(p: Province, **changes) -> dict:
    data = {
        "unit": p.construction.pk, "matter_type": p.building_permit.pk, "sender": "Công ty TNHH Xây dựng Sông Cầu",
        "notation": "15/2026/CV-SC", "issued_on": "02/03/2026", "doc_type": "Đơn đề nghị",
        "subject": "Đề nghị cấp giấy phép xây dựng nhà xưởng", "priority": "normal", "reply_due": "",
        "requester_unit": "",
    }
    return {**data, **changes}


def register(client: Client, p: Province, **changes) -> WorkItem:
    data = register_form(p, **changes)
    data["original"] = SimpleUploadedFile("don-de-nghi.pdf", b"%PDF-1.4 original", content_type="application/pdf")
    response = client.post("/van-ban-den/moi/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return WorkItem.objects.get(pk=int(response["Location"].rstrip("/").rsplit("/", 1)[-1]))


def act(client: Client, item: WorkItem, slug: str, data: dict, **headers):
    return client.post(f"/cong-viec/{item.pk}/{slug}/", data, **headers)


def direct_and_assign(head: Client, item: WorkItem, p: Province, **direction) -> WorkItem:
    """Construction's head directs the item to Construction (with Finance co-operating, unless
    `direction` says otherwise) and assigns it to Construction's officer, through the pages."""
    direction = {"lead_unit": p.construction.pk, "cooperating": [p.finance.pk], "due_date": "",
                 "note": "Kiểm tra hồ sơ", **direction}
    assert act(head, item, "chi-dao", direction).status_code == 302
    assert act(head, item, "phan-cong", {"holder": p.construction_officer.pk, "due_date": "",
                                         "note": ""}).status_code == 302
    item.refresh_from_db()
    return item
