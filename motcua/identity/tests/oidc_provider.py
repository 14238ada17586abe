"""A tiny OpenID Connect provider for tests: a real HTTP server on 127.0.0.1.

It implements discovery, authorize (auto-consent for one configured user), token (client secret
basic, PKCE S256, one-use codes), JWKS and userinfo, signing ID tokens with RS256 (joserfc).
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlparse

from joserfc import jwt
from joserfc.jwk import RSAKey

CLIENT_ID = "motcua-portal"
CLIENT_SECRET = "test-secret"


_KEYS: list[RSAKey] = []


def _signing_key() -> RSAKey:
    """One RSA key per test session (generating one takes a while)."""
    if not _KEYS:
        _KEYS.append(RSAKey.generate_key(2048, parameters={"kid": "k1"}))
    return _KEYS[0]


@dataclass
class ProviderState:
    issuer: str = ""
    key: RSAKey = field(default_factory=_signing_key)
    claims: dict[str, Any] = field(default_factory=dict)
    codes: dict[str, dict[str, str]] = field(default_factory=dict)
    tokens: dict[str, dict[str, Any]] = field(default_factory=dict)
    nonce_override: str | None = None  # to test a replayed or forged token


def _handler(state: ProviderState) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

        def _json(self, body: Any, status: int = 200) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:
            url = urlparse(self.path)
            query = {k: v[0] for k, v in parse_qs(url.query).items()}
            if url.path == "/.well-known/openid-configuration":
                self._json(
                    {
                        "issuer": state.issuer,
                        "authorization_endpoint": f"{state.issuer}/authorize",
                        "token_endpoint": f"{state.issuer}/token",
                        "jwks_uri": f"{state.issuer}/jwks",
                        "userinfo_endpoint": f"{state.issuer}/userinfo",
                        "response_types_supported": ["code"],
                        "subject_types_supported": ["public"],
                        "id_token_signing_alg_values_supported": ["RS256"],
                        "code_challenge_methods_supported": ["S256"],
                    }
                )
            elif url.path == "/authorize":
                if query.get("client_id") != CLIENT_ID or query.get("response_type") != "code":
                    self._json({"error": "invalid_request"}, 400)
                    return
                code = secrets.token_urlsafe(16)
                state.codes[code] = query
                target = (
                    f"{query['redirect_uri']}?{urlencode({'code': code, 'state': query['state']})}"
                )
                self.send_response(302)
                self.send_header("Location", target)
                self.end_headers()
            elif url.path == "/jwks":
                self._json({"keys": [state.key.as_dict(private=False)]})
            elif url.path == "/userinfo":
                token = self.headers.get("Authorization", "").removeprefix("Bearer ")
                if token not in state.tokens:
                    self._json({"error": "invalid_token"}, 401)
                    return
                self._json(state.tokens[token])
            else:
                self._json({"error": "not_found"}, 404)

        def do_POST(self) -> None:
            if urlparse(self.path).path != "/token":
                self._json({"error": "not_found"}, 404)
                return
            length = int(self.headers.get("Content-Length", "0"))
            form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
            basic = base64.b64encode(f"{CLIENT_ID}:{CLIENT_SECRET}".encode()).decode()
            if self.headers.get("Authorization") != f"Basic {basic}":
                self._json({"error": "invalid_client"}, 401)
                return
            request = state.codes.pop(form.get("code", ""), None)
            verifier = form.get("code_verifier", "")
            challenge = (
                base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest())
                .rstrip(b"=")
                .decode()
            )
            if (
                request is None
                or form.get("redirect_uri") != request["redirect_uri"]
                or challenge != request.get("code_challenge")
            ):
                self._json({"error": "invalid_grant"}, 400)
                return
            now = int(time.time())
            claims = {
                "iss": state.issuer,
                "aud": CLIENT_ID,
                "iat": now,
                "exp": now + 300,
                "nonce": state.nonce_override or request.get("nonce", ""),
                **{k: v for k, v in state.claims.items() if k in ("sub", "name")},
            }
            id_token = jwt.encode({"alg": "RS256", "kid": "k1"}, claims, state.key)
            access = secrets.token_urlsafe(16)
            state.tokens[access] = dict(state.claims)
            self._json({"access_token": access, "token_type": "Bearer", "id_token": id_token})

    return Handler


class LocalOidcProvider:
    """Start with ``with LocalOidcProvider(claims) as provider:``; ``provider.issuer`` is its URL."""

    def __init__(self, claims: dict[str, Any]) -> None:
        self.state = ProviderState(claims=claims)
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self.state))
        self.state.issuer = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def issuer(self) -> str:
        return self.state.issuer

    def settings(self) -> dict[str, dict[str, str]]:
        return {
            "vneid": {
                "issuer": self.issuer,
                "client_id": CLIENT_ID,
                "client_secret": CLIENT_SECRET,
                "label": "VNeID",
            }
        }

    def __enter__(self) -> LocalOidcProvider:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
