"""The catalogue of titles and forms of commendation (domain §3) and the kinds of commendation.

Danh hiệu thi đua (LĐTT, CSTĐ, TTLĐTT, Cờ thi đua…) and hình thức khen thưởng (Giấy khen,
Bằng khen, Huân chương…) are distinct kinds: the national database of cadres records each award
with both, so the catalogue keeps the distinction. Who decides follows Luật Thi đua, khen
thưởng 2022, Art 80(1): the agency head decides in-house; everything higher goes as a Tờ trình
to the Chủ tịch UBND tỉnh through Sở Nội vụ.
"""

from __future__ import annotations

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

award_code_validator = RegexValidator(
    r"^[A-Z0-9_]{1,30}$",
    _("Mã chỉ gồm chữ in hoa không dấu, chữ số và dấu gạch dưới (tối đa 30 ký tự)."),
)


# Đột xuất: one unexpected deed, one line, decided in days (NĐ 152/2025 Điều 3 khoản 3; legal-basis §19).
URGENT_KIND_CODE = "DOT_XUAT"
# Theo chuyên đề (theo đợt): the results of one movement over its period (legal-basis §19).
THEMATIC_KIND_CODE = "CHUYEN_DE"
# "Kết quả khen thưởng thành tích đột xuất, thi đua theo chuyên đề không dùng làm căn cứ để đề nghị cấp trên khen
# thưởng công trạng" (NĐ 152/2025 Điều 4 khoản 3): such awards count for no streak, prerequisite or cap.
NOT_FOR_MERIT = (URGENT_KIND_CODE, THEMATIC_KIND_CODE)


class AwardKind(models.TextChoices):
    TITLE = "title", _("Danh hiệu thi đua")
    FORM = "form", _("Hình thức khen thưởng")


class NomineeKind(models.TextChoices):
    PERSON = "person", _("Cá nhân")
    COLLECTIVE = "collective", _("Tập thể")
    BOTH = "both", _("Cá nhân và tập thể")


class AwardLevel(models.TextChoices):
    BASE = "co_so", _("Cấp cơ sở")
    PROVINCE = "tinh", _("Cấp tỉnh")
    NATIONAL = "nha_nuoc", _("Cấp Nhà nước")


class Authority(models.TextChoices):
    """Who decides (Luật Thi đua, khen thưởng 2022, Art 80)."""

    AGENCY_HEAD = "agency_head", _("Thủ trưởng cơ quan")
    PROVINCE_CHAIR = "province_chair", _("Chủ tịch UBND tỉnh")
    PRIME_MINISTER = "prime_minister", _("Thủ tướng Chính phủ")
    PRESIDENT = "president", _("Chủ tịch nước")


class Route(models.TextChoices):
    IN_HOUSE = "in_house", _("Thủ trưởng cơ quan quyết định")
    HOME_AFFAIRS = "home_affairs", _("Trình qua Sở Nội vụ")


class Award(models.Model):
    """A title or a form of commendation that can be proposed or recorded."""

    code = models.CharField(_("mã"), max_length=30, unique=True, validators=[award_code_validator])
    name = models.CharField(_("tên"), max_length=200)
    short_name = models.CharField(_("tên viết tắt"), max_length=50, blank=True,
                                  help_text=_("Dùng trong thông báo, ví dụ “CSTĐCS”."))
    kind = models.CharField(_("loại"), max_length=10, choices=AwardKind.choices)
    nominee_kind = models.CharField(_("xét tặng cho"), max_length=12, choices=NomineeKind.choices)
    level = models.CharField(_("cấp"), max_length=10, choices=AwardLevel.choices)
    authority = models.CharField(_("thẩm quyền quyết định"), max_length=20, choices=Authority.choices)
    required_documents = models.TextField(
        _("hồ sơ cần có"), blank=True, help_text=_("Mỗi dòng một loại giấy tờ.")
    )
    legal_basis = models.TextField(_("căn cứ pháp lý in trên văn bản"), blank=True)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    is_active = models.BooleanField(_("đang sử dụng"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("danh hiệu, hình thức khen thưởng")
        verbose_name_plural = _("danh hiệu, hình thức khen thưởng")
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return self.name

    @property
    def route(self) -> str:
        """In-house when the agency head decides (Art 80(1)); otherwise through Home Affairs."""
        return Route.IN_HOUSE if self.authority == Authority.AGENCY_HEAD else Route.HOME_AFFAIRS

    def get_route_display(self) -> str:
        return str(Route(self.route).label)

    @property
    def document_list(self) -> list[str]:
        return [line.strip() for line in self.required_documents.splitlines() if line.strip()]

    def accepts(self, nominee_kind: str) -> bool:
        """Whether a person (``NomineeKind.PERSON``) or a unit (``COLLECTIVE``) may receive it."""
        return self.nominee_kind in (NomineeKind.BOTH, nominee_kind)


class CommendationKind(models.Model):
    """Thường xuyên, chuyên đề, đột xuất, cống hiến, niên hạn, đối ngoại: printed on a Tờ trình."""

    code = models.CharField(_("mã"), max_length=30, unique=True, validators=[award_code_validator])
    name = models.CharField(_("tên"), max_length=200)
    description = models.TextField(_("mô tả"), blank=True)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("loại hình khen thưởng")
        verbose_name_plural = _("loại hình khen thưởng")
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return self.name
