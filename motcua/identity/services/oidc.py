"""OpenID Connect sign-in (đăng nhập bằng định danh điện tử): authorization code flow with PKCE.

Providers are configured in ``settings.MOTCUA_OIDC_PROVIDERS`` (issuer, client id and secret,
label). The protocol parameters come from Authlib (RFC 6749 requests, RFC 7636 PKCE), the HTTP
calls go through httpx with a timeout, and the ID token is verified with joserfc against the
provider's JWKS (signature, issuer, audience, expiry, nonce). A provider's subject is linked to
one account; a first sign-in creates an active account with the verified contacts it carries.
"""

from __future__ import annotations

import datetime as dt
import secrets
import uuid
from dataclasses import dataclass
from typing import Any

import httpx
from authlib.oauth2.rfc6749.parameters import (  # type: ignore[import-untyped] # no stubs
    prepare_grant_uri,
)
from authlib.oauth2.rfc7636 import (  # type: ignore[import-untyped] # no stubs
    create_s256_code_challenge,
)
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.db import transaction
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet

from motcua.identity.contacts import parse_contact
from motcua.identity.exceptions import OidcError
from motcua.identity.models import AccountKind, CitizenAccount, OidcIdentity


@dataclass(frozen=True, slots=True)
class Provider:
    name: str
    label: str
    issuer: str
    client_id: str
    client_secret: str
    scope: str = "openid profile email phone"


@dataclass(frozen=True, slots=True)
class AuthorizationStart:
    url: str
    state: str
    nonce: str
    code_verifier: str


def oidc_providers() -> list[Provider]:
    """The configured providers, in settings order."""
    return [
        Provider(
            name=name,
            label=str(conf.get("label", name)),
            issuer=str(conf["issuer"]).rstrip("/"),
            client_id=str(conf["client_id"]),
            client_secret=str(conf.get("client_secret", "")),
            scope=str(conf.get("scope", "openid profile email phone")),
        )
        for name, conf in settings.MOTCUA_OIDC_PROVIDERS.items()
    ]


def oidc_provider_get(name: str) -> Provider | None:
    return next((p for p in oidc_providers() if p.name == name), None)


def _client() -> httpx.Client:
    return httpx.Client(timeout=settings.MOTCUA_OIDC_TIMEOUT, follow_redirects=False)


def _discover(provider: Provider) -> dict[str, Any]:
    url = f"{provider.issuer}/.well-known/openid-configuration"
    try:
        with _client() as client:
            response = client.get(url)
            response.raise_for_status()
            metadata: dict[str, Any] = response.json()
    except (httpx.HTTPError, ValueError) as exc:
        raise OidcError(provider=provider.label) from exc
    if metadata.get("issuer", "").rstrip("/") != provider.issuer:
        raise OidcError(provider=provider.label)
    return metadata


def oidc_authorization_start(*, provider: Provider, redirect_uri: str) -> AuthorizationStart:
    """The provider's authorization URL and the secrets to keep in the session until the callback."""
    metadata = _discover(provider)
    state = secrets.token_urlsafe(24)
    nonce = secrets.token_urlsafe(24)
    verifier = secrets.token_urlsafe(48)
    url = prepare_grant_uri(
        metadata["authorization_endpoint"],
        client_id=provider.client_id,
        response_type="code",
        redirect_uri=redirect_uri,
        scope=provider.scope,
        state=state,
        nonce=nonce,
        code_challenge=create_s256_code_challenge(verifier),
        code_challenge_method="S256",
    )
    return AuthorizationStart(url=url, state=state, nonce=nonce, code_verifier=verifier)


