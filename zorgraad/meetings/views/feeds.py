"""iCalendar feeds of meetings: the zone's open bodies, one body, one meeting.

Anonymous requests (calendar clients) are served from the page cache and are conditional (ETag and
Last-Modified, 304 Not Modified) through core/pagecache.py; a member's own request is never cached.

Open bodies are public; a closed body's feed exists only for its members (and its managers): for
everyone else it is a 404, so the feed does not even tell that the body meets.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from zorgraad.core.pagecache import MEETINGS, cache_public_page
from zorgraad.governance.models import Body
from zorgraad.governance.permissions import is_body_member
from zorgraad.governance.selectors import body_get
from zorgraad.zones.models import Zone

from .. import ics
from ..models import Meeting
from ..selectors import schedule as sel

CONTENT_TYPE = "text/calendar; charset=utf-8"


def _zone(request: HttpRequest) -> Zone:
    return request.zone  # type: ignore[attr-defined,no-any-return]


def _readable_body(request: HttpRequest, slug: str) -> Body:
    body = body_get(zone=_zone(request), slug=slug)
    if not body.is_open and not is_body_member(request, body):
        raise Http404(_("Dit overlegorgaan bestaat niet of is besloten."))
    return body


def _response(meetings: Iterable[Meeting], name: str, filename: str) -> HttpResponse:
    response = HttpResponse(ics.calendar_bytes(meetings, name), content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@cache_public_page(kinds=(MEETINGS,), params=())
def zone_ics(request: HttpRequest, zone: str) -> HttpResponse:
    current = _zone(request)
    meetings = sel.zone_feed_meetings(zone=current)
    return _response(meetings, _("Overleg %(zone)s") % {"zone": current.name}, f"{current.slug}.ics")


@cache_public_page(kinds=(MEETINGS,), params=())
def body_ics(request: HttpRequest, zone: str, body: str) -> HttpResponse:
    current = _zone(request)
    the_body = _readable_body(request, body)
    meetings = sel.feed_meetings(zone=current, body=the_body)
    return _response(meetings, f"{the_body.name} – {current.name}", f"{the_body.slug}.ics")


@cache_public_page(kinds=(MEETINGS,), params=())
def meeting_ics(request: HttpRequest, zone: str, body: str, pk: int) -> HttpResponse:
    current = _zone(request)
    the_body = _readable_body(request, body)
    meeting = sel.feed_meetings(zone=current, body=the_body).filter(pk=pk).first()
    if meeting is None:
        raise Http404(_("Deze vergadering bestaat niet."))
    return _response([meeting], ics.summary(meeting), "vergadering.ics")
