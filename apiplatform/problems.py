"""Errors as application/problem+json (RFC 9457), for ninja's handlers and the middleware.

Every error of our APIs has the same shape: `type`, `title` (Dutch), `status`, `detail`,
`instance`, and for invalid input `invalidParams`, naming every invalid field with where it
was (query, path, body) and why. Validation errors are 400, as the NL API Design Rules ask.
"""

import json
import logging

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from ninja.errors import AuthenticationError, HttpError, ValidationError

logger = logging.getLogger(__name__)

PROBLEM_CONTENT_TYPE = "application/problem+json"


def status_title(status: int) -> str:
    """The Dutch title of an HTTP status (RFC 9457 lets `about:blank` titles be localised)."""
    titles = {
        400: _("Ongeldig verzoek"),
        401: _("Niet geauthenticeerd"),
        403: _("Geen toegang"),
        404: _("Niet gevonden"),
        405: _("Methode niet toegestaan"),
        406: _("Niet aanvaardbaar"),
        409: _("Conflict"),
        412: _("Voorwaarde niet vervuld"),
        413: _("Verzoek te groot"),
        415: _("Mediatype niet ondersteund"),
        422: _("Niet verwerkbaar"),
        429: _("Te veel verzoeken"),
        500: _("Interne serverfout"),
        502: _("Slechte gateway"),
        503: _("Dienst niet beschikbaar"),
    }
    return titles.get(status, _("Fout"))


def problem_response(
    request: HttpRequest | None,
    status: int,
    detail: str,
    *,
    title: str | None = None,
    problem_type: str = "about:blank",
    extra: dict | None = None,
    headers: dict | None = None,
) -> HttpResponse:
    """Build a problem+json response."""
    body = {
        "type": problem_type,
        "title": title or status_title(status),
        "status": status,
        "detail": detail,
    }
    if request is not None:
        body["instance"] = request.get_full_path()
    if extra:
        body.update(extra)
    response = HttpResponse(
        json.dumps(body, ensure_ascii=False),
        status=status,
        content_type=f"{PROBLEM_CONTENT_TYPE}; charset=utf-8",
    )
    response["Cache-Control"] = "no-store"
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def server_error_response(request: HttpRequest | None) -> HttpResponse:
    """The 500 problem: the same words whatever went wrong, so nothing internal leaks (no
    exception text, SQL, paths or settings); the log has the details."""
    return problem_response(
        request, 500, _("Er ging iets mis aan onze kant. Probeer het later opnieuw.")
    )


def is_problem(response: HttpResponse) -> bool:
    return response.get("Content-Type", "").startswith(PROBLEM_CONTENT_TYPE)


def dutch_reason(error: dict) -> str:
    """The reason in Dutch for the common pydantic error types; the original text otherwise."""
    ctx = error.get("ctx") or {}
    reasons = {
        "missing": _("Dit veld is verplicht."),
        "int_parsing": _("Geef een geheel getal."),
        "int_from_float": _("Geef een geheel getal."),
        "float_parsing": _("Geef een getal."),
        "bool_parsing": _("Geef true of false."),
        "uuid_parsing": _("Geef een UUID."),
        "datetime_parsing": _("Geef een datum en tijd (ISO 8601)."),
        "datetime_from_date_parsing": _("Geef een datum en tijd (ISO 8601)."),
        "json_invalid": _("De inhoud is geen geldige JSON."),
        "greater_than_equal": _("Geef minstens %(ge)s."),
        "greater_than": _("Geef meer dan %(gt)s."),
        "less_than_equal": _("Geef hoogstens %(le)s."),
        "less_than": _("Geef minder dan %(lt)s."),
        "literal_error": _("Kies uit: %(expected)s."),
        "string_pattern_mismatch": _("Voldoet niet aan het patroon %(pattern)s."),
    }
    lengths = {  # "1 teken", "2 tekens": the count decides the noun
        "string_too_short": lambda n: ngettext(
            "Gebruik minstens %(min_length)s teken.", "Gebruik minstens %(min_length)s tekens.", n
        ),
        "string_too_long": lambda n: ngettext(
            "Gebruik hoogstens %(max_length)s teken.", "Gebruik hoogstens %(max_length)s tekens.", n
        ),
    }
    count = ctx.get("min_length", ctx.get("max_length"))
    if error.get("type") in lengths and isinstance(count, int):
        reasons[error["type"]] = lengths[error["type"]](count)
    template = reasons.get(error.get("type", ""))
    if template is None:
        return str(error.get("msg", ""))
    try:
        return template % ctx
    except (KeyError, TypeError, ValueError):
        return str(error.get("msg", ""))


