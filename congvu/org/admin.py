from django.contrib import admin

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


@admin.register(Official)
class OfficialAdmin(admin.ModelAdmin):
    list_display = ["full_name", "email", "role"]
    list_filter = ["role"]
    search_fields = ["full_name", "email", "user__username"]
    inlines = [PositionInline]
    raw_id_fields = ["user"]
    actions = [send_password_reset_links]


@admin.register(Position)
class PositionAdmin(admin.ModelAdmin):
    list_display = ["official", "title", "unit", "valid_from", "valid_to"]
    list_filter = ["title", "unit__kind"]
    search_fields = ["official__full_name", "unit__name"]
    autocomplete_fields = ["official", "unit"]
