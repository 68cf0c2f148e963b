"""Delegations are read in the admin; they change through the site's services only."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Delegation, TaskDelegation


class ReadOnlyAdmin(SimpleHistoryAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Delegation)
class DelegationAdmin(ReadOnlyAdmin):
    list_display = ["delegator", "delegate", "start_date", "end_date", "revoked_at"]
    list_filter = ["start_date"]


@admin.register(TaskDelegation)
class TaskDelegationAdmin(ReadOnlyAdmin):
    list_display = ["task", "kind", "from_user", "to_user", "by_user", "created_at", "returned_at"]
    list_filter = ["kind"]
