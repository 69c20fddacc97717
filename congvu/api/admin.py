from django.contrib import admin, messages
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from congvu.api.actions import revoke_token
from congvu.api.models import ApiToken
from congvu.lib import clock


class TokenState(admin.SimpleListFilter):
    """Live, expired or revoked: what an administrator asks first when an account or a system is in doubt."""

    title = _("status")
    parameter_name = "tinh_trang"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, str]]:
        return [("live", _("Live")), ("expired", _("Expired")), ("revoked", _("Revoked"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet[ApiToken]) -> QuerySet[ApiToken]:
        now = clock.now()
        conditions = {
            "live": Q(revoked_at__isnull=True, expires_at__gt=now),
            "expired": Q(revoked_at__isnull=True, expires_at__lte=now),
            "revoked": Q(revoked_at__isnull=False),
        }
        return queryset.filter(conditions[self.value()]) if self.value() in conditions else queryset


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Read-only: a token is issued with `congvu apitoken <username>` (shown once) and can only be revoked."""

    list_display = ["prefix", "name", "official", "state", "created_at", "issued_by", "expires_at", "last_used_at",
                    "revoked_at", "revoked_by"]
    list_filter = [TokenState]
    search_fields = ["name", "prefix", "official__full_name", "official__user__username"]
    readonly_fields = ["official", "name", "prefix", "created_at", "issued_by", "expires_at", "last_used_at",
                       "revoked_at", "revoked_by"]
    exclude = ["key_hash"]
    actions = ["revoke"]
    list_select_related = ["official"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: ApiToken | None = None) -> bool:
        # Asked without an object for the changelist's actions (revoke); a token itself is never edited.
        return obj is None and super().has_change_permission(request)

    def has_delete_permission(self, request: HttpRequest, obj: ApiToken | None = None) -> bool:
        return False  # a revoked token stays on record: who could act as whom, and until when

    @admin.display(description=_("status"))
    def state(self, token: ApiToken) -> str:
        if token.revoked_at is not None:
            return _("Revoked")
        return _("Live") if token.is_live_at(clock.now()) else _("Expired")

    @admin.action(description=_("Revoke the selected tokens"), permissions=["change"])
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
        live = list(queryset.filter(revoked_at__isnull=True))
        for token in live:
            revoke_token(token, actor=request.user)
            self.log_change(request, token, "Thu hồi token API")
        self.message_user(request, _("%(n)s token(s) revoked.") % {"n": len(live)}, messages.SUCCESS)
