"""A job is seen by the person who started it and nobody else (404 alike for missing and foreign)."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from accounts.models import User

from .models import Job


def jobs_for_user(user: User) -> QuerySet[Job]:
    if not user.is_authenticated or not user.is_active:
        return Job.objects.none()
    return Job.objects.filter(owner=user)


def get_job_for_user(user: User, pk: int) -> Job:
    job = jobs_for_user(user).filter(pk=pk).first()
    if job is None:
        raise Http404
    return job
