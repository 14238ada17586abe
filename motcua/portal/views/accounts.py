"""Sign up, sign in, verify, reset the password, OpenID Connect (tài khoản công dân)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from motcua.core.errors import DomainError, ValidationFailedError
from motcua.identity.exceptions import RateLimitedError
from motcua.identity.services import accounts, oidc
from motcua.portal import forms
from motcua.portal.web import add_errors, rate_limit, safe_next, summary_of

OIDC_SESSION_KEY = "portal_oidc"
CONTACT_SESSION_KEY = "portal_contact"


def _page(
    request: HttpRequest, template: str, form: forms.PortalForm, **context: object
) -> HttpResponse:
    status = 400 if form.is_bound and form.errors else 200
    return render(
        request,
        template,
        {"form": form, "summary": summary_of(form), **context},
        status=429 if context.get("limited") else status,
    )


def login_view(request: HttpRequest) -> HttpResponse:
    default = reverse("portal:my-dossiers")
    form = forms.LoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        contact = form.cleaned_data["contact"]
        try:
            rate_limit(request, "login", limit=10, window_seconds=900, key=contact.strip().lower())
            rate_limit(request, "login-ip", limit=50, window_seconds=900)
        except RateLimitedError as exc:
            form.add_error(None, exc.message)
            return _page(request, "portal/login.html", form, limited=True)
        user = authenticate(request, username=contact, password=form.cleaned_data["password"])
        if user is not None:
            login(request, user)
            return redirect(safe_next(request, default))
        # One message for a wrong contact, a wrong password or an account not activated.
        form.add_error(
            None,
            _(
                "The phone number or e-mail and password do not match. Check them, or reset "
                "your password."
            ),
        )
    return _page(
        request,
        "portal/login.html",
        form,
        next=safe_next(request, ""),
        providers=oidc.oidc_providers(),
    )


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("catalog:home")


def register_view(request: HttpRequest) -> HttpResponse:
    form = forms.RegisterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            rate_limit(request, "register", limit=10, window_seconds=3600)
            contact = accounts.account_register(
                data=accounts.Registration(
                    contact=data["contact"],
                    password=data["password"],
                    full_name=data["full_name"],
                    kind=data["kind"],
                    identity_number=data["identity_number"],
                    organization_name=data["organization_name"],
                ),
                now=timezone.now(),
            )
        except ValidationFailedError as exc:
            add_errors(form, exc.errors)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            request.session[CONTACT_SESSION_KEY] = contact.value
            messages.info(
                request,
                _("We sent a 6-digit code to %(contact)s. Enter it to activate your account.")
                % {"contact": contact.value},
            )
            return redirect("portal:verify")
    return _page(request, "portal/register.html", form)


def verify_view(request: HttpRequest) -> HttpResponse:
    initial = {"contact": request.session.get(CONTACT_SESSION_KEY, "")}
    form = forms.VerifyForm(request.POST or None, initial=initial)
    if request.method == "POST" and "resend" in request.POST:
        form = forms.VerifyForm(initial={"contact": request.POST.get("contact", "")})
        try:
            rate_limit(request, "code-resend", limit=5, window_seconds=3600)
            accounts.account_resend_verification(
                contact_text=request.POST.get("contact", ""), now=timezone.now()
            )
            messages.info(
                request, _("If this contact is waiting for activation, a new code was sent.")
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        return _page(request, "portal/verify.html", form)
    if request.method == "POST" and form.is_valid():
        try:
            rate_limit(request, "code-check", limit=20, window_seconds=900)
            user = accounts.account_verify(
                contact_text=form.cleaned_data["contact"],
                code=form.cleaned_data["code"],
                now=timezone.now(),
            )
        except ValidationFailedError as exc:
            add_errors(form, exc.errors)
        except DomainError as exc:
            form.add_error("code" if exc.code == "invalid_code" else None, exc.message)
        else:
            login(request, user, backend="motcua.identity.backends.ContactBackend")
            messages.success(request, _("Your account is active. Welcome!"))
            return redirect("portal:my-dossiers")
    return _page(request, "portal/verify.html", form)


def reset_request_view(request: HttpRequest) -> HttpResponse:
    form = forms.ResetRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            rate_limit(request, "reset", limit=10, window_seconds=3600)
            contact = accounts.password_reset_request(
                contact_text=form.cleaned_data["contact"], now=timezone.now()
            )
        except ValidationFailedError as exc:
            add_errors(form, exc.errors)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            request.session[CONTACT_SESSION_KEY] = contact.value
            messages.info(
                request,
                _(
                    "If %(contact)s has an account, we sent it a 6-digit code. Enter it with "
                    "your new password."
                )
                % {"contact": contact.value},
            )
            return redirect("portal:reset-confirm")
    return _page(request, "portal/reset_request.html", form)


def reset_confirm_view(request: HttpRequest) -> HttpResponse:
    initial = {"contact": request.session.get(CONTACT_SESSION_KEY, "")}
    form = forms.ResetConfirmForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            rate_limit(request, "code-check", limit=20, window_seconds=900)
            user = accounts.password_reset_confirm(
                contact_text=form.cleaned_data["contact"],
                code=form.cleaned_data["code"],
                new_password=form.cleaned_data["password"],
                now=timezone.now(),
            )
        except ValidationFailedError as exc:
            add_errors(form, exc.errors)
        except DomainError as exc:
            form.add_error("code" if exc.code == "invalid_code" else None, exc.message)
        else:
            login(request, user, backend="motcua.identity.backends.ContactBackend")
            messages.success(request, _("Your password was changed and you are signed in."))
            return redirect("portal:my-dossiers")
    return _page(request, "portal/reset_confirm.html", form)


def _oidc_redirect_uri(request: HttpRequest, provider: str) -> str:
    return request.build_absolute_uri(reverse("portal:oidc-callback", args=[provider]))


def oidc_start_view(request: HttpRequest, provider: str) -> HttpResponse:
    conf = oidc.oidc_provider_get(provider)
    if conf is None:
        return redirect("portal:login")
    try:
        start = oidc.oidc_authorization_start(
            provider=conf, redirect_uri=_oidc_redirect_uri(request, provider)
        )
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("portal:login")
    request.session[OIDC_SESSION_KEY] = {
        "provider": provider,
        "state": start.state,
        "nonce": start.nonce,
        "code_verifier": start.code_verifier,
        "next": safe_next(request, ""),
    }
    return HttpResponseRedirect(start.url)


def oidc_callback_view(request: HttpRequest, provider: str) -> HttpResponse:
    conf = oidc.oidc_provider_get(provider)
    start = request.session.pop(OIDC_SESSION_KEY, None)
    if conf is None or not start or start.get("provider") != provider:
        return redirect("portal:login")
    try:
        user = oidc.oidc_authorization_finish(
            provider=conf,
            params={k: str(v) for k, v in request.GET.items()},
            start=start,
            redirect_uri=_oidc_redirect_uri(request, provider),
            now=timezone.now(),
        )
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("portal:login")
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    return redirect(start.get("next") or reverse("portal:my-dossiers"))
