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
    list_display = ["matter_type", "to_unit", "kind", "valid_from", "valid_to", "legal_basis"]
    list_filter = ["kind"]
    autocomplete_fields = ["matter_type", "to_unit"]


@admin.register(RegulationParameter)
class RegulationParameterAdmin(admin.ModelAdmin):
    list_display = ["description", "value", "minimum", "maximum", "legal_basis"]


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin):
    list_display = ["day", "kind", "name", "source"]
    list_filter = ["kind"]
    date_hierarchy = "day"
    search_fields = ["name", "source"]
