"""The organisation (design §2) and the people in it.

Province → agency (cơ quan, the issuer of documents) → unit (đơn vị) → person. One
installation serves a whole province from day one; the first agency is the Office.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from . import vietnamese
from .roles import ROLE_SCOPES, CouncilPosition, Role, Scope

code_validator = RegexValidator(
    r"^[A-Z0-9Đ]{1,20}$",
    _("Mã chỉ gồm chữ in hoa không dấu, chữ Đ và chữ số (tối đa 20 ký tự)."),
)

# Quyết định 20/2020/QĐ-TTg, Điều 4: at most 35 characters — digits, capital letters A to Z and the dot that
# separates the groups (docs/legal-basis.md, the edXML section; the groups' structure is not checked: doubtful).
electronic_id_validator = RegexValidator(
    r"^[0-9A-Z]+(\.[0-9A-Z]+)*$",
    _("Mã định danh điện tử chỉ gồm chữ số, chữ in hoa A–Z và dấu chấm ngăn cách các nhóm ký tự."),
)


class Province(models.Model):
    code = models.CharField(_("mã"), max_length=20, unique=True, validators=[code_validator])
    name = models.CharField(_("tên tỉnh"), max_length=200)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tỉnh")
        verbose_name_plural = _("tỉnh")
        ordering = ["name"]
        permissions = [
            ("act_as_home_affairs", _("Tiếp nhận hồ sơ với tư cách Sở Nội vụ")),
            ("audit_province", _("Kiểm tra toàn tỉnh")),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.name = vietnamese.normalize(self.name)
        super().save(*args, **kwargs)


class Agency(models.Model):
    """A cơ quan: it has its own council, numbering register, cycles and chief."""

    class Kind(models.TextChoices):
        OFFICE = "office", _("Văn phòng UBND tỉnh")
        HOME_AFFAIRS = "home_affairs", _("Sở Nội vụ")
        DEPARTMENT = "department", _("Sở, ban, ngành")
        OTHER = "other", _("Cơ quan khác")

    province = models.ForeignKey(
        Province, on_delete=models.PROTECT, related_name="agencies", verbose_name=_("tỉnh")
    )
    code = models.CharField(
        _("mã cơ quan ban hành"),
        max_length=20,
        validators=[code_validator],
        help_text=_("In sau số văn bản, ví dụ “VP” trong “Số: 12/BC-VP”."),
    )
    name = models.CharField(_("tên đầy đủ"), max_length=200)
    short_name = models.CharField(
        _("tên in trên văn bản"), max_length=200, help_text=_("Ví dụ: “Văn phòng”.")
    )
    parent_name = models.CharField(
        _("cơ quan chủ quản in trên văn bản"),
        max_length=200,
        help_text=_("Ví dụ: “UBND tỉnh Quảng Ngãi”."),
    )
    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices, default=Kind.DEPARTMENT)
    head_title = models.CharField(
        _("chức danh thủ trưởng"), max_length=100, help_text=_("Ví dụ: “Chánh Văn phòng”.")
    )
    deputy_title = models.CharField(
        _("chức danh cấp phó"), max_length=100, help_text=_("Ví dụ: “Phó Chánh Văn phòng”.")
    )
    place_name = models.CharField(
        _("địa danh"), max_length=100, help_text=_("In trước ngày tháng: “Quảng Ngãi, ngày …”.")
    )
    head_full_title = models.CharField(
        _("chức danh đầy đủ của thủ trưởng"), max_length=200, blank=True,
        help_text=_("Người ra quyết định khen thưởng, in dưới tên loại văn bản và ghi vào sổ khen thưởng, ví dụ: "
                    "“Giám đốc Sở Kế hoạch và Đầu tư”. Để trống: chức danh thủ trưởng và cơ quan chủ quản."),
    )
    # Who drafts the agency's emulation and commendation documents (the "TĐKT department"): its
    # code follows a công văn's number and the archive line; its head carries out the decisions.
    emulation_unit = models.ForeignKey(
        "Unit", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("đơn vị tham mưu thi đua – khen thưởng"),
        help_text=_("Đơn vị soạn thảo văn bản thi đua, khen thưởng của cơ quan; mã đơn vị in sau số công văn "
                    "và ở dòng “Lưu: VT, …”."),
    )
    emulation_unit_head = models.CharField(
        _("chức danh người đứng đầu đơn vị tham mưu"), max_length=200, blank=True,
        help_text=_("In ở điều thi hành của quyết định khen thưởng, ví dụ: “Trưởng phòng Hành chính – Quản trị”."),
    )
    # Mã định danh điện tử (Quyết định 20/2020/QĐ-TTg): what other agencies' e-office systems know the agency by,
    # the From/To OrganId of an edXML package (QCVN 102:2016/BTTTT, Sửa đổi 1:2022). Assigned by the province, never
    # guessed: empty until an administrator records it, and no package is made without it.
    electronic_id = models.CharField(
        _("mã định danh điện tử"), max_length=35, blank=True, validators=[electronic_id_validator],
        help_text=_("Theo Quyết định 20/2020/QĐ-TTg: tối đa 35 ký tự gồm chữ số, chữ in hoa A–Z và dấu chấm, "
                    "ví dụ “000.00.00.H00”. Dùng làm mã cơ quan gửi, nhận trong gói tin văn bản điện tử (edXML)."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("cơ quan")
        verbose_name_plural = _("cơ quan")
        ordering = ["province__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["province", "code"], name="agency_code_unique_in_province"),
        ]
        permissions = [
            ("act_as_secretariat", _("Làm thường trực thi đua – khen thưởng")),
            ("sit_on_council", _("Là thành viên Hội đồng Thi đua – Khen thưởng")),
            ("vote_in_council", _("Biểu quyết trong Hội đồng Thi đua – Khen thưởng")),
            ("act_as_chief", _("Là thủ trưởng cơ quan")),
            ("act_as_deputy_chief", _("Là cấp phó của thủ trưởng")),
            ("audit_agency", _("Kiểm tra cơ quan")),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        for field in ("name", "short_name", "parent_name", "head_title", "deputy_title", "place_name",
                      "head_full_title", "emulation_unit_head"):
            setattr(self, field, vietnamese.normalize(getattr(self, field)))
        super().save(*args, **kwargs)

    def clean(self) -> None:
        super().clean()
        if self.emulation_unit_id and self.emulation_unit.agency_id != self.pk:
            raise ValidationError({"emulation_unit": _("Đơn vị tham mưu phải là một đơn vị của chính cơ quan này.")})


class Unit(models.Model):
    """A đơn vị of an agency: a phòng, trung tâm, ban, or the leadership itself."""

    class Kind(models.TextChoices):
        LEADERSHIP = "leadership", _("Lãnh đạo")
        DEPARTMENT = "department", _("Phòng chuyên môn, nghiệp vụ")
        CENTER = "center", _("Trung tâm")
        BOARD = "board", _("Ban")
        PUBLIC_SERVICE = "public_service", _("Đơn vị sự nghiệp")

    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="units", verbose_name=_("cơ quan")
    )
    code = models.CharField(_("mã đơn vị"), max_length=20, validators=[code_validator])
    name = models.CharField(_("tên đơn vị"), max_length=200)
    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices, default=Kind.DEPARTMENT)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")
        ordering = ["agency__name", "position", "name"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "code"], name="unit_code_unique_in_agency"),
        ]
        permissions = [("head_unit", _("Là trưởng đơn vị"))]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.name = vietnamese.normalize(self.name)
        super().save(*args, **kwargs)


class PersonQuerySet(models.QuerySet):
    def in_agency(self, agency: Agency) -> PersonQuerySet:
        return self.filter(unit__agency=agency)

    def alphabetical(self) -> PersonQuerySet:
        return self.order_by("name_sort_key", "pk")

    def search(self, text: str) -> PersonQuerySet:
        """People whose name contains every word of ``text``, tones and case ignored."""
        qs = self
        for word in vietnamese.fold(text).split():
            qs = qs.filter(name_search_key__contains=word)
        return qs


class PersonManager(UserManager.from_queryset(PersonQuerySet)):
    pass


class User(AbstractUser):
    """A person: a cán bộ, công chức, viên chức or contract worker of a unit."""

    class EmploymentCategory(models.TextChoices):
        CIVIL_SERVANT = "cong_chuc", _("Cán bộ, công chức")
        PUBLIC_EMPLOYEE = "vien_chuc", _("Viên chức")
        CONTRACT_111 = "hop_dong_111", _("Lao động hợp đồng (Nghị định 111/2022/NĐ-CP)")

    full_name = models.CharField(_("họ và tên"), max_length=150)
    position_title = models.CharField(_("chức vụ"), max_length=150, blank=True)
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
        verbose_name=_("đơn vị"),
    )
    employment_category = models.CharField(
        _("loại cán bộ"),
        max_length=20,
        choices=EmploymentCategory.choices,
        default=EmploymentCategory.CIVIL_SERVANT,
    )
    is_leader = models.BooleanField(
        _("là lãnh đạo, quản lý"),
        default=False,
        help_text=_("Thống kê khen thưởng tách lãnh đạo và người trực tiếp công tác."),
    )
    in_council_scope = models.BooleanField(
        _("thuộc phạm vi xét của Hội đồng cơ quan"),
        default=True,
        help_text=_("Bỏ chọn với người do cấp khác xét, ví dụ lãnh đạo UBND tỉnh."),
    )
    birth_date = models.DateField(
        _("ngày sinh"), null=True, blank=True,
        help_text=_("Tra cứu khen thưởng phân biệt người trùng họ tên theo năm sinh."),
    )
    name_sort_key = models.CharField(max_length=700, editable=False, db_index=True, default="")
    name_search_key = models.CharField(max_length=150, editable=False, db_index=True, default="")

    history = HistoricalRecords(excluded_fields=["password", "last_login"])
    objects = PersonManager()

    class Meta:
        verbose_name = _("người dùng")
        verbose_name_plural = _("người dùng")
        ordering = ["name_sort_key", "pk"]

    def __str__(self) -> str:
        return self.full_name or self.username

    def clean(self) -> None:
        super().clean()
        self.full_name = vietnamese.normalize(self.full_name)
        if not self.full_name:
            raise ValidationError({"full_name": _("Vui lòng nhập họ và tên.")})

    def save(self, *args, **kwargs):
        self.full_name = vietnamese.normalize(self.full_name)
        self.position_title = vietnamese.normalize(self.position_title)
        self.name_sort_key = vietnamese.name_collation_key(self.full_name)
        self.name_search_key = vietnamese.fold(self.full_name)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "full_name" in update_fields:
            kwargs["update_fields"] = {*update_fields, "name_sort_key", "name_search_key"}
        super().save(*args, **kwargs)

    def get_full_name(self) -> str:
        return self.full_name or self.username

    def get_short_name(self) -> str:
        return self.full_name.rsplit(" ", 1)[-1] if self.full_name else self.username

    @property
    def agency(self) -> Agency | None:
        return self.unit.agency if self.unit_id else None


class RoleAssignment(models.Model):
    """Someone holds a role over a unit, an agency or a province, for a term.

    The row is the record an administrator manages (with history); the guardian object
    permissions it implies are kept in step by ``accounts.services`` only.
    """

    user = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="role_assignments", verbose_name=_("người")
    )
    role = models.CharField(_("vai trò"), max_length=30, choices=Role.choices)
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="role_assignments",
        verbose_name=_("đơn vị"),
    )
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="role_assignments",
        verbose_name=_("cơ quan"),
    )
    province = models.ForeignKey(
        Province, on_delete=models.PROTECT, null=True, blank=True, related_name="role_assignments",
        verbose_name=_("tỉnh"),
    )
    council_position = models.CharField(
        _("chức danh trong Hội đồng"), max_length=20, choices=CouncilPosition.choices, blank=True
    )
    term_start = models.DateField(_("từ ngày"), null=True, blank=True)
    term_end = models.DateField(_("đến ngày"), null=True, blank=True)
    granted_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("người giao"),
    )
    granted_at = models.DateTimeField(_("thời điểm giao"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("thời điểm thu hồi"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("phân công vai trò")
        verbose_name_plural = _("phân công vai trò")
        ordering = ["role", "pk"]

    def __str__(self) -> str:
        return f"{self.user} — {self.title}"

    @property
    def scope(self) -> str:
        if self.unit_id:
            return Scope.UNIT
        if self.agency_id:
            return Scope.AGENCY
        if self.province_id:
            return Scope.PROVINCE
        return Scope.SYSTEM

    @property
    def scope_object(self) -> Unit | Agency | Province | None:
        return self.unit or self.agency or self.province

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    @property
    def title(self) -> str:
        """How the role reads to a person: "Chánh Văn phòng — Văn phòng UBND tỉnh …"."""
        if self.role == Role.CHIEF and self.agency_id:
            label = self.agency.head_title
        elif self.role == Role.DEPUTY_CHIEF and self.agency_id:
            label = self.agency.deputy_title
        elif self.role == Role.COUNCIL_MEMBER and self.council_position:
            position = self.get_council_position_display()
            if self.council_position in CouncilPosition.voting():
                label = _("%(position)s Hội đồng Thi đua – Khen thưởng") % {"position": position}
            else:
                label = _("%(position)s Hội đồng Thi đua – Khen thưởng (không biểu quyết)") % {"position": position}
        else:
            label = str(self.get_role_display())
        target = self.scope_object
        return f"{label} — {target}" if target is not None else label

    def clean(self) -> None:
        super().clean()
        held_over = [s for s, v in ((Scope.UNIT, self.unit_id), (Scope.AGENCY, self.agency_id),
                                    (Scope.PROVINCE, self.province_id)) if v]
        allowed = ROLE_SCOPES.get(self.role, ())
        if len(held_over) > 1:
            raise ValidationError(_("Chỉ chọn một phạm vi: đơn vị, cơ quan hoặc tỉnh."))
        scope = held_over[0] if held_over else Scope.SYSTEM
        if scope not in allowed:
            names = ", ".join(str(Scope(s).label).lower() for s in allowed)
            raise ValidationError(
                _("Vai trò “%(role)s” phải gắn với: %(scopes)s.")
                % {"role": self.get_role_display(), "scopes": names}
            )
        if self.role == Role.COUNCIL_MEMBER:
            if not self.council_position:
                raise ValidationError({"council_position": _("Chọn chức danh trong Hội đồng.")})
            if self.user_id and self.agency_id and (
                self.user.unit_id is None or self.user.unit.agency_id != self.agency_id
            ):
                raise ValidationError(
                    _("Thành viên Hội đồng phải là người của cơ quan %(agency)s.")
                    % {"agency": self.agency}
                )
        elif self.council_position:
            raise ValidationError(
                {"council_position": _("Chỉ thành viên Hội đồng mới có chức danh trong Hội đồng.")}
            )
        if self.user_id and self.is_active:
            duplicate = RoleAssignment.objects.filter(
                user_id=self.user_id, role=self.role, unit_id=self.unit_id,
                agency_id=self.agency_id, province_id=self.province_id, revoked_at__isnull=True,
            ).exclude(pk=self.pk)
            if duplicate.exists():
                raise ValidationError(_("Người này đã giữ vai trò này trong cùng phạm vi."))
        if self.term_start and self.term_end and self.term_end < self.term_start:
            raise ValidationError({"term_end": _("Ngày kết thúc phải sau ngày bắt đầu.")})


class ApiClient(models.Model):
    """Another system that calls the REST API (issue 22): the e-office system, a unit's own software, Sở Nội vụ's.

    It acts as its service account, a ``User`` holding role assignments exactly like a person's: what it may read
    and do comes from those roles and nothing else. The token is shown once when issued; only its SHA-256 and a
    short prefix (to tell tokens apart in the admin and the logs) are kept.
    """

    TOKEN_PREFIX_LENGTH = 8

    name = models.CharField(_("tên hệ thống"), max_length=200, unique=True)
    user = models.OneToOneField(
        User, on_delete=models.PROTECT, related_name="api_client", verbose_name=_("tài khoản dịch vụ"),
        help_text=_("Người dùng đại diện cho hệ thống; phạm vi truy cập là các vai trò được phân công cho tài khoản "
                    "này."),
    )
    token_prefix = models.CharField(_("tiền tố mã truy cập"), max_length=TOKEN_PREFIX_LENGTH, blank=True,
                                    editable=False)
    token_hash = models.CharField(_("SHA-256 của mã truy cập"), max_length=64, blank=True, editable=False,
                                  db_index=True)
    is_active = models.BooleanField(_("đang hoạt động"), default=True)
    created_at = models.DateTimeField(_("thời điểm tạo"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("lần gọi gần nhất"), null=True, blank=True, editable=False)
    history = HistoricalRecords(excluded_fields=["last_used_at"])

    class Meta:
        verbose_name = _("hệ thống kết nối (API)")
        verbose_name_plural = _("hệ thống kết nối (API)")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
