"""Reports from the public (clause 1.7). Two pages with no sign-in, always in Vietnamese: the form
(`/cong-khai/phan-anh/`) and the lookup by tracking code (`/cong-khai/phan-anh/tra-cuu/`). Two pages
for officials: Home Affairs' queue and a report's page, where Home Affairs assigns and closes it and
the unit's leaders answer it. Only Home Affairs sees who reported and how to reach them.

A form that is refused comes back with everything typed in it (a file must be chosen again: browsers
never refill a file field), a clear message, and a new sum to work out."""

from functools import wraps

from django.forms.utils import ErrorDict
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.views.decorators.http import require_http_methods

from congvu.lib.refusals import ActionRefused
from congvu.oversight import access, public_reports
from congvu.oversight.models_public import PublicReport, ReportState
from congvu.oversight.models_reviews import AccountabilityReview
from congvu.web.forms_public import AnswerForm, AssignForm, CloseForm, LookupForm, ReportForm
from congvu.web.pages import denied, official_required, refused
from congvu.web.public_limits import FILING, LOOKUP, new_challenge
from congvu.web.throttle import TOO_MANY_REQUESTS

TOO_MANY = "Địa chỉ mạng này đã gửi quá nhiều yêu cầu trong một giờ. Xin thử lại sau ít phút."


