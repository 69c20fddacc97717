from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from congvu.api.actions import deactivate_account
from congvu.org.admin_passwords import send_password_reset_links
from congvu.org.models import Official, Position, Unit


class PositionInline(admin.TabularInline):
    model = Position
    extra = 0
    autocomplete_fields = ["unit"]


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["name", "abbrev", "kind", "parent", "valid_from", "valid_to", "successor"]
    list_filter = ["kind"]
    search_fields = ["name", "abbrev", "code"]
    autocomplete_fields = ["parent", "successor"]


# Deactivating an account. It goes through congvu.api.actions.deactivate_account, which also revokes
# the official's API tokens for good: the admin is the top layer and may call into any app, while
# org itself knows nothing of tokens. Both ways an administrator can lock someone out lead there:
# the action on the officials' list, and unticking "active" on the user's own page.


@admin.action(description=_("Lock the accounts and revoke their API tokens"), permissions=["change"])
def deactivate_officials(modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet[Official]) -> None:
    for official in queryset.select_related("user"):
        revoked = deactivate_account(official.user, actor=request.user)
        modeladmin.log_change(request, official, f"Khóa tài khoản, thu hồi {revoked} token API")
    modeladmin.message_user(request, _("%(n)s account(s) locked and their API tokens revoked.")
                            % {"n": queryset.count()}, messages.SUCCESS)


class DeactivatingUserAdmin(UserAdmin):
    """Django's user admin, where unticking "active" also revokes the official's API tokens."""

    def save_model(self, request: HttpRequest, obj, form, change: bool) -> None:
        super().save_model(request, obj, form, change)
        if change and "is_active" in form.changed_data and not obj.is_active:
            deactivate_account(obj, actor=request.user)


admin.site.unregister(get_user_model())
admin.site.register(get_user_model(), DeactivatingUserAdmin)


@admin.register(Official)
class OfficialAdmin(admin.ModelAdmin):
    list_display = ["full_name", "email", "role", "category", "holds_leadership_post"]
    list_filter = ["role", "category", "holds_leadership_post"]
    search_fields = ["full_name", "email", "user__username"]
    inlines = [PositionInline]
    raw_id_fields = ["user"]
    actions = [send_password_reset_links, deactivate_officials]


@admin.register(Position)
class PositionAdmin(admin.ModelAdmin):
    list_display = ["official", "title", "unit", "valid_from", "valid_to"]
    list_filter = ["title", "unit__kind"]
    search_fields = ["official__full_name", "unit__name"]
    autocomplete_fields = ["official", "unit"]
