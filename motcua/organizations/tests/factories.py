"""factory_boy factories for organizations (shared by every app's tests)."""

from __future__ import annotations

import factory
from django.contrib.auth import get_user_model

from motcua.organizations.models import Agency, AgencyLevel, Role, StaffRole, Unit, UnitKind


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency
        django_get_or_create = ("identifier",)

    identifier = factory.Sequence(lambda n: f"000.{n // 100 % 100:02d}.{n % 100:02d}.H98")
    name = factory.Sequence(lambda n: f"Cơ quan {n}")
    level = AgencyLevel.DEPARTMENT


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    agency = factory.SubFactory(AgencyFactory)
    name = factory.Sequence(lambda n: f"Bộ phận {n}")
    kind = UnitKind.RECEPTION


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("motcua-test-password")


class StaffRoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StaffRole

    user = factory.SubFactory(UserFactory)
    unit = factory.SubFactory(UnitFactory)
    role = Role.RECEPTION_OFFICER
