"""The person's notification settings: immediate e-mails or one digest each morning."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView

from .models import DeliveryMode, NotificationPreference
from .services import notification_preference_set


class PreferenceForm(forms.Form):
    mode = forms.ChoiceField(
        label=gettext_lazy("Cách nhận thông báo qua thư điện tử"), choices=DeliveryMode.choices,
        widget=forms.RadioSelect,
    )


class NotificationSettingsView(FormView):
    template_name = "workflow/notification_settings.html"
    form_class = PreferenceForm

    def get_initial(self):
        preference = NotificationPreference.objects.filter(user=self.request.user).first()
        return {"mode": preference.mode if preference else DeliveryMode.IMMEDIATE}

    def form_valid(self, form):
        notification_preference_set(actor=self.request.user, user=self.request.user, mode=form.cleaned_data["mode"])
        messages.success(self.request, _("Đã lưu cách nhận thông báo."))
        return redirect("home:notification_settings")

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)
