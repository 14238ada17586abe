"""Demo dossiers and API tokens for ``motcua demo`` (idempotent: dossiers are made once)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Permission, User
from django.db import transaction
from django.db.models import Count, Q

from motcua.accounts.models import ApiToken, Scope
from motcua.accounts.services.tokens import token_create
from motcua.catalog.models import ProcedureVersion
from motcua.dossiers.models import ApplicantKind, Dossier
from motcua.dossiers.services import transitions as tr
from motcua.organizations.models import Agency, Role, StaffRole, UnitKind

MACHINE_USERNAME = "national-portal"
CITIZEN_USERNAME = "congdan"
DEMO_TOKEN_NAME = "demo"  # noqa: S105 - a label, not a secret


@dataclass(frozen=True, slots=True)
class DemoToken:
    username: str
    scopes: list[str]
    token: str


def _user(username: str, password: str) -> User:
    user_model = get_user_model()
    user, created = user_model.objects.get_or_create(username=username)
    if created:
        user.password = make_password(password)
        user.save(update_fields=["password"])
    return user


def _staff(agency: Agency, role: str) -> User | None:
    seat = (
        StaffRole.objects.select_related("user")
        .filter(unit__agency=agency, role=role, is_active=True)
        .order_by("id")
        .first()
    )
    return seat.user if seat else None


def _demo_dossiers(agency: Agency, citizen: User, now: dt.datetime) -> int:
    officer = _staff(agency, Role.RECEPTION_OFFICER)
    specialist = _staff(agency, Role.SPECIALIST)
    leader = _staff(agency, Role.LEADER)
    unit = agency.units.filter(kind=UnitKind.RECEPTION, is_active=True).order_by("id").first()
    version = (
        ProcedureVersion.objects.annotate(n=Count("agencies"))
        .filter(Q(n=0) | Q(agencies=agency), effective_to__isnull=True)
        .order_by("procedure__code", "-number")
        .first()
    )
    if officer is None or specialist is None or leader is None or unit is None or version is None:
        return 0
    if Dossier.objects.filter(agency=agency).exists():
        return 0
    applicant = tr.ApplicantInput(
        kind=ApplicantKind.PERSON,
        name="Nguyễn Văn Dân",
        identity_number="001203012345",
        phone="0912345678",
        email="congdan@example.org",
        address="Phường An Hòa, tỉnh An Hòa",
    )

    def online() -> Dossier:
        return tr.dossier_submit(
            actor=citizen,
            procedure_version_id=version.pk,
            receiving_unit_id=unit.pk,
            applicant=applicant,
            form_data={},
            now=now,
        )

    online()
    received = online()
    tr.dossier_receive(dossier_id=received.pk, actor=officer, checklist=[], now=now)
    for step in ("processing", "supplement", "finished"):
        dossier = online()
        tr.dossier_receive(dossier_id=dossier.pk, actor=officer, checklist=[], now=now)
        tr.dossier_assign(dossier_id=dossier.pk, actor=officer, assignee_id=specialist.pk, now=now)
        if step == "supplement":
            tr.dossier_request_supplement(
                dossier_id=dossier.pk,
                actor=specialist,
                reason="Thiếu bản sao giấy tờ tùy thân",
                missing_documents=["Bản sao CCCD"],
                now=now,
            )
        elif step == "finished":
            tr.dossier_approve(dossier_id=dossier.pk, actor=leader, now=now)
            tr.dossier_finish(
                dossier_id=dossier.pk, actor=specialist, result={"documents": ["Kết quả"]}, now=now
            )
    return 5


@transaction.atomic
def dossiers_demo_load(
    *, agency_identifier: str, password: str, now: dt.datetime
) -> tuple[int, list[DemoToken]]:
    """Demo dossiers in the agency (once) and fresh demo tokens (the old ones are revoked)."""
    machine = _user(MACHINE_USERNAME, password)
    machine.user_permissions.add(
        Permission.objects.get(codename="integrate", content_type__app_label="dossiers")
    )
    citizen = _user(CITIZEN_USERNAME, password)
    agency = Agency.objects.filter(identifier=agency_identifier).first()
    created = _demo_dossiers(agency, citizen, now) if agency else 0
    holders: list[User] = [machine, citizen]
    if agency is not None:
        officer = _staff(agency, Role.RECEPTION_OFFICER)
        if officer is not None:
            holders.append(officer)
    scopes = [Scope.DOSSIERS_READ.value, Scope.DOSSIERS_WRITE.value]
    ApiToken.objects.filter(user__in=holders, name=DEMO_TOKEN_NAME).delete()
    tokens = []
    for user in holders:
        _token, raw = token_create(user=user, name=DEMO_TOKEN_NAME, scopes=scopes)
        tokens.append(DemoToken(user.get_username(), scopes, raw))
    return created, tokens
