"""The published figures (`/cong-khai/`): no sign-in, Vietnamese, units only. The register of the
province's directives (number, date, issuer, file), each unit's figures for the last closed month,
quarter or year (`?ky=thang|quy|nam`) with charts and a ranking, and the same data as CSV and JSON.

The figures come from `congvu.oversight.public_figures.published`, cached per period; the page itself
is small and may be kept by browsers and proxies for a few minutes (it names no one)."""

import csv
import io

from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_GET

from congvu.lib.clock import today
from congvu.lib.text import csv_cell
from congvu.oversight.models_directives import Directive
from congvu.oversight.periods import Period
from congvu.oversight.public_figures import KINDS, WEIGHTS, PublicFigures, last_closed, published
from congvu.web.views_public import in_vietnamese

PUBLIC_MAX_AGE = 300
COLUMNS = (("rank", "Xếp hạng"), ("unit_name", "Cơ quan, đơn vị"), ("received", "Tiếp nhận"),
           ("on_time", "Giải quyết đúng hạn"), ("late", "Giải quyết quá hạn"),
           ("within", "Chưa giải quyết, còn hạn"), ("overdue", "Quá hạn chưa giải quyết"),
           ("deemed", "Coi như đồng ý (không trả lời xin ý kiến)"), ("consultations_due", "Lượt xin ý kiến đến hạn"),
           ("index", "Chỉ số (100 điểm)"))
FORMULA = (f"Chỉ số = {WEIGHTS['on_time']} × tỷ lệ giải quyết đúng hạn + {WEIGHTS['not_overdue']} × (1 − tỷ lệ "
           f"quá hạn chưa giải quyết trên số tiếp nhận) + {WEIGHTS['replies']} × tỷ lệ trả lời xin ý kiến đúng hạn. "
           "Thành phần không có số liệu được tính đủ điểm.")


def period_asked(request: HttpRequest) -> tuple[str, Period]:
    slug = request.GET.get("ky", "thang")
    slug = slug if slug in KINDS else "thang"
    return slug, last_closed(KINDS[slug], today())


def public(response: HttpResponse) -> HttpResponse:
    patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
    return response


def chart_data(figures: list[PublicFigures]) -> dict:
    return {"units": [f.unit_name for f in figures], "on_time": [f.on_time for f in figures],
            "late": [f.late for f in figures], "overdue": [f.overdue for f in figures],
            "deemed": [f.deemed for f in figures], "index": [f.index for f in figures]}


@in_vietnamese
@require_GET
def figures_page(request: HttpRequest) -> HttpResponse:
    slug, period = period_asked(request)
    figures = published(period)
    return public(render(request, "web/public/figures.html", {
        "period": period, "slug": slug, "kinds": (("thang", "Tháng"), ("quy", "Quý"), ("nam", "Năm")),
        "figures": figures, "chart": chart_data(figures), "formula": FORMULA, "weights": WEIGHTS,
        "directives": Directive.objects.only("pk", "notation", "title", "issuer", "issued_on", "file"),
    }))


def rows(figures: list[PublicFigures]) -> list[dict]:
    return [{key: getattr(f, key) for key, _label in COLUMNS} | {"unit_id": f.unit_id} for f in figures]


@require_GET
def figures_json(request: HttpRequest) -> HttpResponse:
    slug, period = period_asked(request)
    body = {"period": {"kind": slug, "label": period.label_vi, "from": period.start.isoformat(),
                       "to": period.end.isoformat()},
            "formula": FORMULA, "units": rows(published(period))}
    return public(JsonResponse(body, json_dumps_params={"ensure_ascii": False}))


@require_GET
def figures_csv(request: HttpRequest) -> HttpResponse:
    slug, period = period_asked(request)
    out = io.StringIO()
    out.write("\ufeff")  # so a spreadsheet opens the Vietnamese as UTF-8
    writer = csv.writer(out)
    writer.writerow(["Kỳ", *(label for _key, label in COLUMNS)])
    for row in rows(published(period)):
        # A unit's name is typed by an administrator: never a live formula in the citizen's spreadsheet.
        writer.writerow([csv_cell(value) for value in (period.label_vi, *(row[key] for key, _label in COLUMNS))])
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (f'attachment; filename="so-lieu-cong-khai-{slug}-'
                                       f'{period.start:%Y%m%d}-{period.end:%Y%m%d}.csv"')
    return response


@require_GET
def directive_file(request: HttpRequest, directive_id: int) -> HttpResponse:
    """The published file of a directive in the register (what the register shows, nothing more)."""
    directive = get_object_or_404(Directive, pk=directive_id)
    if not directive.file:
        raise Http404
    return FileResponse(directive.file.open("rb"), as_attachment=True,
                        filename=directive.file.name.rsplit("/", 1)[-1])
