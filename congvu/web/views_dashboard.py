"""The Home Affairs dashboard (/tong-hop/) by period, with its charts, and the pages its numbers open:
the items behind a figure of the period, the signals of pushing work around (every unit and
official; a unit head sees their own unit's), the evidence of one signal, and the refusals and
overrides of the period. Each table on the dashboard shows its top 10; "Xem tất cả" opens the rest."""

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from congvu.consult.models import ConsultationRequest, Responsibility
from congvu.documents.xes import may_export
from congvu.lib.ids import parse_id
from congvu.lib.replica import replica_reads
from congvu.org.models import Official, Unit
from congvu.oversight.period_figures import BUCKETS, figures_and_trend, items_in
from congvu.oversight.queries import first_rows, overdue_items, overrides_to_review
from congvu.oversight.signals import BY_SLUG, SIGNALS, evidence, signals_of, totals, weights
from congvu.web.dashboard_data import TOP, UNIT_PARAM, Scope, chart_data, led_unit_ids, scope_of, trend_period
from congvu.web.list_filters import province_totals
from congvu.web.pages import denied, official_required
from congvu.web.roles import sees_overview
from congvu.web.timeline import working_days_overdue
from congvu.web.views_lists import export_items, page_number, paginate
from congvu.web.views_oversight import delay_cause_rows, notice_id, notice_label
from congvu.work.models import REFUSED_OR_OVERRIDDEN, Event, Step, WorkItem

EVIDENCE_PAGE = 50


def only_overseers(request: HttpRequest) -> HttpResponse:
    return denied(request, _("Only Home Affairs and the Province office see the figures of every unit."))


def figure_cells(f, scope) -> list[tuple[str, int, str]]:
    numbers = (f.assigned, f.completed_on_time, f.completed_after_extension, f.completed_late,
               f.open_within_deadline, f.open_overdue)
    columns = ("assigned", "on_time", "extended", "late", "within", "overdue")
    unit = {UNIT_PARAM: f.unit_id} if f.unit_id else {}
    return [(b, n, f"/tong-hop/danh-sach/?{scope.query(bucket=b, **unit)}") for b, n in zip(columns, numbers,
                                                                                          strict=True)]


def period_refusals(scope):
    # (the partial index over refusals and overrides by moment is read with its very condition)
    events = Event.objects.filter(REFUSED_OR_OVERRIDDEN, at__gte=scope.period.start_at, at__lt=scope.period.end_at)
    if scope.units is not None:
        events = events.filter(unit__in=scope.units)
    return events.select_related("item", "actor", "unit").order_by("-at", "-id")


@official_required
@replica_reads()
def dashboard(request: HttpRequest) -> HttpResponse:
    if not sees_overview(request.official):
        return only_overseers(request)
    scope = scope_of(request)
    # The figures and the trend's twelve months in one pass over the items (see figures_and_trend).
    figures, trend = figures_and_trend(scope.period, trend_period(scope.period), scope.units)
    unit_rows, official_rows = signals_of(scope.period, scope.units)
    every = request.GET.get("tat-ca") == "so-lieu"  # "Xem tất cả": every unit's figures
    biggest = sorted(figures, key=lambda f: (-f.assigned, f.unit_name))
    shown = sorted(biggest if every else biggest[:TOP], key=lambda f: f.unit_name)
    delay_officials = [r for r in official_rows if r.counts.get("step_delay")]
    delay_officials.sort(key=lambda r: (-r.counts["step_delay"], r.official_name))
    delay_units = sorted((r for r in unit_rows if r.counts.get("step_delay")), key=lambda r: -r.counts["step_delay"])
    overdue = overdue_items() if scope.units is None else overdue_items().filter(lead_unit__in=scope.units)
    deemed = evidence("deemed", scope.period, scope.unit.pk if scope.unit else None)
    refusals = period_refusals(scope)
    total = province_totals(figures)
    return render(request, "web/dashboard.html", {
        "scope": scope, "query": scope.query(), "units": unit_choices(),
        "rows": [{"figures": f, "cells": figure_cells(f, scope)} for f in shown], "all_figures": len(figures),
        "total": {"figures": total, "cells": figure_cells(total, scope)},
        "held_rows": [f for f in figures if f.passed_on or f.extensions_self or f.extensions_above][:TOP],
        "period": (scope.period.start, scope.period.end),
        "delay_officials": delay_officials[:TOP], "delay_units": delay_units[:TOP],
        "delay_causes": delay_cause_rows(scope.units, scope.period),
        "signal_units": unit_rows[:TOP], "signal_officials": official_rows[:TOP], "signals": SIGNALS,
        "unit_count": len(unit_rows), "official_count": len(official_rows),
        "weights": weights_shown(), "exports_trail": may_export(request.official),
        "overdue": [(i, working_days_overdue(i.legal_due_date)) for i in first_rows(overdue, TOP)],
        "overdue_count": overdue.count(),
        "deemed": deemed_rows(deemed[:TOP]), "deemed_count": len(deemed),
        "refusals": first_rows(refusals, TOP), "refusals_count": refusals.count(),
        "authority_waiting": overrides_to_review().count(), "shown": TOP,
        "charts": chart_data(figures, trend, unit_rows), "chart_words": chart_words(),
        "total_cells": [(s, totals(unit_rows).get(s.code, 0)) for s in SIGNALS], **period_links(scope),
    })


