from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import UserChangeForm, UserCreationForm
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from . import services, spreadsheets
from .models import Agency, ApiClient, Province, RoleAssignment, Unit, User


@admin.register(Province)
class ProvinceAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name"]
    search_fields = ["code", "name"]


class UnitInline(admin.TabularInline):
    model = Unit
    extra = 0
    fields = ["position", "code", "name", "kind"]


@admin.register(Agency)
class AgencyAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "province", "kind", "electronic_id"]
    list_filter = ["province", "kind"]
    search_fields = ["code", "name", "electronic_id"]
    inlines = [UnitInline]

    def get_form(self, request, obj=None, change=False, **kwargs):
        """The TĐKT department is chosen among the agency's own units (none before it has any)."""
        form = super().get_form(request, obj, change=change, **kwargs)
        field = form.base_fields.get("emulation_unit")
        if field is not None:
            field.queryset = Unit.objects.filter(agency=obj) if obj else Unit.objects.none()
        return form


@admin.register(Unit)
class UnitAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "agency", "kind", "position"]
    list_filter = ["agency", "kind"]
    search_fields = ["code", "name"]


class WorkbookUploadForm(forms.Form):
    file = forms.FileField(label=_("Tệp Excel (.xlsx)"))

    MAX_BYTES = 10 * 1024 * 1024

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > self.MAX_BYTES:
            raise forms.ValidationError(_("Tệp lớn hơn 10 MB."))
        head = upload.read(4)
        upload.seek(0)
        if head != b"PK\x03\x04":
            raise forms.ValidationError(_("Tệp không phải là bảng tính Excel (.xlsx)."))
        return upload


class PersonChangeForm(UserChangeForm):
    class Meta(UserChangeForm.Meta):
        model = User
        fields = "__all__"


class PersonCreationForm(UserCreationForm):
    class Meta(UserCreationForm.Meta):
        model = User
        fields = ["username", "full_name", "unit"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin, SimpleHistoryAdmin):
    form = PersonChangeForm
    add_form = PersonCreationForm
    list_display = ["username", "full_name", "unit", "position_title", "employment_category", "is_active"]
    list_filter = ["unit__agency", "unit", "employment_category", "is_leader", "is_active"]
    search_fields = ["username", "full_name", "name_search_key", "email"]
    ordering = ["name_sort_key"]
    fieldsets = [
        (None, {"fields": ["username", "password"]}),
        (_("Thông tin cá nhân"), {"fields": ["full_name", "birth_date", "email", "position_title"]}),
        (
            _("Tổ chức"),
            {"fields": ["unit", "employment_category", "is_leader", "in_council_scope"]},
        ),
        (_("Trạng thái"), {"fields": ["is_active", "last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"fields": ["username", "full_name", "unit", "password1", "password2"]}),
    ]
    readonly_fields = ["last_login", "date_joined"]

    def get_urls(self):
        extra = [
            path("import/", self.admin_site.admin_view(self.import_view), name="accounts_user_import"),
            path("export/", self.admin_site.admin_view(self.export_view), name="accounts_user_export"),
        ]
        return extra + super().get_urls()

    def export_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        content = spreadsheets.export_workbook(units=Unit.objects.all(), people=User.objects.all())
        response = HttpResponse(
            content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        response["Content-Disposition"] = 'attachment; filename="nguoi-dung-don-vi.xlsx"'
        return response

    def import_view(self, request):
        if not (self.has_add_permission(request) and self.has_change_permission(request)):
            raise PermissionDenied
        form = WorkbookUploadForm(request.POST or None, request.FILES or None)
        errors: list[str] = []
        if request.method == "POST" and form.is_valid():
            try:
                result = spreadsheets.import_workbook(actor=request.user, content=form.cleaned_data["file"].read())
            except spreadsheets.ImportRejected as rejected:
                errors = rejected.errors
            else:
                self.message_user(request, _(
                    "Đã nhập: %(uc)d đơn vị mới, %(uu)d đơn vị cập nhật, %(pc)d người mới, %(pu)d người cập nhật, "
                    "%(same)d dòng không đổi."
                ) % {"uc": result.units_created, "uu": result.units_updated, "pc": result.people_created,
                     "pu": result.people_updated, "same": result.unchanged}, messages.SUCCESS)
                return redirect("admin:accounts_user_changelist")
        context = {**self.admin_site.each_context(request), "opts": self.model._meta, "form": form,
                   "errors": errors, "title": _("Nhập từ Excel")}
        return TemplateResponse(request, "admin/accounts/user/import.html", context)

    def get_search_results(self, request, queryset, search_term):
        results, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        folded = queryset.search(search_term) if search_term else queryset.none()
        return results | folded, may_have_duplicates


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(SimpleHistoryAdmin):
    """Roles are granted and revoked through the services, which keep guardian in step."""

    list_display = ["user", "role", "council_position", "unit", "agency", "province", "revoked_at"]
    list_filter = ["role", "agency", "revoked_at"]
    search_fields = ["user__full_name", "user__username"]
    autocomplete_fields = ["user"]
    actions = ["revoke_selected"]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None:
            return [f.name for f in RoleAssignment._meta.fields]
        return ["granted_by", "granted_at", "revoked_at"]

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        if change:
            return
        created = services.role_grant(
            actor=request.user,
            user=obj.user,
            role=obj.role,
            unit=obj.unit,
            agency=obj.agency,
            province=obj.province,
            council_position=obj.council_position,
            term_start=obj.term_start,
            term_end=obj.term_end,
        )
        obj.pk = created.pk
        obj.granted_by = created.granted_by
        obj.granted_at = created.granted_at

    @admin.action(description=_("Thu hồi vai trò đã chọn"))
    def revoke_selected(self, request, queryset):
        try:
            for assignment in queryset.filter(revoked_at__isnull=True):
                services.role_revoke(actor=request.user, assignment=assignment)
        except (PermissionDenied, ValidationError) as exc:
            self.message_user(request, str(exc), messages.ERROR)


@admin.register(ApiClient)
class ApiClientAdmin(SimpleHistoryAdmin):
    """Systems that call the API. Registered and switched through the services; a token is shown once, on the page
    the "issue a token" action answers with (never in a message kept in the session), and only its hash is kept."""

    list_display = ["name", "user", "token_prefix", "is_active", "created_at", "last_used_at"]
    list_filter = ["is_active"]
    search_fields = ["name", "user__username", "user__full_name"]
    autocomplete_fields = ["user"]
    readonly_fields = ["token_prefix", "created_at", "last_used_at"]
    actions = ["issue_token"]

    def get_readonly_fields(self, request, obj=None):
        return [*self.readonly_fields, "name", "user"] if obj is not None else self.readonly_fields

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        if change:
            services.api_client_set_active(actor=request.user, client=obj, active=obj.is_active)
            return
        created = services.api_client_create(actor=request.user, name=obj.name, user=obj.user)
        obj.pk, obj.created_at = created.pk, created.created_at

    @admin.action(description=_("Cấp mã truy cập mới (mã cũ hết hiệu lực)"))
    def issue_token(self, request, queryset):
        issued = []
        try:
            for client in queryset:
                issued.append((client, services.api_token_issue(actor=request.user, client=client)))
        except PermissionDenied as exc:
            self.message_user(request, str(exc), messages.ERROR)
            return None
        context = {**self.admin_site.each_context(request), "issued": issued, "opts": self.model._meta,
                   "title": _("Mã truy cập API vừa cấp")}
        response = TemplateResponse(request, "admin/accounts/apiclient/issued.html", context)
        response.headers["Cache-Control"] = "no-store"
        return response