def in_vietnamese(view):
    """The public pages answer in Vietnamese whatever language the browser asks for."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        with translation.override("vi"):
            request.LANGUAGE_CODE = "vi"
            response = view(request, *args, **kwargs)
            if hasattr(response, "render"):
                response.render()
        response["Content-Language"] = "vi"
        return response

    return wrapper


def form_page(request: HttpRequest, form: ReportForm, *, message: str = "", status: int = 200) -> HttpResponse:
    """The form, new or as it was posted (every typed value kept), with a new sum to work out."""
    challenge = new_challenge()
    if form.is_bound:
        if form._errors is None:  # refused before it was validated (the rate limit): no field is wrong
            form._errors = ErrorDict()
        form.data = form.data.copy()
        form.data["challenge"], form.data["answer"] = challenge.token, ""
    else:
        form = ReportForm(initial={"challenge": challenge.token})
    return render(request, "web/public/report_form.html",
                  {"form": form, "question": challenge.question, "message": message}, status=status)


@in_vietnamese
@require_http_methods(["GET", "POST"])
def report_form(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return form_page(request, ReportForm())
    form = ReportForm(request.POST, request.FILES)
    if FILING.exceeded(request):
        return form_page(request, form, message=TOO_MANY, status=TOO_MANY_REQUESTS)
    FILING.count(request)  # every attempt counts, so a robot cannot retry the sum for free
    if not form.is_valid():
        return refused_form(request, form)
    try:
        report = public_reports.file_report(**form.report_fields())
    except ActionRefused as refused:
        return form_page(request, form, message=refused.message_vi, status=400)
    return render(request, "web/public/report_filed.html", {"report": report}, status=201)


def refused_form(request: HttpRequest, form: ReportForm) -> HttpResponse:
    """The form with its errors beside the fields, the typed text kept, and a new sum."""
    message = "Phản ánh chưa được gửi: hãy sửa các ô được đánh dấu bên dưới. Nội dung đã nhập vẫn được giữ."
    if request.FILES:
        message += " Tệp đính kèm cần được chọn lại."
    return form_page(request, form, message=message, status=400)


@in_vietnamese
def report_lookup(request: HttpRequest) -> HttpResponse:
    form = LookupForm(request.GET if "ma" in request.GET else None)
    report, status, message = None, 200, ""
    if form.is_bound and form.is_valid():
        if LOOKUP.exceeded(request):
            return render(request, "web/public/report_lookup.html", {"form": form, "message": TOO_MANY},
                          status=TOO_MANY_REQUESTS)
        LOOKUP.count(request)
        report = public_reports.find_by_code(form.cleaned_data["ma"])
        if report is None:
            status, message = 404, "Không tìm thấy phản ánh với mã này. Hãy kiểm tra lại mã tra cứu (10 ký tự)."
    return render(request, "web/public/report_lookup.html",
                  {"form": form, "report": report, "message": message, "steps": public_steps(report),
                   "state_text": PUBLIC_STATE.get(report.state, "") if report else "",
                   "closed": bool(report and report.state == ReportState.CLOSED)},
                  status=status)


# What the reporter reads of each state (the staff's labels speak to Home Affairs, not to them).
PUBLIC_STATE = {
    ReportState.RECEIVED: "Đã tiếp nhận, chờ Sở Nội vụ xem xét",
    ReportState.ASSIGNED: "Đang được đơn vị có liên quan xử lý",
    ReportState.ANSWERED: "Đơn vị đã báo cáo kết quả, Sở Nội vụ đang xem xét",
    ReportState.CLOSED: "Đã xử lý xong",
}
PUBLIC_STEP = {
    ReportState.RECEIVED: "tiếp nhận", ReportState.ASSIGNED: "chuyển đơn vị xử lý",
    ReportState.ANSWERED: "đơn vị báo cáo kết quả", ReportState.CLOSED: "kết thúc, trả lời",
}


def public_steps(report: PublicReport | None) -> list[tuple]:
    """What the reporter may read of the trail: when each stage was reached, no names, no notes."""
    return [(at, PUBLIC_STEP[state]) for state, at in report.steps.values_list("state", "at")] if report else []


# Officials' pages ------------------------------------------------------------------------------------


@official_required
def report_queue(request: HttpRequest) -> HttpResponse:
    official = request.official
    reports = access.visible_public_reports(official).select_related("unit", "assigned_unit")
    keeper = public_reports.sees_contact(official)
    if not keeper and not reports.exists():
        return denied(request, "Chỉ Sở Nội vụ và đơn vị được giao xử lý mới xem phản ánh của người dân.")
    by_state = [(state, label, [r for r in reports if r.state == state]) for state, label in ReportState.choices]
    return render(request, "web/public/queue.html", {"by_state": by_state, "keeper": keeper})


def visible_report(request: HttpRequest, report_id: int) -> PublicReport:
    return get_object_or_404(access.visible_public_reports(request.official), pk=report_id)


@official_required
@require_http_methods(["GET", "POST"])
def report_detail(request: HttpRequest, report_id: int) -> HttpResponse:
    report = visible_report(request, report_id)
    if request.GET.get("tep") == "1" and report.attachment:
        return FileResponse(report.attachment.open("rb"), as_attachment=True,
                            filename=report.attachment.name.rsplit("/", 1)[-1])
    forms_ = detail_forms(request, report)
    if request.method == "POST":
        step = request.POST.get("step", "")
        form = forms_.get(step)
        if form is None:
            raise Http404
        if form.is_valid():
            return refused(request, lambda: ACTIONS[step](report, actor=request.official, **form.cleaned_data),
                           lambda refusal: render_detail(request, report, forms_, refusal=refusal, status=409)
                           ) or redirect("public_report_detail", report.pk)
        return render_detail(request, report, forms_, status=400)
    return render_detail(request, report, forms_)


ACTIONS = {"assign": public_reports.assign_report, "answer": public_reports.answer_report,
           "close": public_reports.close_report}


def detail_forms(request: HttpRequest, report: PublicReport) -> dict:
    """The forms this official may use on this report now, bound to what they posted."""
    official, posted = request.official, request.POST if request.method == "POST" else None
    step = request.POST.get("step") if posted else None
    forms_ = {}
    keeper = public_reports.sees_contact(official)
    if keeper and report.state == ReportState.RECEIVED:
        forms_["assign"] = AssignForm(posted if step == "assign" else None,
                                      initial={"days": public_reports.handling_days(), "unit": report.unit_id})
    if report.state == ReportState.ASSIGNED and public_reports.may_answer(official, report):
        forms_["answer"] = AnswerForm(posted if step == "answer" else None)
    if keeper and report.state != ReportState.CLOSED:
        forms_["close"] = CloseForm(posted if step == "close" else None, initial={"public_answer": report.unit_answer})
    return forms_


def render_detail(request: HttpRequest, report: PublicReport, forms_: dict, *, refusal=None,
                  status: int = 200) -> HttpResponse:
    return render(request, "web/public/detail.html", {
        "report": report, "forms": forms_, "refusal": refusal,
        "sees_contact": public_reports.sees_contact(request.official),
        "steps": report.steps.select_related("actor"),
        "follow_up": follow_up(request, report),
    }, status=status)


def follow_up(request: HttpRequest, report: PublicReport) -> dict | None:
    """Besides assigning it, Home Affairs may open an accountability review or plan an inspection
    from a report (clause 1.7 -> 1.6); the reviews already opened from it are listed."""
    if not public_reports.sees_contact(request.official):
        return None
    return {"unit": report.unit or report.assigned_unit,
            "reviews": AccountabilityReview.objects.filter(source_kind="public_report", source_id=report.pk)
            .order_by("pk")}