def invalid_params(errors: list[dict]) -> list[dict]:
    """Turn ninja/pydantic error dicts into named invalid parameters.

    `loc` is e.g. ("query", "page") or ("body", "payload", "website"): the first item is where,
    the rest the field path. The name of ninja's body argument is dropped so the name is the
    field a client sent.
    """
    result = []
    for error in errors:
        loc = [str(part) for part in error.get("loc", ())]
        where = loc[0] if loc else "body"
        path = loc[1:]
        if where == "body" and len(path) > 1:
            path = path[1:]
        result.append(
            {
                "name": ".".join(path) or where,
                "in": where,
                "reason": dutch_reason(error),
                "code": error.get("type", "invalid"),
            }
        )
    return result


def validation_problem(request: HttpRequest, errors: list[dict]) -> HttpResponse:
    params = invalid_params(errors)
    names = ", ".join(p["name"] for p in params)
    return problem_response(
        request,
        400,
        _("Een of meer parameters zijn ongeldig: %(names)s.") % {"names": names},
        title=_("Ongeldige invoer"),
        extra={"invalidParams": params},
    )


def install_exception_handlers(api) -> None:
    """Replace ninja's default error bodies with problem+json on the given NinjaAPI."""

    def on_validation_error(request, exc: ValidationError):
        return validation_problem(request, exc.errors)

    def on_http_error(request, exc: HttpError):
        headers = {"WWW-Authenticate": "Bearer"} if isinstance(exc, AuthenticationError) else None
        detail = str(exc.message) if exc.message else status_title(exc.status_code)
        return problem_response(request, exc.status_code, detail, headers=headers)

    def on_not_found(request, exc: Http404):
        detail = str(exc) or _("De gevraagde bron bestaat niet.")
        return problem_response(request, 404, detail)

    def on_server_error(request, exc: Exception):
        logger.exception("Unhandled error in API view %s", request.path, exc_info=exc)
        return server_error_response(request)

    api.add_exception_handler(ValidationError, on_validation_error)
    api.add_exception_handler(HttpError, on_http_error)
    api.add_exception_handler(Http404, on_not_found)
    api.add_exception_handler(Exception, on_server_error)


def from_response(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """Rewrite an error response that is not problem+json yet (Django's 404/500, ninja's 405,
    Wagtail's page API errors), keeping headers such as Allow."""
    detail = ""
    if response.status_code >= 500:
        pass  # a server error's own text may name internals: always the generic words
    elif response.get("Content-Type", "").startswith("application/json") and not getattr(
        response, "streaming", False
    ):
        try:
            data = json.loads(response.content)
            if isinstance(data, dict):
                detail = str(data.get("message") or data.get("detail") or "")
        except ValueError:
            detail = ""
    if not detail:
        detail = {
            404: _("De gevraagde bron bestaat niet."),
            405: _("Deze methode is niet toegestaan op deze bron."),
            500: _("Er ging iets mis aan onze kant. Probeer het later opnieuw."),
        }.get(response.status_code, status_title(response.status_code))
    keep = {
        name: response[name]
        for name in ("Allow", "Retry-After", "WWW-Authenticate")
        if response.has_header(name)
    }
    return problem_response(request, response.status_code, detail, headers=keep)
