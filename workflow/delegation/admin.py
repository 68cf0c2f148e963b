"""Delegations are read in the admin; they change through the site's services only."""

from django.contrib import admin

from workflow.admin_base import ReadOnlyAdmin

from .models import Delegation, TaskDelegation


@admin.register(Delegation)
class DelegationAdmin(ReadOnlyAdmin):
    list_display = ["delegator", "delegate", "start_date", "end_date", "revoked_at"]
    list_filter = ["start_date"]


@admin.register(TaskDelegation)
class TaskDelegationAdmin(ReadOnlyAdmin):
    list_display = ["task", "kind", "from_user", "to_user", "by_user", "created_at", "returned_at"]
    list_filter = ["kind"]
