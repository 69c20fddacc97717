"""The documents Home Affairs' cases issue, besides the deemed-agreement notice, each as a kind the sweep
turns into a signed PDF and sends over the axis (`congvu.documents.issued_pdf`): the inspection's
decision and conclusion, the discipline and commendation decisions, the province report.

A kind says which records have issued the document, how its .docx is rendered (from the wording fixed
at issue, so the PDF made later says the same), who issued and signed it, and its "Nơi nhận" on the
axis: the congvu units its recipients' lines name (the inspected units, the unit of the official
disciplined or commended, Home Affairs to monitor, the Province committee a report is addressed to).
Lines for people or for filing ("Lưu: VT") have no place on the axis."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db import models

from congvu.documents import inspection_docs, report_docs, review_docs
from congvu.documents.letters import Letter
from congvu.org.models import Official, Unit, UnitKind
from congvu.oversight.models_commendation import Commendation
from congvu.oversight.models_inspections import Inspection
from congvu.oversight.models_reports import ProvinceReport
from congvu.oversight.models_reviews import AccountabilityReview
from congvu.oversight.record import record_events_of


@dataclass(frozen=True)
class IssuedKind:
    slug: str  # SignedDocument.kind
    model: type[models.Model]
    issued: models.Q  # the records of `model` that have issued this document
    letter: Callable[[Any], Letter]
    docx: Callable[[Any], bytes]
    docx_name: Callable[[Any], str]  # the .docx's name; the PDF takes its stem
    issuer: Callable[[Any], tuple[Unit, Official | None]]  # the issuing unit, and who issued it
    recipients: Callable[[Any], list[Unit]]


def committee() -> Unit | None:
    return Unit.objects.filter(kind=UnitKind.PROVINCE_COMMITTEE, valid_to__isnull=True).order_by("code").first()


def home_affairs() -> Unit | None:
    return Unit.objects.filter(is_home_affairs=True, valid_to__isnull=True).order_by("code").first()


def distinct_except(issuer: Unit, units: Iterable[Unit | None]) -> list[Unit]:
    """Each unit once, in the order given, without the issuer itself and the ones not registered."""
    seen, found = {issuer.pk}, []
    for unit in units:
        if unit is not None and unit.pk not in seen:
            seen.add(unit.pk)
            found.append(unit)
    return found


def issued_by_event(kind: str) -> Callable[[Inspection], tuple[Unit, Official | None]]:
    """Who issued an inspection's document: the unit and actor of the record event that issued it."""
    def issuer(inspection: Inspection) -> tuple[Unit, Official | None]:
        event = record_events_of(inspection).filter(kind=kind).first()
        return event.unit, event.actor
    return issuer


def inspection_kind(slug: str, kind: str, number_field: str, event: str) -> IssuedKind:
    def recipients(inspection: Inspection) -> list[Unit]:
        issuer = issued_by_event(event)(inspection)[0]
        return distinct_except(issuer, [*inspection.units.order_by("code"), committee()])
    return IssuedKind(
        slug=slug, model=Inspection, issued=models.Q(**{f"{number_field}__isnull": False}),
        letter=lambda i: inspection_docs.letter(i, kind), docx=lambda i: inspection_docs.render(i, kind)[1],
        docx_name=lambda i: inspection_docs.file_name(i, kind), issuer=issued_by_event(event), recipients=recipients)


def decision_kind(slug: str, model: type[models.Model]) -> IssuedKind:
    """A discipline or commendation decision: to the unit concerned, and Home Affairs to monitor."""
    return IssuedKind(
        slug=slug, model=model, issued=models.Q(decision_number__isnull=False, deciding_unit__isnull=False),
        letter=lambda d: review_docs.letter_from(d.decision_content), docx=review_docs.decision_docx,
        docx_name=review_docs.file_name, issuer=lambda d: (d.deciding_unit, d.decided_by),
        recipients=lambda d: distinct_except(d.deciding_unit, [d.unit, home_affairs()]))


def report_docx(report: ProvinceReport) -> bytes:
    with report_docs.files_of(report).docx.open("rb") as stored:
        return stored.read()


PROVINCE_REPORT = IssuedKind(
    slug="province-report", model=ProvinceReport, issued=models.Q(), letter=lambda r: report_docs.letter_of(r.content),
    docx=report_docx, docx_name=lambda r: f"{report_docs.file_stem(r)}.docx",
    issuer=lambda r: (r.unit, r.compiled_by), recipients=lambda r: distinct_except(r.unit, [committee()]))

KINDS: dict[str, IssuedKind] = {kind.slug: kind for kind in (
    inspection_kind("inspection-decision", "quyet-dinh", "decision_number", "inspection_opened"),
    inspection_kind("inspection-conclusion", "ket-luan", "conclusion_number", "inspection_concluded"),
    decision_kind("discipline-decision", AccountabilityReview),
    decision_kind("commendation-decision", Commendation),
    PROVINCE_REPORT,
)}
