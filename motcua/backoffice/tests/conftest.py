import pytest

from motcua.dossiers.tests.factories import make_world
from motcua.organizations.models import Role
from motcua.organizations.tests.factories import StaffRoleFactory
from motcua.processes.services.definitions import process_save
from motcua.processes.tests.helpers import two_steps


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world(db):
    w = make_world()
    w.admin = StaffRoleFactory(unit=w.leadership, role=Role.AGENCY_ADMIN).user  # type: ignore[attr-defined]
    process_save(
        actor=w.admin,  # type: ignore[attr-defined]
        agency_id=w.agency.pk,
        procedure_id=w.version.procedure_id,
        steps=two_steps(w),
    )
    return w