def period_links(scope) -> dict:
    previous = Scope(scope.period.previous(), None, scope.unit, scope.units)
    return {"previous_query": previous.query(), "quarter_number": (scope.period.start.month - 1) // 3 + 1}


def chart_words() -> dict[str, str]:
    """The charts' legends, in the reader's language (charts.js has no words of its own)."""
    return {"onTimeRate": _("On time (%)"), "assigned": _("Registered"), "onTime": _("Completed on time"),
            "overdue": _("Not completed, overdue"), "index": _("Avoidance index")}


def weights_shown() -> list:
    weighting = weights()
    return [(s, weighting[s.code]) for s in SIGNALS]


def unit_choices(official=None):
    """The unit filter's options: every unit for an overseer, the units a head leads otherwise."""
    units = Unit.objects.order_by("name")
    if official is not None and not sees_overview(official):
        units = units.filter(pk__in=led_unit_ids(official))
    return units.values_list("pk", "name")


def deemed_rows(charges) -> list:
    by_id = Responsibility.objects.select_related("unit", "head", "request__item", "request__notice").in_bulk(
        [c.pk for c in charges])
    return [(r, notice_label(r), notice_id(r)) for r in (by_id[c.pk] for c in charges)]


@official_required
@replica_reads()
def period_items(request: HttpRequest) -> HttpResponse:
    """The items behind one number of the period's figures."""
    if not sees_overview(request.official):
        return only_overseers(request)
    scope = scope_of(request)
    bucket = request.GET.get("bucket", "assigned")
    if bucket not in BUCKETS:
        raise Http404
    items = items_in(scope.period, bucket, scope.unit.pk if scope.unit else None)
    if request.GET.get("format") == "xlsx":
        return export_items(items)
    return render(request, "web/dashboard_items.html", {
        "scope": scope, "bucket": bucket, "page": paginate(items, page_number(request.GET.get("page"))),
        "query": scope.query(bucket=bucket),
    })


@official_required
@replica_reads()
def signals_page(request: HttpRequest) -> HttpResponse:
    """Every unit's and official's signals for the period; a unit head sees their own unit's."""
    scope = scope_of(request)
    if scope is None:
        return denied(request, _("Only Home Affairs, the Province office and a unit's head see the signals."))
    unit_rows, official_rows = signals_of(scope.period, scope.units)
    return render(request, "web/dashboard_signals.html", {
        "scope": scope, "query": scope.query(), "signals": SIGNALS, "signal_units": unit_rows,
        "signal_officials": official_rows, "units": unit_choices(request.official),
        "total_cells": [(s, totals(unit_rows).get(s.code, 0)) for s in SIGNALS], **period_links(scope),
        "weights": weights_shown(), "overseer": sees_overview(request.official),
    })


@official_required
@replica_reads()
def signal_evidence(request: HttpRequest, slug: str) -> HttpResponse:
    """The records behind one signal's number: of the province, a unit (?don-vi=) or an official (?can-bo=)."""
    signal = BY_SLUG.get(slug)
    if signal is None:
        raise Http404
    scope = scope_of(request)
    if scope is None:
        return denied(request, _("Only Home Affairs, the Province office and a unit's head see the signals."))
    official_id = parse_id(request.GET.get("can-bo", ""))
    found = evidence(signal.code, scope.period, None, official_id)
    if scope.units is not None:
        allowed = set(scope.units.values_list("pk", flat=True))
        found = [c for c in found if c.unit_id in allowed]
    page = Paginator(found, EVIDENCE_PAGE).get_page(request.GET.get("page"))
    return render(request, "web/dashboard_evidence.html", {
        "scope": scope, "signal": signal, "page": page, "rows": evidence_rows(page.object_list),
        "number": sum(c.amount for c in found), "count": len(found),
        "query": scope.query(**({"can-bo": official_id} if official_id else {})),
    })


def evidence_rows(charges) -> list[dict]:
    """One row per record: when, the item, the unit, the official charged, what happened."""
    ids = {m: [c.pk for c in charges if c.model == m] for m in ("event", "step", "responsibility", "request", "item")}
    events = Event.objects.select_related("item").in_bulk(ids["event"])
    steps = Step.objects.select_related("item").in_bulk(ids["step"])
    owed = Responsibility.objects.select_related("request__item").in_bulk(ids["responsibility"])
    requests = ConsultationRequest.objects.select_related("item").in_bulk(ids["request"])
    items = WorkItem.objects.in_bulk(ids["item"])
    units = dict(Unit.objects.filter(pk__in={c.unit_id for c in charges}).values_list("pk", "name"))
    people = dict(Official.objects.filter(pk__in={c.official_id for c in charges}).values_list("pk", "full_name"))
    by_model = {"event": events, "step": steps, "responsibility": owed, "request": requests, "item": items}
    rows = []
    for c in charges:
        record = by_model[c.model][c.pk]
        item = getattr(record, "item", None) or getattr(getattr(record, "request", None), "item", None) or record
        rows.append({"at": c.at, "item": item, "unit": units.get(c.unit_id, ""), "amount": c.amount,
                     "official": people.get(c.official_id, ""), "what": describe(c.model, record)})
    return rows


def describe(model: str, record) -> str:
    if model == "event":
        reason = record.data.get("reason") or record.data.get("message") or record.data.get("explanation") or ""
        return " · ".join(x for x in (record.get_kind_display(), record.get_outcome_display(), record.rule_code,
                                      reason) if x)
    if model == "step":
        return f"{record.get_kind_display()} · {_('step deadline')} {record.due_at:%d/%m/%Y}"
    if model == "responsibility":
        return record.rule_code
    if model == "request":
        return f"{record.get_send_back_grounds_display()} · {record.send_back_reason}"
    return record.get_state_display()


@official_required
@replica_reads()
def period_refusals_page(request: HttpRequest) -> HttpResponse:
    if not sees_overview(request.official):
        return only_overseers(request)
    scope = scope_of(request)
    page = Paginator(period_refusals(scope), EVIDENCE_PAGE).get_page(request.GET.get("page"))
    return render(request, "web/dashboard_refusals.html", {"scope": scope, "page": page, "query": scope.query()})
