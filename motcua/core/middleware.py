"""Language selection: pages are Vietnamese unless the visitor switched; the API follows the client."""

from __future__ import annotations

import contextlib

from django.conf import settings
from django.http import HttpRequest
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.utils import translation

API_PREFIX = "/api/"


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Django's locale middleware, except that pages ignore the browser's Accept-Language.

    A public service of a Vietnamese province speaks Vietnamese first: a phone set to English
    still gets Vietnamese pages until its user presses the language switch (a cookie). API
    clients keep HTTP content negotiation (Accept-Language), as integrators expect.
    """

    def process_request(self, request: HttpRequest) -> None:
        if request.path_info.startswith(API_PREFIX):
            super().process_request(request)
            return
        language = settings.LANGUAGE_CODE
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if chosen:
            with contextlib.suppress(LookupError):  # an unknown language keeps Vietnamese
                language = translation.get_supported_language_variant(chosen)
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
