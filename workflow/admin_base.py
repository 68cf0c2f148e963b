"""What the engine's admin pages share."""

from simple_history.admin import SimpleHistoryAdmin


class NoWrites:
    """An admin that only reads: its rows change through services (with their permission checks and audit events),
    never through a form that could write around those. Mixed into ``ModelAdmin`` for rows without history (the
    outboxes of mail and webhooks), into ``SimpleHistoryAdmin`` by ``ReadOnlyAdmin``."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyAdmin(NoWrites, SimpleHistoryAdmin):
    """Rows that change only through services: the admin shows them and their history (``NoWrites``)."""