def _exchange_and_verify(
    provider: Provider,
    metadata: dict[str, Any],
    *,
    code: str,
    redirect_uri: str,
    start: dict[str, str],
) -> dict[str, Any]:
    with _client() as client:
        token_response = client.post(
            metadata["token_endpoint"],
            data={
                "grant_type": "authorization_code",
                "code": code,
                "redirect_uri": redirect_uri,
                "code_verifier": start["code_verifier"],
            },
            auth=(provider.client_id, provider.client_secret),
        )
        token_response.raise_for_status()
        tokens = token_response.json()
        jwks_response = client.get(metadata["jwks_uri"])
        jwks_response.raise_for_status()
        keys = KeySet.import_key_set(jwks_response.json())
        token = jwt.decode(tokens["id_token"], keys)
        claims = dict(token.claims)
        registry = jwt.JWTClaimsRegistry(
            iss={"essential": True, "value": provider.issuer},
            aud={"essential": True, "value": provider.client_id},
            sub={"essential": True},
            exp={"essential": True},
            nonce={"essential": True, "value": start["nonce"]},
        )
        registry.validate(claims)
        if "userinfo_endpoint" in metadata and tokens.get("access_token"):
            info = client.get(
                metadata["userinfo_endpoint"],
                headers={"Authorization": f"Bearer {tokens['access_token']}"},
            )
            info.raise_for_status()
            userinfo = info.json()
            if userinfo.get("sub") != claims["sub"]:
                raise OidcError(provider=provider.label)
            claims = {**claims, **userinfo}
    return claims


def oidc_authorization_finish(
    *,
    provider: Provider,
    params: dict[str, str],
    start: dict[str, str] | None,
    redirect_uri: str,
    now: dt.datetime,
) -> User:
    """Check the callback, exchange the code, verify the ID token and sign the user in or up."""
    if not start or not params.get("code") or params.get("state") != start.get("state"):
        raise OidcError(provider=provider.label)
    metadata = _discover(provider)
    try:
        claims = _exchange_and_verify(
            provider, metadata, code=params["code"], redirect_uri=redirect_uri, start=start
        )
    except (httpx.HTTPError, ValueError, KeyError, JoseError) as exc:
        raise OidcError(provider=provider.label) from exc
    return oidc_account_link(provider=provider.name, claims=claims, now=now)


def _verified_contact(claims: dict[str, Any], field: str, flag: str) -> str | None:
    value = claims.get(field)
    if not isinstance(value, str) or claims.get(flag) is not True:
        return None
    contact = parse_contact(value)
    return contact.value if contact is not None else None


@transaction.atomic
def oidc_account_link(*, provider: str, claims: dict[str, Any], now: dt.datetime) -> User:
    """The account linked to the provider's subject, created at the first sign-in.

    Never linked to an existing local account by e-mail or phone (that would let a provider
    take over an account); verified contacts not used by another account are copied.
    """
    subject = str(claims["sub"])
    identity = (
        OidcIdentity.objects.select_related("user")
        .filter(provider=provider, subject=subject)
        .first()
    )
    if identity is not None:
        identity.claims = claims
        identity.last_login_at = now
        identity.save(update_fields=["claims", "last_login_at"])
        return identity.user
    user_model = get_user_model()
    user = user_model(username=f"oidc-{uuid.uuid4().hex[:20]}", is_active=True)
    user.set_unusable_password()
    user.save(force_insert=True)
    email = _verified_contact(claims, "email", "email_verified")
    phone = _verified_contact(claims, "phone_number", "phone_number_verified")
    if email and CitizenAccount.objects.filter(email=email).exists():
        email = None
    if phone and CitizenAccount.objects.filter(phone=phone).exists():
        phone = None
    identity_number = str(claims.get("citizen_id") or claims.get("identity_number") or "")
    CitizenAccount.objects.create(
        user=user,
        kind=AccountKind.PERSON,
        full_name=str(claims.get("name") or "")[:255],
        identity_number=identity_number[:20],
        email=email,
        phone=phone,
        email_verified_at=now if email else None,
        phone_verified_at=now if phone else None,
    )
    OidcIdentity.objects.create(
        user=user, provider=provider, subject=subject, claims=claims, last_login_at=now
    )
    return user
