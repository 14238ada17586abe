"""Who may open the back office: signed-in officials (an active staff role) and superusers."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import render

from motcua.backoffice.selectors import Seat, seat_of

View = Callable[..., HttpResponseBase]


def official_required(view: View) -> View:
    """Anonymous visitors go to the login page; accounts without a staff role get 403."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), login_url="backoffice:login")
        seat = seat_of(request.user)
        if not seat.is_official:
            return render(request, "backoffice/forbidden.html", status=403)
        request.seat = seat  # type: ignore[attr-defined]
        return view(request, *args, **kwargs)

    return wrapper


def seat(request: HttpRequest) -> Seat:
    return request.seat  # type: ignore[attr-defined, no-any-return]
