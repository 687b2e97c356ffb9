from __future__ import annotations

from django.http import HttpRequest, HttpResponse


def healthz(request: HttpRequest) -> HttpResponse:
    """Liveness check for load balancers; also the hello-world baseline of bench/run.sh."""
    return HttpResponse("ok", content_type="text/plain")
