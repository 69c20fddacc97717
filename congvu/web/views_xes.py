"""The trail of a period or a unit as an XES event log (congvu.documents.xes), for Home Affairs'
analysts. `?from=dd/mm/yyyy&to=dd/mm/yyyy&unit=<id>`; the last 30 days when no period is given."""

from datetime import timedelta

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from congvu.documents.xes import MAX_DAYS, Selection, may_export, xes_response
from congvu.lib.clock import today
from congvu.lib.ids import parse_id
from congvu.lib.workdays import parse_vn_date
from congvu.org.models import Unit
from congvu.web.pages import denied, official_required


def selection_from(params) -> Selection | str:
    """The selection the query asks for, or what is wrong with it (in Vietnamese)."""
    try:
        until = parse_vn_date(params["to"]) if params.get("to") else today()
        since = parse_vn_date(params["from"]) if params.get("from") else until - timedelta(days=30)
    except ValueError:
        return "Ngày không hợp lệ (dd/mm/yyyy)."
    if since > until or (until - since).days > MAX_DAYS:
        return "Khoảng thời gian phải từ 1 ngày đến một năm."
    unit = None
    if params.get("unit"):
        unit_id = parse_id(params["unit"])
        unit = Unit.objects.filter(pk=unit_id).first() if unit_id else None
        if unit is None:
            return "Không có đơn vị này."
    return Selection(since, until, unit)


@official_required
def xes_export(request: HttpRequest) -> HttpResponse:
    if not may_export(request.official):
        return denied(request, _("Only Home Affairs exports the trail for process mining."))
    selection = selection_from(request.GET)
    if isinstance(selection, str):
        return HttpResponse(selection, status=400, content_type="text/plain; charset=utf-8")
    return xes_response(selection)
