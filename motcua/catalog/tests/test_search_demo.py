"""Search over the real demo catalog (the repository's own packet), as a citizen types."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command

from motcua.catalog.selectors import procedure_search
from motcua.core.text import fold

TODAY = dt.date(2026, 1, 15)


@pytest.fixture
def demo_catalog(db):
    call_command("demo_load", stdout=StringIO(), stderr=StringIO())


def first_names(query, count=2):
    return [fold(v.name) for v in procedure_search(query=query, on=TODAY)[:count]]


def test_real_procedures_are_found_as_citizens_type_them(demo_catalog):
    for query in [
        "Cấp giấy phép xây dựng",
        "cap giay phep xay dung",
        "giấy phép xây",
        "cap giay phep xay dugn",
        "giay phep xay dungg",
    ]:
        names = first_names(query)
        assert names, query
        assert all(name.startswith("cap giay phep xay dung") for name in names), (query, names)
    assert first_names("dang ky khai sinh", 1) == ["thu tuc dang ky khai sinh"]
    assert first_names("ly lich tu phap", 1)[0].startswith("cap phieu ly lich tu phap")
    assert first_names("chung thuc ban sao", 1)[0].startswith("chung thuc ban sao tu ban chinh")


def test_list_and_page_cost_a_fixed_number_of_queries(
    demo_catalog, client, django_assert_max_num_queries
):
    with django_assert_max_num_queries(7):
        assert client.get("/thu-tuc/", {"q": "giay phep"}).status_code == 200
    with django_assert_max_num_queries(6):
        assert client.get("/thu-tuc/1.001193/").status_code == 200
    with django_assert_max_num_queries(2):
        assert client.get("/").status_code == 200
