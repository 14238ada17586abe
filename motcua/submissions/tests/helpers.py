"""Shared set-up for the portal's tests: a procedure with documents, a citizen, sample files."""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from motcua.catalog.models import RequiredDocument
from motcua.dossiers.tests.factories import World, make_world
from motcua.identity.models import AccountKind, CitizenAccount
from motcua.organizations.tests.factories import UserFactory

PASSWORD = "Mật-khẩu-an-toàn-2026"

# Smallest valid files of each accepted kind (the type is detected from these bytes).
PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def pdf(name: str = "to-khai.pdf", content: bytes = PDF_BYTES) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def file_like(content: bytes) -> io.BytesIO:
    return io.BytesIO(content)


@dataclass
class Portal:
    world: World
    citizen: Any
    account: CitizenAccount
    form_doc: RequiredDocument  # Tờ khai (from the factory)
    id_doc: RequiredDocument  # Bản sao CCCD
    optional_doc: RequiredDocument  # Giấy ủy quyền (nếu có)


def citizen_user(
    *, phone: str = "0912345678", email: str = "an@example.vn", name: str = "Nguyễn Văn An"
) -> tuple[Any, CitizenAccount]:
    user = UserFactory()
    user.set_password(PASSWORD)
    user.save()
    account = CitizenAccount.objects.create(
        user=user,
        kind=AccountKind.PERSON,
        full_name=name,
        identity_number="001203012345",
        phone=phone,
        email=email,
    )
    return user, account


def make_portal() -> Portal:
    world = make_world()
    world.version.agencies.add(world.agency)
    form_doc = RequiredDocument.objects.get(version=world.version, position=0)
    form_doc.code = "TK01"
    form_doc.save(update_fields=["code"])
    id_doc = RequiredDocument.objects.create(
        version=world.version, position=1, code="CCCD", name="Bản sao Căn cước công dân", copies=1
    )
    optional_doc = RequiredDocument.objects.create(
        version=world.version, position=2, name="Giấy ủy quyền (nếu có)", originals=1
    )
    citizen, account = citizen_user()
    world.applicant = citizen
    return Portal(world, citizen, account, form_doc, id_doc, optional_doc)
