"""Webhooks in the admin: the administrator subscribes an API client, changes or switches a subscription, replaces
its secret (each through the services, audited); the secret is shown once, on the page answering the creation or
the replacement (never kept in a message of the session). Deliveries are read-only with their state (waiting,
retrying with attempts, next try and last error, delivered, failed), and a failed one can be sent again.

A delivery's body holds ids only (``workflow.webhooks.outbox``): IT staff see which object an event was about, never
its content.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from accounts.roles import Role
from accounts.selectors import role_set
from workflow.admin_base import NoWrites, ReadOnlyAdmin

from . import services
from .events import event_choices
from .models import DeliveryStatus, WebhookDelivery, WebhookSubscription


def _is_administrator(request) -> bool:
    return Role.ADMINISTRATOR in role_set(request.user)


class SubscriptionForm(forms.ModelForm):
    url = forms.URLField(label=_("địa chỉ nhận (URL)"), max_length=500, assume_scheme="https")
    event_types = forms.MultipleChoiceField(label=_("sự kiện đăng ký nhận"), choices=event_choices,
                                            widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = WebhookSubscription
        fields = ["client", "url", "event_types", "is_active"]

    def clean(self):
        data = super().clean()
        if "url" in data and "event_types" in data:
            try:
                data["url"], data["event_types"] = services.subscription_fields_check(
                    url=data["url"], event_types=data["event_types"])
            except ValidationError as exc:
                for field, errors in exc.message_dict.items():
                    self.add_error(field, errors)
        return data


class AdministratorOnly:
    """The administrator of the system (the role, as the services ask), not a Django model permission."""

    def has_view_permission(self, request, obj=None):
        return _is_administrator(request)

    def has_module_permission(self, request):
        return _is_administrator(request)


@admin.register(WebhookSubscription)
class WebhookSubscriptionAdmin(AdministratorOnly, ReadOnlyAdmin):
    form = SubscriptionForm
    list_display = ["client", "url", "events", "is_active", "created_at"]
    list_filter = ["is_active"]
    list_select_related = ["client"]
    search_fields = ["client__name", "url"]
    actions = ["rotate_secret"]

    def has_add_permission(self, request):
        return _is_administrator(request)

    def has_change_permission(self, request, obj=None):
        return _is_administrator(request)

    def get_readonly_fields(self, request, obj=None):
        return ["client", "created_at"] if obj is not None else []

    @admin.display(description=_("sự kiện đăng ký nhận"))
    def events(self, obj: WebhookSubscription) -> str:
        return ", ".join(obj.event_types)

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        if change:
            services.webhook_subscription_update(actor=request.user, subscription=obj, url=data["url"],
                                                 event_types=data["event_types"], is_active=data["is_active"])
            return
        created, secret = services.webhook_subscription_create(
            actor=request.user, client=data["client"], url=data["url"], event_types=data["event_types"],
            is_active=data["is_active"])
        obj.pk, obj.created_at = created.pk, created.created_at
        request.webhook_secrets = [(created, secret)]

    def response_add(self, request, obj, post_url_continue=None):
        return self._secrets_page(request, getattr(request, "webhook_secrets", []))

    @admin.action(description=_("Cấp khóa bí mật mới (khóa cũ hết hiệu lực)"))
    def rotate_secret(self, request, queryset):
        shown = []
        try:
            for subscription in queryset.select_related("client"):
                shown.append((subscription, services.webhook_secret_rotate(actor=request.user,
                                                                           subscription=subscription)))
        except PermissionDenied as exc:
            self.message_user(request, str(exc), messages.ERROR)
            return None
        return self._secrets_page(request, shown)

    def _secrets_page(self, request, shown):
        context = {**self.admin_site.each_context(request), "shown": shown, "opts": self.model._meta,
                   "title": _("Khóa bí mật webhook")}
        response = TemplateResponse(request, "admin/workflow/webhooksubscription/secret.html", context)
        response.headers["Cache-Control"] = "no-store"
        return response


class DeliveryStatusFilter(admin.SimpleListFilter):
    title = _("trạng thái gửi")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return DeliveryStatus.choices

    def queryset(self, request, queryset):
        waiting = Q(delivered_at__isnull=True, failed_at__isnull=True)
        match self.value():
            case DeliveryStatus.DELIVERED:
                return queryset.filter(delivered_at__isnull=False)
            case DeliveryStatus.FAILED:
                return queryset.filter(delivered_at__isnull=True, failed_at__isnull=False)
            case DeliveryStatus.RETRYING:
                return queryset.filter(waiting, attempts__gt=0)
            case DeliveryStatus.PENDING:
                return queryset.filter(waiting, attempts=0)
        return queryset


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(AdministratorOnly, NoWrites, admin.ModelAdmin):
    list_display = ["created_at", "event", "subscription", "delivery_status", "attempts", "last_status",
                    "next_attempt_at", "delivered_at", "last_error"]
    list_filter = [DeliveryStatusFilter, "event"]
    list_select_related = ["subscription__client"]
    search_fields = ["delivery_id", "subscription__url", "subscription__client__name"]
    # The audit event is left out: its label names the object, which IT staff do not read (the body's ids do).
    fields = readonly_fields = ["delivery_id", "subscription", "event", "body", "created_at", "attempts",
                                "next_attempt_at", "last_status", "last_error", "delivered_at", "failed_at"]
    actions = ["retry"]

    @admin.display(description=_("trạng thái gửi"))
    def delivery_status(self, obj: WebhookDelivery) -> str:
        return DeliveryStatus(obj.status).label


    def history_view(self, request, object_id, extra_context=None):
        """Django's history page answers 200 for any key; a missing delivery is a 404 like every other admin page."""
        if self.get_object(request, unquote(object_id)) is None:
            raise Http404
        return super().history_view(request, object_id, extra_context)

    @admin.action(description=_("Gửi lại ngay các sự kiện đã chọn"))
    def retry(self, request, queryset):
        count = 0
        for delivery in queryset.filter(delivered_at__isnull=True):
            try:
                services.webhook_delivery_retry(actor=request.user, delivery=delivery)
            except (PermissionDenied, ValidationError) as exc:
                self.message_user(request, " ".join(getattr(exc, "messages", [str(exc)])), messages.ERROR)
                return
            count += 1
        self.message_user(request, _("Đã xếp %(n)d sự kiện vào hàng gửi lại.") % {"n": count}, messages.SUCCESS)
