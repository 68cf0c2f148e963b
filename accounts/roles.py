"""The roles of design §1, each with the kind of object it is scoped to.

A role is held *over* something: a unit head over one unit, the secretariat, council, chief
and deputies over one agency, Home Affairs over a province, an auditor over an agency or a
province. Holding a role is a row of ``RoleAssignment`` (who granted it, for which term) and
the guardian object permissions that the row implies: never a model-level grant, which
would let viewflow's ``can_assign`` skip the scope.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    UNIT_HEAD = "unit_head", _("Trưởng đơn vị")
    SECRETARIAT = "secretariat", _("Thường trực thi đua – khen thưởng")
    COUNCIL_MEMBER = "council_member", _("Thành viên Hội đồng Thi đua – Khen thưởng")
    CHIEF = "chief", _("Thủ trưởng cơ quan")
    DEPUTY_CHIEF = "deputy_chief", _("Cấp phó của thủ trưởng")
    HOME_AFFAIRS = "home_affairs", _("Cán bộ Sở Nội vụ (Ban Thi đua – Khen thưởng)")
    AUDITOR = "auditor", _("Kiểm tra, giám sát")
    ADMINISTRATOR = "administrator", _("Quản trị hệ thống")


class Scope(models.TextChoices):
    UNIT = "unit", _("Đơn vị")
    AGENCY = "agency", _("Cơ quan")
    PROVINCE = "province", _("Tỉnh")
    SYSTEM = "system", _("Toàn hệ thống")


class CouncilPosition(models.TextChoices):
    """Positions on the agency's Hội đồng Thi đua – Khen thưởng (domain §4)."""

    CHAIR = "chair", _("Chủ tịch")
    VICE_CHAIR = "vice_chair", _("Phó Chủ tịch")
    STANDING = "standing", _("Ủy viên thường trực")
    MEMBER = "member", _("Ủy viên")
    SECRETARY = "secretary", _("Thư ký")

    @classmethod
    def voting(cls) -> frozenset[str]:
        return frozenset({cls.CHAIR, cls.VICE_CHAIR, cls.STANDING, cls.MEMBER})


# Which scopes each role may be held over.
ROLE_SCOPES: dict[str, tuple[str, ...]] = {
    Role.UNIT_HEAD: (Scope.UNIT,),
    Role.SECRETARIAT: (Scope.AGENCY,),
    Role.COUNCIL_MEMBER: (Scope.AGENCY,),
    Role.CHIEF: (Scope.AGENCY,),
    Role.DEPUTY_CHIEF: (Scope.AGENCY,),
    Role.HOME_AFFAIRS: (Scope.PROVINCE,),
    Role.AUDITOR: (Scope.AGENCY, Scope.PROVINCE),
    Role.ADMINISTRATOR: (Scope.SYSTEM,),
}

# The object permission (app_label.codename) a role grants on its scope object.
PERM_HEAD_UNIT = "accounts.head_unit"
PERM_SECRETARIAT = "accounts.act_as_secretariat"
PERM_SIT_ON_COUNCIL = "accounts.sit_on_council"
PERM_VOTE_IN_COUNCIL = "accounts.vote_in_council"
PERM_CHIEF = "accounts.act_as_chief"
PERM_DEPUTY_CHIEF = "accounts.act_as_deputy_chief"
PERM_AUDIT_AGENCY = "accounts.audit_agency"
PERM_HOME_AFFAIRS = "accounts.act_as_home_affairs"
PERM_AUDIT_PROVINCE = "accounts.audit_province"

ADMINISTRATORS_GROUP = "Quản trị hệ thống"


_ROLE_PERMS: dict[tuple[str, str], tuple[str, ...]] = {
    (Role.UNIT_HEAD, Scope.UNIT): (PERM_HEAD_UNIT,),
    (Role.SECRETARIAT, Scope.AGENCY): (PERM_SECRETARIAT,),
    (Role.COUNCIL_MEMBER, Scope.AGENCY): (PERM_SIT_ON_COUNCIL,),
    (Role.CHIEF, Scope.AGENCY): (PERM_CHIEF,),
    (Role.DEPUTY_CHIEF, Scope.AGENCY): (PERM_DEPUTY_CHIEF,),
    (Role.HOME_AFFAIRS, Scope.PROVINCE): (PERM_HOME_AFFAIRS,),
    (Role.AUDITOR, Scope.AGENCY): (PERM_AUDIT_AGENCY,),
    (Role.AUDITOR, Scope.PROVINCE): (PERM_AUDIT_PROVINCE,),
}


def permissions_for(role: str, scope: str, council_position: str = "") -> tuple[str, ...]:
    """The object permissions that holding ``role`` over a ``scope`` object grants.

    Only voting positions of the council get the vote permission: the secretary records the
    session but does not vote (domain §4).
    """
    perms = _ROLE_PERMS.get((role, scope), ())
    if role == Role.COUNCIL_MEMBER and council_position in CouncilPosition.voting():
        perms = (*perms, PERM_VOTE_IN_COUNCIL)
    return perms
