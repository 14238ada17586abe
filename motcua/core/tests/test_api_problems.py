"""API conventions every app reuses: problem+json everywhere under /api/, keyset cursors."""

from __future__ import annotations

import json
from urllib.parse import quote_plus

import pytest
from django.core import signing
from django.db.models import Q
from django.test import RequestFactory
from hypothesis import given
from hypothesis import strategies as st
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from motcua.core.api import InvalidParameterError, query_params_parse, server_error
from motcua.core.pagination import (
    Cursor,
    InvalidCursorError,
    Keyset,
    cursor_decode,
    cursor_encode,
    keyset_filter,
    next_page_url,
)


@pytest.fixture(autouse=True)
def _static_root(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path


@pytest.mark.parametrize("method", ["get", "post", "delete"])
@pytest.mark.parametrize(
    "path", ["/api/v1/nothing-here", "/api/v2/procedures", "/api/", "/api/v1/procedures/1.001193/x"]
)
def test_unknown_api_path_is_a_404_problem_not_an_html_page(client, method, path):
    response = getattr(client, method)(path)

    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["code"] == "not_found"
    assert body["type"] == "urn:motcua:problem:not_found"
    assert body["status"] == 404


def test_server_error_is_a_problem_under_api_and_html_elsewhere():
    factory = RequestFactory()

    api = server_error(factory.get("/api/v1/procedures"))
    page = server_error(factory.get("/thu-tuc/"))

    assert api.status_code == 500
    assert api["Content-Type"] == "application/problem+json"
    assert json.loads(api.content)["code"] == "server_error"
    assert page.status_code == 500
    assert page["Content-Type"].startswith("text/html")


def test_query_params_parse_names_each_bad_parameter():
    from rest_framework import serializers

    class Params(serializers.Serializer):  # type: ignore[type-arg]
        limit = serializers.IntegerField(min_value=1)
        kind = serializers.ChoiceField(choices=["a", "b"], required=False)

    request = Request(APIRequestFactory().get("/api/v1/x", {"limit": "0", "kind": "c"}))
    with pytest.raises(InvalidParameterError) as caught:
        query_params_parse(Params, request)

    assert caught.value.code == "invalid_parameter"
    assert sorted(caught.value.errors) == ["kind", "limit"]
    assert all(isinstance(m, str) for ms in caught.value.errors.values() for m in ms)
    ok = Request(APIRequestFactory().get("/api/v1/x", {"limit": "3"}))
    assert query_params_parse(Params, ok) == {"limit": 3}


keys = st.lists(
    st.one_of(
        st.text(max_size=20),
        st.integers(min_value=-(2**53), max_value=2**53),
        st.floats(allow_nan=False, allow_infinity=False),
    ),
    min_size=1,
    max_size=4,
)


@given(scope=st.text(min_size=1, max_size=30), values=keys)
def test_cursor_round_trips(scope, values):
    keyset = Keyset(order_by=tuple(f"f{i}" for i in range(len(values))), values=tuple(values))

    encoded = cursor_encode(Cursor(scope, keyset))

    assert encoded.isascii()
    assert not set(encoded) & set("=/+&?# ")
    assert cursor_decode(encoded, scope=scope) == keyset


@given(garbage=st.text(max_size=80))
def test_cursor_decode_rejects_anything_else_with_invalid_cursor(garbage):
    with pytest.raises(InvalidCursorError) as caught:
        cursor_decode(garbage, scope="procedures:code")

    assert caught.value.code == "invalid_cursor"
    assert caught.value.status == 400
    assert list(caught.value.errors) == ["cursor"]


def test_a_cursor_is_bound_to_its_scope_and_cannot_be_forged():
    cursor = cursor_encode(Cursor("procedures:code", Keyset(("procedure__code",), ("1.000948",))))
    payload, _, signature = cursor.rpartition(":")
    forged = signing.dumps(
        {"s": "procedures:code", "o": ["procedure__code"], "k": [1]}, salt="another-salt"
    )

    with pytest.raises(InvalidCursorError):
        cursor_decode(cursor, scope="procedures:relevance:abc")
    with pytest.raises(InvalidCursorError):
        cursor_decode(f"{payload}x:{signature}", scope="procedures:code")
    with pytest.raises(InvalidCursorError):
        cursor_decode(forged, scope="procedures:code")


def test_keyset_filter_is_strictly_after_in_mixed_directions():
    keyset = Keyset(("-rank", "length", "code"), (8, 20, "1.000948"))

    assert keyset_filter(keyset) == (
        Q(rank__lt=8) | Q(rank=8, length__gt=20) | Q(rank=8, length=20, code__gt="1.000948")
    )


def test_next_page_url_keeps_the_query_and_replaces_the_cursor():
    request = Request(
        APIRequestFactory().get(
            "/api/v1/procedures", {"q": "giấy phép", "cursor": "old", "sector": ["a", "b"]}
        )
    )
    cursor = Cursor("procedures:code", Keyset(("procedure__code",), ("1.000948",)))

    url = next_page_url(request, cursor)

    assert url == (
        "http://testserver/api/v1/procedures?q=gi%E1%BA%A5y+ph%C3%A9p&sector=a&sector=b"
        f"&cursor={quote_plus(cursor_encode(cursor))}"
    )
    assert next_page_url(request, None) is None
