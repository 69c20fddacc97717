from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from congvu.api.actions import revoke_token
from congvu.api.models import ApiToken


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Read-only: a token is issued with `congvu apitoken <username>` (shown once) and can only be revoked."""

    list_display = ["prefix", "name", "official", "created_at", "last_used_at", "revoked_at"]
    list_filter = [("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["name", "prefix", "official__full_name", "official__user__username"]
    readonly_fields = ["official", "name", "prefix", "created_at", "last_used_at", "revoked_at"]
    exclude = ["key_hash"]
    actions = ["revoke"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: ApiToken | None = None) -> bool:
        # Asked without an object for the changelist's actions (revoke); a token itself is never edited.
        return obj is None and super().has_change_permission(request)

    def has_delete_permission(self, request: HttpRequest, obj: ApiToken | None = None) -> bool:
        return False  # a revoked token stays on record: who could act as whom, and until when

    @admin.action(description="Thu hồi các token đã chọn", permissions=["change"])
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
        live = list(queryset.filter(revoked_at__isnull=True).values_list("pk", flat=True))
        for pk in live:
            revoke_token(pk)
        self.message_user(request, f"Đã thu hồi {len(live)} token.", messages.SUCCESS)
