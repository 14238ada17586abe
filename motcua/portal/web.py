"""Interface helpers shared by the portal views: client key, sign-in guard, error summaries."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any, TypeVar
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme

from motcua.identity.services.ratelimit import rate_limit_hit

View = TypeVar("View", bound=Callable[..., HttpResponse])


def client_key(request: HttpRequest) -> str:
    """The client's address (hashed by the limiter before it is stored)."""
    return str(request.META.get("REMOTE_ADDR", "unknown"))


def rate_limit(
    request: HttpRequest, scope: str, *, limit: int, window_seconds: int, key: str = ""
) -> None:
    """Count one attempt of this client (and ``key``) in ``scope``; raises RateLimitedError."""
    rate_limit_hit(
        scope=scope,
        key=f"{client_key(request)}|{key}",
        limit=limit,
        window_seconds=window_seconds,
        now=timezone.now(),
    )


def citizen_required(view: View) -> View:
    """Send visitors who are not signed in to the sign-in page, then back."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            query = urlencode({"next": request.get_full_path()})
            return HttpResponseRedirect(f"{reverse(settings.LOGIN_URL)}?{query}")
        return view(request, *args, **kwargs)

    return wrapper  # type: ignore[return-value]


def citizen(request: HttpRequest) -> User:
    """The signed-in user of a view guarded by ``citizen_required``."""
    user = request.user
    if not isinstance(user, User):
        raise PermissionError("citizen_required must guard this view")
    return user


def safe_next(request: HttpRequest, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


@dataclass(frozen=True, slots=True)
class SummaryItem:
    field_id: str
    message: str


def summary_of(form: forms.Form) -> list[SummaryItem]:
    """The form's errors as links to their fields, for the error summary at the top of the page."""
    items: list[SummaryItem] = []
    for name, errors in form.errors.items():
        field_id = f"id_{name}" if name in form.fields else "main"
        items.extend(SummaryItem(field_id, str(message)) for message in errors)
    return items


def add_errors(form: forms.Form, errors: dict[str, list[str]]) -> None:
    """Put a service's field errors on the form (unknown fields become form-wide errors)."""
    for name, messages in errors.items():
        for message in messages:
            form.add_error(name if name in form.fields else None, message)
