"""The smaller rules of individual transitions and documents, each refused with its stable code."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from motcua.catalog.models import TimeLimit, TimeLimitUnit
from motcua.core.errors import DomainError
from motcua.dossiers.lifecycle import DossierStatus
from motcua.dossiers.models import DossierDocument, DossierEvent
from motcua.dossiers.services import transitions as t
from motcua.dossiers.services.documents import dossier_document_add
from motcua.dossiers.tests.factories import MONDAY, dossier_in, make_world, receive, submit

pytestmark = pytest.mark.django_db
S = DossierStatus
PDF = b"%PDF-1.4\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def code_of(call) -> str:
    with pytest.raises(DomainError) as caught:
        call()
    return caught.value.code


def test_consultation_needs_another_unit_and_a_future_deadline():
    world = make_world()
    dossier = dossier_in(S.PROCESSING, world)
    past = code_of(
        lambda: t.dossier_consult(
            dossier_id=dossier.pk,
            actor=world.specialist,
            unit_id=world.leadership.pk,
            answer_due_at=MONDAY,
            question="?",
            now=MONDAY + dt.timedelta(hours=3),
        )
    )
    own_unit = code_of(
        lambda: t.dossier_consult(
            dossier_id=dossier.pk,
            actor=world.specialist,
            unit_id=world.department.pk,
            answer_due_at=MONDAY + dt.timedelta(days=3),
            question="?",
            now=MONDAY + dt.timedelta(hours=3),
        )
    )
    assert (past, own_unit) == ("invalid_consultation", "invalid_consultation")
    assert DossierEvent.objects.filter(dossier=dossier, action="consult").exists() is False


def test_no_reappointment_without_a_due_date():
    world = make_world()
    TimeLimit.objects.filter(channel__version=world.version).update(amount=None)
    dossier = receive(world)
    assert dossier.due_at is None
    assert (
        code_of(
            lambda: t.dossier_apologize(
                dossier_id=dossier.pk,
                actor=world.leader,
                new_due_at=MONDAY + dt.timedelta(days=9),
                reason="x",
                now=MONDAY,
            )
        )
        == "no_time_limit"
    )


def test_return_result_needs_a_known_delivery():
    world = make_world()
    dossier = dossier_in(S.FINISHED, world)
    assert (
        code_of(
            lambda: t.dossier_return_result(
                dossier_id=dossier.pk, actor=world.officer, delivery="pigeon"
            )
        )
        == "wrong_procedure"
    )


def test_checklist_items_must_belong_to_the_procedure():
    world, other = make_world(), make_world()
    dossier = submit(world)
    foreign = other.version.required_documents.get().pk
    assert (
        code_of(
            lambda: t.dossier_receive(
                dossier_id=dossier.pk, actor=world.officer, checklist=[foreign]
            )
        )
        == "wrong_procedure"
    )


def test_a_unit_that_is_not_a_reception_unit_cannot_receive():
    world = make_world()
    assert (
        code_of(
            lambda: t.dossier_submit(
                actor=world.applicant,
                procedure_version_id=world.version.pk,
                receiving_unit_id=world.department.pk,
                applicant=world.applicant_input(),
                form_data={},
            )
        )
        == "wrong_procedure"
    )


def test_the_procedure_must_be_handled_by_the_agency_when_it_names_agencies():
    world, other = make_world(), make_world()
    world.version.agencies.add(other.agency)
    assert code_of(lambda: submit(world)) == "wrong_procedure"
    world.version.agencies.add(world.agency)
    assert submit(world).status == S.NEW


def test_anonymous_and_non_portal_accounts_cannot_submit_for_the_portal():
    world = make_world()
    assert (
        code_of(
            lambda: t.dossier_submit(
                actor=world.applicant,
                procedure_version_id=world.version.pk,
                receiving_unit_id=world.reception.pk,
                applicant=world.applicant_input(),
                form_data={},
                via_national_portal=True,
            )
        )
        == "permission_denied"
    )


def test_calendar_day_limits_are_whole_days():
    world = make_world()
    TimeLimit.objects.filter(channel__version=world.version).update(
        unit=TimeLimitUnit.CALENDAR_DAY, amount="2.5"
    )
    dossier = receive(world)
    assert (dossier.limit_unit, dossier.limit_amount) == ("calendar_days", Decimal(3))


def test_documents_rules():
    world, other = make_world(), make_world()
    dossier = dossier_in(S.PROCESSING, world)

    def add(actor, **kwargs):
        return dossier_document_add(
            dossier_id=dossier.pk,
            actor=actor,
            upload=SimpleUploadedFile("a.pdf", PDF),
            name="a.pdf",
            **kwargs,
        )

    # the applicant adds files only while new or asked for a supplement
    assert code_of(lambda: add(world.applicant)) == "permission_denied"
    assert code_of(lambda: add(other.officer)) == "dossier_not_found"
    assert code_of(lambda: add(world.officer, kind="poster")) == "upload_rejected"
    assert (
        code_of(
            lambda: add(
                world.officer, required_document_id=other.version.required_documents.get().pk
            )
        )
        == "upload_rejected"
    )
    empty = code_of(
        lambda: dossier_document_add(
            dossier_id=dossier.pk,
            actor=world.officer,
            upload=SimpleUploadedFile("e.pdf", b""),
            name="e.pdf",
        )
    )
    assert empty == "upload_rejected"
    assert DossierDocument.objects.count() == 0
    result = add(world.specialist, kind="result")
    assert (result.kind, result.content_type, result.size) == (
        "result",
        "application/pdf",
        len(PDF),
    )
    event = DossierEvent.objects.filter(dossier=dossier).order_by("-sequence")[0]
    assert (event.action, event.data["sha256"]) == ("document_added", result.sha256)


def test_the_applicant_adds_files_when_asked_for_a_supplement():
    world = make_world()
    dossier = dossier_in(S.SUPPLEMENT_REQUESTED, world)
    document = dossier_document_add(
        dossier_id=dossier.pk,
        actor=world.applicant,
        upload=SimpleUploadedFile("b.pdf", PDF),
        name="b.pdf",
        kind="supplement",
    )
    assert document.kind == "supplement"
    assert (
        code_of(
            lambda: dossier_document_add(
                dossier_id=dossier.pk,
                actor=world.applicant,
                upload=SimpleUploadedFile("r.pdf", PDF),
                name="r.pdf",
                kind="result",
            )
        )
        == "permission_denied"
    )
