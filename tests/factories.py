"""factory_boy factories for organisations and people beyond the demo data."""

import factory

from accounts.models import Agency, Province, Unit, User


class ProvinceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Province
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"T{n}")
    name = factory.Sequence(lambda n: f"Tỉnh thử {n}")


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    province = factory.SubFactory(ProvinceFactory)
    code = factory.Sequence(lambda n: f"CQ{n}")
    name = factory.Sequence(lambda n: f"Sở Thử nghiệm {n}")
    short_name = factory.LazyAttribute(lambda a: a.name)
    parent_name = "UBND tỉnh Thử nghiệm"
    kind = Agency.Kind.DEPARTMENT
    head_title = "Giám đốc Sở"
    deputy_title = "Phó Giám đốc Sở"
    place_name = "Thử nghiệm"


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    agency = factory.SubFactory(AgencyFactory)
    code = factory.Sequence(lambda n: f"DV{n}")
    name = factory.Sequence(lambda n: f"Phòng Thử nghiệm {n}")
    kind = Unit.Kind.DEPARTMENT


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"nguoidung{n}")
    full_name = factory.Sequence(lambda n: f"Nguyễn Văn Thử {n}")
    unit = factory.SubFactory(UnitFactory)
    employment_category = User.EmploymentCategory.CIVIL_SERVANT
    password = factory.django.Password("mat-khau-thu-nghiem")
