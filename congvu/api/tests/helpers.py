"""The API tests' own steps: a client holding an official's token, and an incoming document's body.
(The province, its personas and the items made through the actions are in congvu/testing.py.)"""

import json

from django.test import Client

from congvu.testing import Province


class ApiClient:
    """A client that speaks to the API as one official, with their bearer token."""

    def __init__(self, token: str | None, language: str = "vi") -> None:
        self.client = Client()
        self.headers = {"Accept-Language": language}
        if token:
            self.headers["Authorization"] = f"Bearer {token}"

    def get(self, path: str, **params):
        return self.client.get(path, params, headers=self.headers)

    def post(self, path: str, body: dict | None = None, **headers):
        return self.client.post(path, json.dumps(body or {}), content_type="application/json",
                                headers={**self.headers, **headers})


def incoming_body(p: Province, **changes) -> dict:
    return {"unit": p.construction.pk, "matter_type": p.building_permit.pk, "sender": "Công ty TNHH Sông Cầu",
            "subject": "Đề nghị cấp giấy phép xây dựng nhà xưởng", "notation": "15/2026/CV-SC",
            "issued_on": "2026-03-02", **changes}
