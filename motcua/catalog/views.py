"""Public catalog pages: home, list and search, one procedure. Each view calls the selectors."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from motcua.catalog.models import OnlineLevel
from motcua.catalog.selectors import (
    procedure_agency_counts,
    procedure_online_level_counts,
    procedure_page_get,
    procedure_search,
    procedure_sector_counts,
)

PAGE_SIZE = 20
MAX_QUERY_LENGTH = 200


def home(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    sectors = procedure_sector_counts(on=today)
    level_counts = procedure_online_level_counts(on=today)
    return render(
        request,
        "catalog/home.html",
        {
            "sectors": sectors,
            "total": sum(level_counts.values()),
            "online_levels": [
                (level, level_counts.get(level.value, 0))
                for level in (OnlineLevel.FULL, OnlineLevel.PARTIAL)
            ],
            "hide_breadcrumbs": True,
        },
    )


def procedure_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    sector = request.GET.get("sector", "").strip()
    agency = request.GET.get("agency", "").strip()
    level = request.GET.get("level", "").strip()
    if level not in OnlineLevel.values:
        level = ""
    versions = procedure_search(
        query=query,
        sector_code=sector or None,
        agency_identifier=agency or None,
        online_level=level or None,
        on=today,
    )
    page = Paginator(versions, PAGE_SIZE).get_page(request.GET.get("page"))
    sectors = procedure_sector_counts(on=today)
    agencies = procedure_agency_counts(on=today)
    filters = request.GET.copy()
    filters.pop("page", None)
    return render(
        request,
        "catalog/procedure_list.html",
        {
            "page": page,
            "query": query,
            "sector": sector,
            "agency": agency,
            "level": level,
            "sectors": sectors,
            "agencies": agencies,
            "online_levels": OnlineLevel.choices,
            "sector_name": next((s.label for s in sectors if s.value == sector), ""),
            "filter_query": filters.urlencode(),
            "is_filtered": bool(query or sector or agency or level),
        },
    )


def procedure_detail(request: HttpRequest, code: str) -> HttpResponse:
    page = procedure_page_get(code=code, on=timezone.localdate())
    if page is None:
        return render(request, "catalog/procedure_not_found.html", {"code": code}, status=404)
    return render(request, "catalog/procedure_detail.html", {"page": page})
