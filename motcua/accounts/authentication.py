"""DRF authentication by ``Authorization: Bearer <token>``; ``request.auth`` is the ApiToken."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions
from rest_framework.request import Request

from motcua.accounts.models import ApiToken
from motcua.accounts.services.tokens import token_get_active


class BearerTokenAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request: Request) -> tuple[Any, ApiToken] | None:
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Invalid bearer token header."))
        try:
            raw = header[1].decode()
        except UnicodeError as exc:
            raise exceptions.AuthenticationFailed(_("Invalid bearer token.")) from exc
        token = token_get_active(raw=raw, now=timezone.now())
        if token is None:
            raise exceptions.AuthenticationFailed(_("Invalid or expired token."))
        return token.user, token

    def authenticate_header(self, request: Request) -> str:
        return self.keyword


def request_scopes(request: Request) -> frozenset[str] | None:
    """The scopes a request's token grants; None when not limited (a browser session)."""
    if isinstance(request.auth, ApiToken):
        return frozenset(request.auth.scopes)
    return None
