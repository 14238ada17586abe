import datetime as dt
import re
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections, transaction

from motcua.dossiers.models import Dossier, DossierCodeCounter
from motcua.dossiers.services import transitions as t
from motcua.dossiers.services.codes import format_code
from motcua.dossiers.tests.factories import MONDAY, make_world, submit

CODE_RE = re.compile(r"^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}-\d{6}-\d{4}$")


@pytest.mark.django_db
def test_codes_follow_the_circular_and_count_per_agency_and_day():
    world, other = make_world("000.00.00.H29"), make_world("000.00.00.H49")
    first = submit(world)
    second = submit(world)
    elsewhere = submit(other)
    next_day = submit(world, now=MONDAY + dt.timedelta(days=1))
    assert [first.code, second.code, elsewhere.code, next_day.code] == [
        "000.00.00.H29-260302-0001",
        "000.00.00.H29-260302-0002",
        "000.00.00.H49-260302-0001",
        "000.00.00.H29-260303-0001",
    ]
    assert all(CODE_RE.fullmatch(d.code) for d in (first, second, elsewhere, next_day))


@pytest.mark.django_db
def test_the_code_date_is_the_local_date():
    world = make_world("000.00.00.H29")
    # 23:30 UTC on 1 March is 06:30 on 2 March in Vietnam.
    dossier = submit(world, now=dt.datetime(2026, 3, 1, 23, 30, tzinfo=dt.UTC))
    assert dossier.code == "000.00.00.H29-260302-0001"


@pytest.mark.django_db
def test_a_rolled_back_submission_leaves_no_gap():
    world = make_world("000.00.00.H29")

    def submit_then_fail() -> None:
        with transaction.atomic():
            submit(world)
            raise RuntimeError("the caller's transaction fails after the code was taken")

    with pytest.raises(RuntimeError):
        submit_then_fail()
    assert submit(world).code.endswith("-0001")


def test_numbers_beyond_9999_keep_growing():
    assert format_code("000.00.00.H29", dt.date(2026, 3, 2), 12345) == "000.00.00.H29-260302-12345"


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite serializes every write transaction: concurrent receptions need PostgreSQL",
)
@pytest.mark.django_db(transaction=True)
def test_200_concurrent_receptions_get_200_distinct_consecutive_codes():
    world = make_world("000.00.00.H29")

    def receive(_: int) -> str:
        try:
            return t.dossier_receive_at_counter(
                actor=world.officer,
                procedure_version_id=world.version.pk,
                receiving_unit_id=world.reception.pk,
                applicant=world.applicant_input(),
                form_data={},
                checklist=[],
                now=MONDAY,
            ).code
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=32) as pool:
        codes = list(pool.map(receive, range(200)))
    assert len(set(codes)) == 200
    numbers = sorted(int(code.rsplit("-", 1)[1]) for code in codes)
    assert numbers == list(range(1, 201))
    assert Dossier.objects.count() == 200
    assert DossierCodeCounter.objects.get().last_number == 200
