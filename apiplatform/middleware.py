"""One middleware that gives every public API the same conventions.

Scoped to the prefixes in `scopes` (the rest of the site is untouched), in this order:
CORS preflight, no trailing slash, API key, rate limit, conditional GET (304 before the view
runs), then on the way out: problem+json for every error, ETag/Last-Modified/Cache-Control,
API-Version, CORS and security headers.
"""

import datetime as dt
import hashlib

from django.conf import settings
from django.core import signals
from django.http import HttpResponse, HttpResponseNotModified
from django.urls import get_resolver
from django.utils.http import http_date, parse_http_date_safe
from django.utils.log import log_response
from django.utils.translation import gettext as _

from . import conf, generation, problems, ratelimit, scopes
from .keys import API_KEY_HEADER, find_api_key, record_usage

CORS_ALLOW_HEADERS = ", ".join(
    [
        "Accept",
        "Accept-Language",
        "Authorization",
        "Content-Type",
        "If-Modified-Since",
        "If-None-Match",
        API_KEY_HEADER,
    ]
)
CORS_EXPOSE_HEADERS = ", ".join(
    [
        "API-Version",
        "Content-Crs",
        "ETag",
        "Last-Modified",
        "Link",
        "Location",
        "RateLimit-Limit",
        "RateLimit-Remaining",
        "RateLimit-Reset",
        "Retry-After",
    ]
)
CORS_ALLOW_METHODS = "GET, HEAD, OPTIONS, PATCH"
JSON_CSP = "default-src 'none'; frame-ancestors 'none'"
DOCS_CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    "script-src 'self'; frame-ancestors 'none'"
)
CONDITIONAL_METHODS = ("GET", "HEAD")


def _etag_matches(header: str, etag: str) -> bool:
    """Weak comparison (RFC 9110 13.1.2): W/ prefixes do not matter."""
    if header.strip() == "*":
        return True
    wanted = etag.removeprefix("W/")
    return any(part.strip().removeprefix("W/") == wanted for part in header.split(","))


class ApiConventionsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self._urls_loaded = False

    def __call__(self, request):
        if not self._urls_loaded:
            # Scopes are registered by cms/api.py, which the URLconf imports.
            get_resolver().url_patterns  # noqa: B018
            self._urls_loaded = True
        scope = scopes.find(request.path_info)
        if scope is None:
            return self.get_response(request)
        try:
            response = self._handle(request, scope)
        except Exception as exc:
            # A database or cache failure in our own steps (key lookup, rate limit, content
            # generation) or an error handler that failed in turn: still a problem+json 500
            # with every header, never Django's HTML page.
            response = self._server_error(request, exc)
        try:
            return self._finish(request, scope, response)
        except Exception as exc:
            response = self._server_error(request, exc)
            self._set_headers(request, scope, response)
            return response

    # The way in ---------------------------------------------------------------------------

    def _handle(self, request, scope):
        # Our APIs authenticate with headers (API key, bearer token), never with cookies, so
        # CSRF protection does not apply; without this an undeclared POST would be a 403
        # instead of the 405 the method deserves.
        request._dont_enforce_csrf_checks = True
        if request.method == "OPTIONS" and "HTTP_ACCESS_CONTROL_REQUEST_METHOD" in request.META:
            response = HttpResponse(status=204)
            response["Access-Control-Allow-Methods"] = CORS_ALLOW_METHODS
            response["Access-Control-Allow-Headers"] = CORS_ALLOW_HEADERS
            response["Access-Control-Max-Age"] = "86400"
            return response

        path = request.path_info
        if (
            scope.strict_slashes
            and path.endswith("/")
            and path[len(scope.prefix) :] not in scope.slash_roots
        ):
            return problems.problem_response(
                request,
                404,
                _("Deze API gebruikt geen slash aan het einde van een pad; probeer %(path)s.")
                % {"path": path.rstrip("/")},
            )

        decision, failure = self._authenticate_and_limit(request)
        if failure is not None:
            return failure
        request.apiplatform_rate = decision

        nul_params = sorted(
            {name for name, value in request.GET.lists() if "\x00" in name + "".join(value)}
        )
        if nul_params:
            # No database stores NUL in text (PostgreSQL refuses it): a 400, not a 500.
            return problems.validation_problem(
                request,
                [
                    {
                        "loc": ("query", name),
                        "msg": _("Bevat een NUL-teken."),
                        "type": "nul_character",
                    }
                    for name in nul_params
                ],
            )

        request.apiplatform_head = request.method == "HEAD"
        if request.apiplatform_head:
            request.method = "GET"  # serve HEAD from the GET view, body dropped on the way out

        if request.method in CONDITIONAL_METHODS and not request.headers.get("Authorization"):
            gen = generation.current()
            request.apiplatform_validators = self._validators(request, scope, gen)
            etag, _last_modified = request.apiplatform_validators
            if_none_match = request.headers.get("If-None-Match")
            if if_none_match and _etag_matches(if_none_match, etag):
                return HttpResponseNotModified()
        return self.get_response(request)

    @staticmethod
    def _server_error(request, exc):
        """Report the exception as Django does for an unhandled one (the `django.request`
        error log and `got_request_exception`), answer with a problem that names nothing
        internal. With DEBUG on, Django's technical page is more useful: re-raise."""
        if settings.DEBUG:
            raise exc
        response = problems.server_error_response(request)
        signals.got_request_exception.send(sender=ApiConventionsMiddleware, request=request)
        log_response(
            "Internal Server Error: %s",
            request.path,
            response=response,
            request=request,
            exception=exc,
        )
        return response

    def _authenticate_and_limit(self, request):
        token = request.headers.get(API_KEY_HEADER)
        api_key = None
        if token:
            api_key = find_api_key(token)
            if api_key is None:
                return None, problems.problem_response(
                    request,
                    401,
                    _("Onbekende of ingetrokken API-sleutel."),
                    headers={"WWW-Authenticate": f'ApiKey header="{API_KEY_HEADER}"'},
                )
        request.api_key = api_key
        if api_key is not None:
            bucket, limit = f"key:{api_key.pk}", api_key.rate_limit_per_minute
        else:
            authorization = request.headers.get("Authorization", "")
            if authorization.startswith("Bearer "):
                # Member tokens: limited per token, at the default key rate.
                digest = hashlib.sha256(authorization.encode()).hexdigest()[:16]
                bucket, limit = f"bearer:{digest}", conf.get("API_KEY_DEFAULT_RATE_PER_MINUTE")
            else:
                ip = ratelimit.client_ip(request, conf.get("API_TRUST_X_FORWARDED_FOR"))
                bucket, limit = f"ip:{ip}", conf.get("API_ANON_RATE_PER_MINUTE")
        decision = ratelimit.hit(bucket, limit)
        if api_key is not None:
            record_usage(api_key)
        if not decision.allowed:
            detail = _(
                "U heeft meer dan %(limit)s verzoeken per minuut gedaan. Probeer het over "
                "%(seconds)s seconden opnieuw%(hint)s."
            ) % {
                "limit": decision.limit,
                "seconds": decision.reset_seconds,
                "hint": "" if api_key else _(", of vraag een API-sleutel aan"),
            }
            return decision, problems.problem_response(
                request,
                429,
                detail,
                headers={"Retry-After": str(decision.reset_seconds), **decision.headers()},
            )
        return decision, None

    def _validators(self, request, scope, gen):
        basis = "\n".join(
            [
                scope.prefix,
                scope.version,
                request.get_full_path(),
                request.headers.get("Accept", ""),
                request.headers.get("Accept-Language", ""),
                str(gen.value),
                conf.get("API_RELEASE"),
                # Journey versions take effect on a date: a new day may change the answer.
                dt.date.today().isoformat(),
            ]
        )
        digest = hashlib.sha256(basis.encode()).hexdigest()[:32]
        return f'W/"{gen.value}-{digest}"', gen.changed_at

    # The way out --------------------------------------------------------------------------

    def _finish(self, request, scope, response):
        path = request.path_info
        if response.status_code in (301, 302, 307, 308) and response.get("Location", "").split("?")[
            0
        ].endswith(path + "/"):
            # Django's APPEND_SLASH would redirect to the slashed URL; the rules ask for a 404.
            response = problems.problem_response(request, 404, _("De gevraagde bron bestaat niet."))
        convertible = not (settings.DEBUG and response.status_code == 500)
        if response.status_code >= 400 and not problems.is_problem(response) and convertible:
            response = problems.from_response(request, response)

        validators = getattr(request, "apiplatform_validators", None)
        if validators and response.status_code in (200, 304):
            etag, last_modified = validators
            response.setdefault("ETag", etag)
            response.setdefault("Last-Modified", http_date(last_modified.timestamp()))
            if response.status_code == 200 and not request.headers.get("If-None-Match"):
                since = parse_http_date_safe(request.headers.get("If-Modified-Since", ""))
                if since is not None and int(last_modified.timestamp()) <= since:
                    self._close(response)
                    not_modified = HttpResponseNotModified()
                    for name in ("ETag", "Last-Modified"):
                        not_modified[name] = response[name]
                    response = not_modified

        if response.status_code < 400 and "Cache-Control" not in response:
            if request.headers.get("Authorization") or request.method not in CONDITIONAL_METHODS:
                response["Cache-Control"] = "private, no-store"
            else:
                response["Cache-Control"] = scope.cache_control_for(path)

        self._set_headers(request, scope, response)

        if getattr(request, "apiplatform_head", False):
            request.method = "HEAD"
            self._close(response)
            if not response.streaming:
                length = len(response.content)
                response.content = b""
                response["Content-Length"] = str(length)
        return response

    @staticmethod
    def _set_headers(request, scope, response):
        """API-Version, CORS, security and rate-limit headers (on every response, errors too)."""
        path = request.path_info
        response["API-Version"] = scope.version
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Expose-Headers"] = CORS_EXPOSE_HEADERS
        response["X-Content-Type-Options"] = "nosniff"
        response["X-Frame-Options"] = "DENY"
        response["Referrer-Policy"] = "no-referrer"
        response["Cross-Origin-Resource-Policy"] = "cross-origin"
        response["Content-Security-Policy"] = DOCS_CSP if scope.is_html(path) else JSON_CSP
        decision = getattr(request, "apiplatform_rate", None)
        if decision is not None:
            for name, value in decision.headers().items():
                response.setdefault(name, value)

    @staticmethod
    def _close(response):
        if response.streaming:
            response.streaming_content = iter(())
            response.close()
