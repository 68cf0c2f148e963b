"""Administrators edit the calendar: the admin group gets its model permissions with the role.

``accounts`` gives the administrators' group the permissions of its own models only (it
imports nothing of ours); the engine adds the calendar's when someone is made administrator.
"""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.dispatch import receiver

from accounts.roles import ADMINISTRATORS_GROUP, Role
from accounts.signals import role_granted

CALENDAR_PERMS = [f"{action}_calendarday" for action in ("add", "change", "delete", "view")]


@receiver(role_granted, dispatch_uid="workflow.deadlines.calendar_administrators")
def let_administrators_edit_the_calendar(sender, assignment, **kwargs) -> None:
    if assignment.role != Role.ADMINISTRATOR:
        return
    group = Group.objects.filter(name=ADMINISTRATORS_GROUP).first()
    if group is None:
        return
    wanted = Permission.objects.filter(content_type__app_label="workflow", codename__in=CALENDAR_PERMS)
    missing = wanted.exclude(pk__in=group.permissions.values("pk"))
    if missing.exists():
        group.permissions.add(*missing)
