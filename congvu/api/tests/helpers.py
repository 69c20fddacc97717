"""The API tests' own steps: a client holding an official's token, and an incoming document's body.
(The province, its personas and the items made through the actions are in congvu/testing.py.)"""

import json
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from congvu.testing import Province

# A new document's edXML message, for the walks over every endpoint (POST /api/incoming/edxml).
EDXML = (Path(__file__).parents[2] / "documents" / "tests" / "samples" / "business" / "moi.edxml").read_bytes()


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
        if any(isinstance(value, bytes) for value in (body or {}).values()):  # a file: multipart, a fresh one
            form = {k: SimpleUploadedFile(f"{k}.edxml", v) if isinstance(v, bytes) else v for k, v in body.items()}
            return self.client.post(path, form, headers={**self.headers, **headers})
        return self.client.post(path, json.dumps(body or {}), content_type="application/json",
                                headers={**self.headers, **headers})


def incoming_body(p: Province, **changes) -> dict:
    return {"unit": p.construction.pk, "matter_type": p.building_permit.pk, "sender": "Công ty TNHH Sông Cầu",
            "subject": "Đề nghị cấp giấy phép xây dựng nhà xưởng", "notation": "15/2026/CV-SC",
            "issued_on": "2026-03-02", **changes}
