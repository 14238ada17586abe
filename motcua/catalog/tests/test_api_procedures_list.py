"""GET /api/v1/procedures: filters, search, keyset pagination, errors and query count."""

from __future__ import annotations

import base64
import datetime as dt
import json
from urllib.parse import parse_qs, urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from motcua.catalog.models import (
    Channel,
    OnlineLevel,
    ProcedureChannel,
    ProcedureVersion,
    TimeLimit,
    TimeLimitUnit,
)
from motcua.catalog.selectors import procedure_search
from motcua.catalog.tests.factories import (
    ProcedureFactory,
    ProcedureVersionFactory,
    SectorFactory,
)
from motcua.organizations.models import AgencyLevel
from motcua.organizations.tests.factories import AgencyFactory

URL = "/api/v1/procedures"

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _static_root(settings, tmp_path):
    # WhiteNoise warns (an error under filterwarnings) when STATIC_ROOT does not exist yet.
    settings.STATIC_ROOT = tmp_path


def codes(response) -> list[str]:
    return [item["code"] for item in response.json()["results"]]


def walk(client, url: str) -> list[str]:
    """Follow ``next`` links to the end; return every code served, in order."""
    served: list[str] = []
    pages = 0
    while url:
        response = client.get(url)
        assert response.status_code == 200, response.content
        served += codes(response)
        url = response.json()["next"]
        pages += 1
        assert pages < 100
    return served


def test_item_shape_summarises_time_limits_per_channel(client):
    # given a procedure with a counter channel (factory) and an online channel of 3 working days
    version = ProcedureVersionFactory(
        name="Đăng ký khai sinh",
        online_level=OnlineLevel.FULL,
        levels=[{"TENCAP": "Cấp xã", "MACAP": "unknown key"}, {"TENCAP": "Cấp tỉnh"}],
    )
    online = ProcedureChannel.objects.create(
        version=version, position=1, channel=Channel.ONLINE, name="Trực tuyến"
    )
    TimeLimit.objects.create(channel=online, position=0, amount=3, unit=TimeLimitUnit.WORKING_DAY)
    # when
    response = client.get(URL)
    # then
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "results": [
            {
                "code": version.procedure.code,
                "name": "Đăng ký khai sinh",
                "sector": {"code": version.sector.code, "name": version.sector.name},
                "online_level": "full",
                "levels": ["Cấp xã", "Cấp tỉnh"],
                "version": 1,
                "channels": [
                    {"channel": 1, "time_limits": [{"amount": 5.0, "unit": "working_day"}]},
                    {"channel": 2, "time_limits": [{"amount": 3.0, "unit": "working_day"}]},
                ],
                "url": f"http://testserver/api/v1/procedures/{version.procedure.code}",
            }
        ],
        "next": None,
    }


def test_only_versions_in_force_today_are_listed(client):
    today = timezone.localdate()
    current = ProcedureVersionFactory(effective_from=today - dt.timedelta(days=10))
    ProcedureVersionFactory(effective_from=today + dt.timedelta(days=10))  # not yet
    ended = ProcedureVersionFactory(
        effective_from=today - dt.timedelta(days=100),
        effective_to=today - dt.timedelta(days=1),
    )
    # a procedure with two versions is listed once, with the newer version
    ProcedureVersionFactory(
        procedure=current.procedure, number=2, effective_from=today - dt.timedelta(days=1)
    )

    response = client.get(URL)

    assert codes(response) == [current.procedure.code]
    assert response.json()["results"][0]["version"] == 2
    assert ended.procedure.code not in codes(response)


def test_filters_by_sector_agency_online_level_and_channel(client):
    sector = SectorFactory(code="G09-TP-HT", name="Hộ tịch")
    agency = AgencyFactory(identifier="000.00.10.H29")
    in_sector = ProcedureVersionFactory(sector=sector)
    by_agency = ProcedureVersionFactory()
    by_agency.agencies.add(agency)
    full = ProcedureVersionFactory(online_level=OnlineLevel.FULL)
    postal = ProcedureVersionFactory()
    ProcedureChannel.objects.create(version=postal, position=1, channel=Channel.POSTAL)

    assert codes(client.get(URL, {"sector": "G09-TP-HT"})) == [in_sector.procedure.code]
    assert codes(client.get(URL, {"agency": "000.00.10.H29"})) == [by_agency.procedure.code]
    assert codes(client.get(URL, {"online_level": "full"})) == [full.procedure.code]
    assert codes(client.get(URL, {"channel": "3"})) == [postal.procedure.code]
    assert len(codes(client.get(URL, {"channel": "1"}))) == 4  # every factory version
    assert codes(client.get(URL, {"sector": "G09-TP-HT", "online_level": "full"})) == []
    assert codes(client.get(URL, {"agency": "000.00.99.H29"})) == []  # well-formed, unknown


