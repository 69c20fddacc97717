"""The demo's first inspection decision goes out over the axis as a PDF signed with Home Affairs'
certificate from the demo CA (issue 14), and the inspection's page shows it; only where LibreOffice is
installed, as in production."""

import shutil

import pytest
from django.test import Client

from congvu.documents import issued_pdf
from congvu.lib import clock
from congvu.ops.demo import catalog
from congvu.ops.demo.build import build_demo
from congvu.org.models import Unit
from congvu.oversight.models_inspections import Inspection, InspectionKind
from congvu.testing import MORNING

pytestmark = pytest.mark.skipif(not shutil.which("soffice"), reason="needs LibreOffice (libreoffice-writer-nogui)")


def test_the_surprise_inspections_decision_is_signed_and_sent(db):
    with clock.travel_to(MORNING):
        build_demo(items=40, seed=2230)
        surprise = Inspection.objects.get(kind=InspectionKind.SURPRISE)
        shown = issued_pdf.shown("inspection-decision", surprise)
        home = Unit.objects.get(is_home_affairs=True, valid_to__isnull=True)
        assert f"CN={home.name}" in shown.made.signed_by  # Home Affairs' own certificate
        assert shown.sending is not None and len(shown.sending.to_organ_id.split(",")) == surprise.units.count() + 1
        client = Client()
        assert client.login(username=catalog.INSPECTOR_LOGIN, password=catalog.DEMO_PASSWORD)
        page = client.get(f"/kiem-tra/{surprise.pk}/").content.decode()
    assert "bản PDF ký số" in page and "Đã gửi qua Trục liên thông văn bản quốc gia" in page
