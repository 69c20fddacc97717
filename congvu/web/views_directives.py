"""The directives' pages (clause 1.1): the register (Home Affairs keeps it; every official sees what
was sent to them), one directive with its acknowledge button, whom it was sent to, and — for Home
Affairs — completion per unit, for a unit's head who in the unit has not acknowledged it."""

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from congvu.lib.refusals import ActionRefused
from congvu.org.models import Official
from congvu.oversight import access, directives
from congvu.oversight.models_directives import Directive
from congvu.oversight.models_public import ReportState
from congvu.web.forms_directives import DirectiveForm, SendForm
from congvu.web.pages import official_required, refusal_denied, refused, visible_or_404


def home_context(official: Official) -> dict:
    """For the home page: the directives the official still has to acknowledge, and the public's
    reports their units must handle (Home Affairs has the link to its whole queue)."""
    keeper = access.keeps_register(official)
    to_handle = 0 if keeper else access.visible_public_reports(official).filter(state=ReportState.ASSIGNED).count()
    return {"directives_pending": directives.pending_for(official), "keeps_directives": keeper,
            "public_reports_to_handle": to_handle}


@official_required
def directive_list(request: HttpRequest) -> HttpResponse:
    official = request.official
    keeper = access.keeps_register(official)
    mine = list(directives.my_directives(official))
    return render(request, "web/directives/list.html", {
        "keeper": keeper, "mine": mine,
        "register": list(Directive.objects.all()) if keeper else [],
    })


@official_required
def directive_new(request: HttpRequest) -> HttpResponse:
    official = request.official
    if not access.keeps_register(official):
        return refusal_denied(request, directives.keeper_refusal())
    form = DirectiveForm(request.POST or None, request.FILES or None)
    refusal = None
    if request.method == "POST" and form.is_valid():
        try:
            directive = directives.register_directive(actor=official, **form.cleaned_data)
        except ActionRefused as refused:
            refusal = refused
        else:
            return redirect("directive", directive.pk)
    return render(request, "web/directives/new.html", {"form": form, "refusal": refusal},
                  status=400 if request.method == "POST" else 200)


def visible_directive(request: HttpRequest, directive_id: int) -> Directive:
    return visible_or_404(request, Directive, directive_id, access.may_see_directive)


@official_required
def directive_detail(request: HttpRequest, directive_id: int) -> HttpResponse:
    return render_detail(request, visible_directive(request, directive_id))


def render_detail(request: HttpRequest, directive: Directive, *, send_form: SendForm | None = None,
                  refusal: ActionRefused | None = None, status: int = 200) -> HttpResponse:
    official = request.official
    keeper = access.keeps_register(official)
    received = directive.recipients.filter(official=official).first()
    mine = directive.acknowledgements.filter(official=official).first()
    led = access.led_units_reached(official, directive)
    context = {
        "directive": directive, "keeper": keeper, "received": received, "acknowledgement": mine,
        "refusal": refusal,
        "completion": directives.completion_per_unit(directive) if keeper else
        directives.completion_per_unit(directive, led) if led else [],
        "missing": list(directives.not_acknowledged(directive, led)) if led and not keeper else [],
        "send_form": (send_form or SendForm()) if keeper else None,
        "sent": directive.recipients.count(), "acknowledged": directive.acknowledgements.count(),
    }
    return render(request, "web/directives/detail.html", context, status=status)


@official_required
@require_POST
def directive_send(request: HttpRequest, directive_id: int) -> HttpResponse:
    directive = visible_directive(request, directive_id)
    if not access.keeps_register(request.official):
        return refusal_denied(request, directives.keeper_refusal())
    form = SendForm(request.POST)
    if not form.is_valid():
        return render_detail(request, directive, send_form=form, status=400)
    units = None if form.cleaned_data["everyone"] else list(form.cleaned_data["units"])
    try:
        directives.send_directive(directive, actor=request.official, units=units)
    except ActionRefused as refused:
        return render_detail(request, directive, send_form=form, refusal=refused, status=409)
    return redirect("directive", directive.pk)


@official_required
@require_POST
def directive_acknowledge(request: HttpRequest, directive_id: int) -> HttpResponse:
    directive = visible_directive(request, directive_id)
    return refused(request, lambda: directives.acknowledge(directive, actor=request.official),
                   lambda refusal: render_detail(request, directive, refusal=refusal, status=409)
                   ) or redirect(request.POST.get("next") == "home" and reverse("home")
                                 or reverse("directive", args=[directive.pk]))


@official_required
def directive_file(request: HttpRequest, directive_id: int) -> HttpResponse:
    directive = visible_directive(request, directive_id)
    if not directive.file:
        raise Http404
    return FileResponse(directive.file.open("rb"), as_attachment=True,
                        filename=directive.file.name.rsplit("/", 1)[-1])
