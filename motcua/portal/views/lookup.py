"""Public lookup by dossier code (tra cứu): status and due date; details with a one-time code."""

from __future__ import annotations

import time

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from motcua.core.errors import DomainError
from motcua.dossiers.exceptions import DossierNotFoundError
from motcua.dossiers.models import Dossier
from motcua.dossiers.selectors import dossier_lookup
from motcua.identity.exceptions import RateLimitedError
from motcua.identity.services.dossier_access import (
    dossier_access_code_check,
    dossier_access_code_send,
)
from motcua.portal import forms
from motcua.portal.views.dossiers import detail_context
from motcua.portal.web import rate_limit, summary_of
from motcua.portal.wording import status_label

ACCESS_SESSION_KEY = "portal_dossier_access"
ACCESS_SECONDS = 30 * 60


def lookup_view(request: HttpRequest) -> HttpResponse:
    """The lookup form; a code that is found redirects to its status page."""
    form = forms.LookupForm(request.GET or None)
    if form.is_bound and form.is_valid():
        return redirect("portal:lookup-code", code=form.cleaned_data["code"].strip())
    return render(
        request,
        "portal/lookup.html",
        {"form": form, "summary": summary_of(form)},
        status=400 if form.is_bound else 200,
    )


def lookup_code_view(request: HttpRequest, code: str) -> HttpResponse:
    """Status and due date only (the QR code of the receipt links here)."""
    form = forms.LookupForm(initial={"code": code})
    try:
        rate_limit(request, "lookup", limit=30, window_seconds=60)
        public = dossier_lookup(code=code)
    except RateLimitedError as exc:
        return render(
            request,
            "portal/lookup.html",
            {"form": form, "summary": [], "error": exc.message},
            status=429,
        )
    except DossierNotFoundError:
        form = forms.LookupForm({"code": code})
        form.is_valid()
        form.add_error(
            "code",
            _("No dossier has this code. Check it against your receipt (letters, digits, dashes)."),
        )
        return render(
            request, "portal/lookup.html", {"form": form, "summary": summary_of(form)}, status=404
        )
    return render(
        request,
        "portal/lookup_result.html",
        {
            "public": public,
            "status": status_label(public.status),
            "code_form": forms.LookupCodeForm(),
        },
    )


@require_POST
def lookup_send_code_view(request: HttpRequest, code: str) -> HttpResponse:
    try:
        rate_limit(request, "lookup-code-send", limit=5, window_seconds=3600, key=code)
        destination = dossier_access_code_send(dossier_code=code, now=timezone.now())
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("portal:lookup-code", code=code)
    if destination is None:
        messages.error(
            request,
            _("This dossier has no phone number or e-mail to send a code to. Sign in to see it."),
        )
        return redirect("portal:lookup-code", code=code)
    messages.info(
        request,
        _("We sent a 6-digit code to %(destination)s. Enter it below.")
        % {"destination": destination},
    )
    return redirect(f"{reverse('portal:lookup-code', args=[code])}#code-form")


@require_POST
def lookup_check_code_view(request: HttpRequest, code: str) -> HttpResponse:
    form = forms.LookupCodeForm(request.POST)
    error = ""
    if form.is_valid():
        try:
            rate_limit(request, "lookup-code-check", limit=20, window_seconds=900)
            dossier_access_code_check(
                dossier_code=code, code=form.cleaned_data["code"], now=timezone.now()
            )
        except DomainError as exc:
            error = exc.message
        else:
            access = request.session.get(ACCESS_SESSION_KEY, {})
            access[code] = time.time() + ACCESS_SECONDS
            request.session[ACCESS_SESSION_KEY] = access
            return redirect("portal:lookup-details", code=code)
    if error:
        form.add_error("code", error)
    try:
        public = dossier_lookup(code=code)
    except DossierNotFoundError:
        return redirect("portal:lookup")
    return render(
        request,
        "portal/lookup_result.html",
        {
            "public": public,
            "status": status_label(public.status),
            "code_form": form,
            "summary": summary_of(form),
        },
        status=400,
    )


def lookup_details_view(request: HttpRequest, code: str) -> HttpResponse:
    """The dossier's details and history, after the one-time code (read only, no files)."""
    access = request.session.get(ACCESS_SESSION_KEY, {})
    if access.get(code, 0) < time.time():
        return redirect("portal:lookup-code", code=code)
    dossier = (
        Dossier.objects.select_related("procedure_version", "agency").filter(code=code).first()
    )
    if dossier is None:
        return redirect("portal:lookup")
    return render(request, "portal/lookup_details.html", detail_context(request, dossier))
