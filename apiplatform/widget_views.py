"""The widget's iframe variant: the same list, server-rendered, for sites that prefer a frame.

No JavaScript and no third-party requests; it may be framed by any site (that is its purpose),
unlike the rest of Ketenkaart. A frame cannot inherit the host's fonts, so it uses the system
font stack; the script variant (static/apiplatform/widget.js) inherits them.
"""

from urllib.parse import urlencode

from django.shortcuts import render
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_safe

from directory.api.queries import search_organisations, with_summary_relations
from directory.models import Municipality, Organisation
from journey.models import Phase
from search.query import DirectoryQuery, QueryError


@require_safe
@xframe_options_exempt
def organisations_frame(request):
    params = {
        "municipality": request.GET.get("municipality") or None,
        "phases": request.GET.get("phase") or "",
        "page_size": request.GET.get("limit") or "5",
    }
    error = False
    organisations, total = [], 0
    try:
        query = DirectoryQuery.from_params(params)
    except QueryError:
        error = True
    else:
        result = search_organisations(query)
        organisations = result.hydrate(with_summary_relations(Organisation.objects.listed()))
        total = result.total
    response = render(
        request,
        "apiplatform/widget_frame.html",
        {
            "organisations": organisations,
            "total": total,
            "error": error,
            "municipality": Municipality.objects.filter(slug=params["municipality"]).first(),
            "phase": Phase.objects.filter(slug=params["phases"]).first(),
            "title": (request.GET.get("title") or "")[:120],
            "listing_query": urlencode(
                {
                    k: v
                    for k, v in (
                        ("municipality", params["municipality"]),
                        ("phases", params["phases"]),
                    )
                    if v
                }
            ),
        },
    )
    response["Content-Security-Policy"] = (
        "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors *; base-uri 'none'"
    )
    return response
