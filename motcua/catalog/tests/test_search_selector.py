"""procedure_search: relevance, diacritics, typos; identical on SQLite and PostgreSQL."""

import datetime as dt

import pytest

from motcua.catalog.models import OnlineLevel
from motcua.catalog.selectors import procedure_search
from motcua.catalog.tests.factories import (
    ProcedureFactory,
    ProcedureVersionFactory,
    SectorFactory,
)
from motcua.organizations.tests.factories import AgencyFactory

TODAY = dt.date(2025, 9, 1)

CATALOG = [
    (
        "1.009994",
        "Cấp giấy phép xây dựng mới đối với công trình cấp đặc biệt",
        "Hoạt động xây dựng",
    ),
    ("1.009995", "Cấp giấy phép xây dựng", "Hoạt động xây dựng"),
    ("1.009996", "Điều chỉnh giấy phép xây dựng", "Hoạt động xây dựng"),
    ("1.009997", "Gia hạn giấy phép xây dựng", "Hoạt động xây dựng"),
    ("1.001193", "Đăng ký khai sinh", "Hộ tịch"),
    ("1.001612", "Đăng ký thành lập hộ kinh doanh", "Thành lập và hoạt động của hộ kinh doanh"),
    ("2.000815", "Chứng thực bản sao từ bản chính giấy tờ, văn bản", "Chứng thực"),
    ("1.000656", "Cấp giấy phép lái xe", "Đường bộ"),
    ("1.004227", "Cấp phép khai thác nước dưới đất", "Tài nguyên nước"),
]


@pytest.fixture
def catalog(db):
    sectors: dict[str, object] = {}
    for code, name, sector_name in CATALOG:
        sector = sectors.setdefault(
            sector_name, SectorFactory(code=f"S{len(sectors):02d}", name=sector_name)
        )
        ProcedureVersionFactory(procedure=ProcedureFactory(code=code), name=name, sector=sector)


def names(versions):
    return [v.name for v in versions]


@pytest.mark.parametrize(
    "query",
    [
        "Cấp giấy phép xây dựng",
        "cap giay phep xay dung",
        "CAP GIAY PHEP XAY DUNG",
        "cap giay phep xay dugn",
        "giay phep xay dungg",
        "cap giay phep xay dunh",
        "cấp giấy phép xây",
    ],
)
def test_finds_building_permit_first(catalog, query):
    results = list(procedure_search(query=query, on=TODAY))
    assert results[0].name == "Cấp giấy phép xây dựng"


def test_partial_phrase_ranks_whole_family(catalog):
    results = names(procedure_search(query="giấy phép xây", on=TODAY))
    # every building-permit procedure, the shortest (closest) first, and not the driving licence
    assert results == [
        "Cấp giấy phép xây dựng",
        "Gia hạn giấy phép xây dựng",
        "Điều chỉnh giấy phép xây dựng",
        "Cấp giấy phép xây dựng mới đối với công trình cấp đặc biệt",
    ]


def test_phrase_beats_scattered_words(catalog):
    results = names(procedure_search(query="cap phep", on=TODAY))
    assert results[0] == "Cấp phép khai thác nước dưới đất"


def test_d_with_stroke_folds(catalog):
    assert names(procedure_search(query="dang ky khai sinh", on=TODAY)) == ["Đăng ký khai sinh"]
    assert names(procedure_search(query="Đăng ký khai sinh", on=TODAY)) == ["Đăng ký khai sinh"]


def test_last_word_may_be_unfinished(catalog):
    assert names(procedure_search(query="ho kinh doa", on=TODAY)) == [
        "Đăng ký thành lập hộ kinh doanh"
    ]


def test_unknown_words_find_nothing(catalog):
    assert list(procedure_search(query="qwxz zzzz", on=TODAY)) == []


def test_code_is_searchable(catalog):
    assert names(procedure_search(query="1.001193", on=TODAY)) == ["Đăng ký khai sinh"]


def test_without_query_all_by_code(catalog):
    codes = [v.procedure.code for v in procedure_search(query="  ", on=TODAY)]
    assert codes == sorted(code for code, _, _ in CATALOG)


def test_filters(db):
    agency = AgencyFactory()
    sector = SectorFactory(code="XD", name="Xây dựng")
    full = ProcedureVersionFactory(
        name="Cấp giấy phép xây dựng", sector=sector, online_level=OnlineLevel.FULL
    )
    full.agencies.add(agency)
    ProcedureVersionFactory(name="Gia hạn giấy phép xây dựng", online_level=OnlineLevel.PARTIAL)
    assert names(procedure_search(query="xay dung", sector_code="XD", on=TODAY)) == [full.name]
    assert names(
        procedure_search(query="giay phep", agency_identifier=agency.identifier, on=TODAY)
    ) == [full.name]
    assert names(procedure_search(query=None, online_level=OnlineLevel.FULL, on=TODAY)) == [
        full.name
    ]


def test_only_version_in_force(db):
    procedure = ProcedureFactory(code="1.000001")
    ProcedureVersionFactory(
        procedure=procedure, number=1, name="Cấp giấy phép cũ", effective_from=dt.date(2020, 1, 1)
    )
    ProcedureVersionFactory(
        procedure=procedure, number=2, name="Cấp giấy phép mới", effective_from=dt.date(2025, 1, 1)
    )
    ProcedureVersionFactory(
        procedure=procedure,
        number=3,
        name="Cấp giấy phép tương lai",
        effective_from=dt.date(2026, 1, 1),
    )
    assert names(procedure_search(query="cap giay phep", on=TODAY)) == ["Cấp giấy phép mới"]
    assert names(procedure_search(query="cap giay phep", on=dt.date(2021, 1, 1))) == [
        "Cấp giấy phép cũ"
    ]


def test_ended_procedure_is_not_in_force(db):
    ProcedureVersionFactory(
        name="Cấp giấy phép bãi bỏ",
        effective_from=dt.date(2020, 1, 1),
        effective_to=dt.date(2024, 12, 31),
    )
    assert list(procedure_search(query="bai bo", on=TODAY)) == []
    assert len(procedure_search(query="bai bo", on=dt.date(2024, 12, 31))) == 1


def test_vocabulary_follows_new_versions(catalog):
    assert list(procedure_search(query="phuong tien thuy", on=TODAY)) == []
    ProcedureVersionFactory(name="Đăng ký phương tiện thủy nội địa")
    assert names(procedure_search(query="phuong tien thuyy", on=TODAY)) == [
        "Đăng ký phương tiện thủy nội địa"
    ]
