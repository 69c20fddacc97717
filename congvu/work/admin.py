"""Work items and their trail are changed only through actions: the admin shows them read-only."""

from django.contrib import admin

from congvu.work.models import Event, IncomingDocument, Seal, WorkItem


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None) -> bool:  # noqa: ARG002
        return False

    def has_change_permission(self, request, obj=None) -> bool:  # noqa: ARG002
        return False

    def has_delete_permission(self, request, obj=None) -> bool:  # noqa: ARG002
        return False


@admin.register(IncomingDocument)
class IncomingDocumentAdmin(ReadOnlyAdmin):
    list_display = ["incoming_number", "year", "unit", "sender", "subject", "received_on"]
    list_filter = ["year", "unit"]
    search_fields = ["subject", "sender", "notation"]


@admin.register(WorkItem)
class WorkItemAdmin(ReadOnlyAdmin):
    list_display = ["id", "title", "lead_unit", "state", "due_date", "holder"]
    list_filter = ["state", "lead_unit"]
    search_fields = ["title"]


@admin.register(Event)
class EventAdmin(ReadOnlyAdmin):
    list_display = ["item", "seq", "kind", "outcome", "rule_code", "actor", "at"]
    list_filter = ["outcome", "kind", "rule_code"]


@admin.register(Seal)
class SealAdmin(ReadOnlyAdmin):
    list_display = ["id", "at", "last_event_id", "hash"]
