from django.contrib import admin

from congvu.registry.models import CalendarDay, Delegation, MatterType, RegulationParameter


@admin.register(MatterType)
class MatterTypeAdmin(admin.ModelAdmin):
    list_display = ["name", "field", "competent_unit", "competent_kind", "authority", "time_limit_days",
                    "extension_limit_days", "extension_approver"]
    list_filter = ["field", "authority"]
    search_fields = ["name", "code", "legal_basis"]
    filter_horizontal = ["related_units"]
    autocomplete_fields = ["competent_unit"]


@admin.register(Delegation)
class DelegationAdmin(admin.ModelAdmin):
    """Phân cấp and ủy quyền, validated by `Delegation.clean` (messages in the field concerned). The
    history is kept: a delegation is ended by its end date or superseded by a newer one, never deleted."""

    list_display = ["matter_type", "kind", "to_unit", "to_kind", "from_unit", "document_number", "valid_from",
                    "valid_to"]
    list_filter = ["kind", "matter_type"]
    search_fields = ["matter_type__name", "document_number", "legal_basis"]
    autocomplete_fields = ["matter_type", "to_unit", "from_unit"]
    fields = ["matter_type", "kind", "to_unit", "to_kind", "from_unit", "legal_basis", "document_number",
              "valid_from", "valid_to"]

    def has_delete_permission(self, request, obj=None) -> bool:  # noqa: ARG002
        return False


@admin.register(RegulationParameter)
class RegulationParameterAdmin(admin.ModelAdmin):
    list_display = ["description", "value", "minimum", "maximum", "legal_basis"]


# The site's front page warns of an unpublished year and of unconfirmed package holidays
# (congvu.registry.calendar_review); so does the calendar's own list (its change_list.html).
admin.site.index_template = "admin/registry/index.html"


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin):
    list_display = ["day", "kind", "name", "source", "verified"]
    list_filter = ["kind", "verified"]
    date_hierarchy = "day"
    search_fields = ["name", "source"]
