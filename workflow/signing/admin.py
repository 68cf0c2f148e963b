"""Certificates in the admin: the administrator registers one (the PEM, the key's label on the token or at the
signing service, the signature or seal image) and revokes one, both through the services; nothing else is
editable. Document signatures are read-only."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _

from accounts.models import Agency, User
from accounts.roles import Role
from accounts.selectors import role_set
from workflow.admin_base import ReadOnlyAdmin

from . import services
from .models import DocumentSignature, SigningCertificate


class CertificateRegisterForm(forms.ModelForm):
    certificate_file = forms.FileField(label=_("Tệp chứng thư số (.pem, .crt)"))
    image_file = forms.FileField(label=_("Hình ảnh chữ ký hoặc con dấu (PNG, nền trong suốt)"), required=False)
    user = forms.ModelChoiceField(User.objects.order_by("name_sort_key"), required=False, label=_("người được cấp"))
    agency = forms.ModelChoiceField(Agency.objects.order_by("code"), required=False, label=_("cơ quan được cấp"))

    class Meta:
        model = SigningCertificate
        fields = ["user", "agency", "key_label"]

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        self.pem = data["certificate_file"].read().decode("ascii", "replace")
        self.image = data["image_file"].read() if data.get("image_file") else b""
        try:
            services.certificate_registration_check(certificate_pem=self.pem, key_label=data.get("key_label", ""),
                                                    user=data.get("user"), agency=data.get("agency"),
                                                    image_png=self.image)
        except ValidationError as exc:
            raise forms.ValidationError(exc.messages) from exc
        return data


@admin.register(SigningCertificate)
class SigningCertificateAdmin(ReadOnlyAdmin):
    list_display = ["subject", "user", "agency", "key_label", "not_before", "not_after", "revoked_at"]
    list_filter = ["agency", "revoked_at"]
    search_fields = ["subject", "fingerprint", "user__full_name", "user__username"]
    exclude = ["image_png", "certificate_pem"]
    actions = ["revoke_selected"]

    # The administrator of the system (role, as the service asks), not a Django model permission.
    def has_add_permission(self, request):
        return Role.ADMINISTRATOR in role_set(request.user)

    def has_view_permission(self, request, obj=None):
        return Role.ADMINISTRATOR in role_set(request.user) or super().has_view_permission(request, obj)

    def has_module_permission(self, request):
        return Role.ADMINISTRATOR in role_set(request.user) or super().has_module_permission(request)

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = CertificateRegisterForm
            kwargs["fields"] = None
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["user", "agency", "key_label", "certificate_file", "image_file"]
        return super().get_fields(request, obj)

    def get_exclude(self, request, obj=None):
        return [] if obj is None else self.exclude

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        created = services.certificate_register(
            actor=request.user, certificate_pem=form.pem, key_label=data["key_label"], user=data.get("user"),
            agency=data.get("agency"), image_png=form.image)
        obj.pk = created.pk

    @admin.action(description=_("Thu hồi các chứng thư số đã chọn"))
    def revoke_selected(self, request, queryset):
        for certificate in queryset:
            try:
                services.certificate_revoke(actor=request.user, certificate=certificate,
                                            reason=str(_("Thu hồi từ trang quản trị")))
            except (PermissionDenied, ValidationError) as exc:
                self.message_user(request, f"{certificate}: {' '.join(getattr(exc, 'messages', [str(exc)]))}",
                                  messages.ERROR)


@admin.register(DocumentSignature)
class DocumentSignatureAdmin(ReadOnlyAdmin):
    list_display = ["document", "role", "certificate", "signed_by", "signed_at"]
    list_filter = ["role"]
    search_fields = ["document__number_text", "certificate__subject"]
