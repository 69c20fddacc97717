"""Issue 11's objects for the tests of every layer: a directive sent to Construction (with its file)
and a citizen's report assigned to Construction."""

from datetime import date

from django.core.files.base import ContentFile

from congvu.oversight import directives, public_reports
from congvu.oversight.models_directives import Directive, DirectiveKind
from congvu.oversight.models_public import PublicReport, ReportAbout, ReportKind


def sent_directive(p, units=None) -> Directive:
    directive = directives.register_directive(
        actor=p.inspector, notation="280/CĐ-TTg", title="Chấn chỉnh tình trạng đùn đẩy, né tránh trách nhiệm",
        kind=DirectiveKind.PRIME_MINISTER, issuer="Thủ tướng Chính phủ", issued_on=date(2023, 4, 19),
        file=ContentFile(b"%PDF-1.4 cong dien", name="280-CD-TTg.pdf"))
    directives.send_directive(directive, actor=p.inspector, units=units or [p.construction])
    return directive


def filed_report(p, **changes) -> PublicReport:
    fields = {"kind": ReportKind.HARASSMENT, "about": ReportAbout.UNIT, "unit": p.construction,
              "description": "Cán bộ một cửa yêu cầu bổ sung giấy tờ không có trong quy định.",
              "reporter_name": "Nguyễn Thị Dân", "reporter_contact": "0905 123 456"}
    return public_reports.file_report(**{**fields, **changes})


def assigned_report(p) -> PublicReport:
    return public_reports.assign_report(filed_report(p), actor=p.inspector, unit=p.construction, days=5)