def test_agency_filter_includes_the_agencies_below_it_at_any_depth(client):
    # given a province with a department, a commune under the department, and another province
    province = AgencyFactory(identifier="000.00.00.H29", level=AgencyLevel.PROVINCE)
    department = AgencyFactory(identifier="000.00.10.H29", parent=province)
    commune = AgencyFactory(
        identifier="000.10.01.H29", parent=department, level=AgencyLevel.COMMUNE
    )
    other = AgencyFactory(identifier="000.00.00.H30", level=AgencyLevel.PROVINCE)
    at_province = ProcedureVersionFactory()
    at_province.agencies.add(province)
    at_department = ProcedureVersionFactory()
    at_department.agencies.add(department)
    at_commune_and_department = ProcedureVersionFactory()  # listed once, not twice
    at_commune_and_department.agencies.add(commune, department)
    at_commune = ProcedureVersionFactory()
    at_commune.agencies.add(commune)
    elsewhere = ProcedureVersionFactory()
    elsewhere.agencies.add(other)
    ProcedureVersionFactory()  # linked to no agency

    def listed(identifier: str) -> list[str]:
        return codes(client.get(URL, {"agency": identifier, "limit": 100}))

    # then each agency finds its own procedures and those of every agency below it
    whole_tree = [at_province, at_department, at_commune_and_department, at_commune]
    assert listed("000.00.00.H29") == sorted(v.procedure.code for v in whole_tree)
    assert listed("000.00.10.H29") == sorted(
        v.procedure.code for v in [at_department, at_commune_and_department, at_commune]
    )
    assert listed("000.10.01.H29") == sorted(
        v.procedure.code for v in [at_commune_and_department, at_commune]
    )
    assert listed("000.00.00.H30") == [elsewhere.procedure.code]


def test_search_finds_without_diacritics_and_ranks_like_the_selector(client):
    wanted = ProcedureVersionFactory(name="Cấp giấy phép xây dựng")
    ProcedureVersionFactory(name="Cấp giấy phép kinh doanh")
    ProcedureVersionFactory(name="Đăng ký khai sinh")

    for query in ["cap giay phep xay dung", "giấy phép xây", "cap giay phep xay dugn"]:
        response = client.get(URL, {"q": query})
        expected = [
            v.procedure.code for v in procedure_search(query=query, on=timezone.localdate())
        ]
        assert codes(response) == expected
        assert codes(response)[0] == wanted.procedure.code


@pytest.mark.parametrize("query", ["zzzzqqq", "!!!", "   "])
def test_a_query_with_no_known_word_is_an_empty_list_or_the_code_order(client, query):
    version = ProcedureVersionFactory(name="Cấp giấy phép xây dựng")

    response = client.get(URL, {"q": query})

    assert response.status_code == 200
    # no letters at all is no query (the list by code); an unknown word finds nothing
    expected = [] if query == "zzzzqqq" else [version.procedure.code]
    assert response.json()["next"] is None
    assert codes(response) == expected


def test_pages_by_code_cover_everything_once_in_order(client):
    created = sorted(ProcedureVersionFactory().procedure.code for _ in range(7))

    assert walk(client, f"{URL}?limit=2") == created
    first = client.get(URL, {"limit": 3}).json()
    assert len(first["results"]) == 3
    assert first["next"].startswith("http://testserver/api/v1/procedures?")


def test_pages_by_relevance_follow_the_ranking_through_ties(client):
    # given names that score differently, and several that tie exactly
    for name in [
        "Cấp giấy phép xây dựng",
        "Cấp giấy phép xây dựng nhà ở riêng lẻ",
        "Cấp lại giấy phép xây dựng",
        "Giấy phép",
        "Cấp giấy phép kinh doanh",
        "Cấp giấy phép kinh doanh",
        "Cấp giấy phép kinh doanh",
        "Đăng ký khai sinh",
    ]:
        ProcedureVersionFactory(name=name)
    query = "giay phep"
    ranked = [v.procedure.code for v in procedure_search(query=query, on=timezone.localdate())]
    assert len(ranked) == 7  # all but the birth registration

    # when walking one or two at a time, then the pages concatenate to the one-page ranking
    assert walk(client, f"{URL}?q={query}&limit=1") == ranked
    assert walk(client, f"{URL}?q={query}&limit=2") == ranked
    assert walk(client, f"{URL}?q={query}&limit=1&sector=nope") == []


def test_cursor_keeps_its_place_when_rows_change_between_pages(client):
    versions = [
        ProcedureVersionFactory(procedure=ProcedureFactory(code=f"1.00010{i}")) for i in range(6)
    ]
    first = client.get(URL, {"limit": 3}).json()
    assert [r["code"] for r in first["results"]] == ["1.000100", "1.000101", "1.000102"]

    # meanwhile: a row before the cursor is added, one already served and one ahead abolished
    ProcedureVersionFactory(procedure=ProcedureFactory(code="1.000050"))
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    ProcedureVersion.objects.filter(pk__in=[versions[0].pk, versions[4].pk]).update(
        effective_to=yesterday
    )

    second = client.get(first["next"]).json()
    assert [r["code"] for r in second["results"]] == ["1.000103", "1.000105"]
    assert second["next"] is None


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"online_level": "toan_trinh"}, "online_level"),
        ({"channel": "4"}, "channel"),
        ({"channel": "online"}, "channel"),
        ({"limit": "0"}, "limit"),
        ({"limit": "101"}, "limit"),
        ({"limit": "ten"}, "limit"),
        ({"agency": "H29"}, "agency"),
        ({"q": "x" * 201}, "q"),
    ],
)
def test_bad_filter_values_are_400_invalid_parameter_naming_the_field(client, params, field):
    response = client.get(URL, params)

    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["code"] == "invalid_parameter"
    assert body["type"] == "urn:motcua:problem:invalid_parameter"
    assert body["status"] == 400
    assert list(body["errors"]) == [field]
    assert all(isinstance(m, str) and m for m in body["errors"][field])


def _encode(payload) -> str:
    return base64.urlsafe_b64encode(json.dumps(payload).encode()).decode().rstrip("=")


@pytest.mark.parametrize(
    "cursor",
    [
        "not-a-cursor!",
        "e30",  # {}
        _encode({"o": "code", "k": [1]}),  # wrong key type
        _encode({"o": "code", "k": ["1.000100", "extra"]}),  # wrong key length
        _encode({"o": "price", "k": ["1.000100"]}),  # unknown ordering
        _encode(["code", "1.000100"]),
        base64.urlsafe_b64encode(b"\xff\xfe").decode(),  # not UTF-8 JSON
    ],
)
def test_bad_cursor_is_400_invalid_cursor(client, cursor):
    ProcedureVersionFactory()

    response = client.get(URL, {"cursor": cursor})

    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["code"] == "invalid_cursor"
    assert list(response.json()["errors"]) == ["cursor"]


def test_a_cursor_only_works_for_the_order_and_query_it_came_from(client):
    for _ in range(3):
        ProcedureVersionFactory(name="Cấp giấy phép xây dựng")
    by_code = client.get(URL, {"limit": 1}).json()["next"]
    by_relevance = client.get(URL, {"limit": 1, "q": "giay phep"}).json()["next"]
    code_cursor = parse_qs(urlsplit(by_code).query)["cursor"][0]
    relevance_cursor = parse_qs(urlsplit(by_relevance).query)["cursor"][0]

    assert client.get(URL, {"cursor": code_cursor, "q": "giay phep"}).json()["code"] == (
        "invalid_cursor"
    )
    assert client.get(URL, {"cursor": relevance_cursor}).json()["code"] == "invalid_cursor"
    assert client.get(URL, {"cursor": relevance_cursor, "q": "xay dung"}).json()["code"] == (
        "invalid_cursor"
    )
    # the same query, typed with diacritics, is the same list
    same = client.get(URL, {"cursor": relevance_cursor, "q": "Giấy phép"})
    assert same.status_code == 200


@pytest.mark.parametrize("query", ["", "giay phep"])
def test_query_count_does_not_grow_with_the_number_of_items(client, query):
    counts = []
    for total in (5, 50):
        while ProcedureVersion.objects.count() < total:
            ProcedureVersionFactory(name="Cấp giấy phép xây dựng")
        client.get(URL, {"q": query, "limit": 100})  # warm the search vocabulary
        with CaptureQueriesContext(connection) as queries:
            response = client.get(URL, {"q": query, "limit": 100})
        assert len(response.json()["results"]) == total
        counts.append(len(queries))
    assert counts[0] == counts[1]
    assert counts[1] <= 5


def test_query_count_is_bounded_at_5_and_50_items(client, django_assert_max_num_queries):
    for total in (5, 50):
        while ProcedureVersion.objects.count() < total:
            ProcedureVersionFactory(name="Cấp giấy phép xây dựng")
        with django_assert_max_num_queries(4):
            response = client.get(URL, {"limit": 100})
        assert len(response.json()["results"]) == total
