"""The referral card (doorverwijskaartje): one offer on an A6 page, to print or send.

A professional hands it to a citizen: what the offer is, how to get there (phone, e-mail, website,
address) and a QR code that opens the offer's page on the social map. Rendered with WeasyPrint
from a template that needs nothing from outside (the QR code is an inline SVG).
"""

from __future__ import annotations

import base64
import io
from typing import Any

from django.template.loader import render_to_string

from .models import Offer


def qr_svg(url: str) -> str:
    """An SVG QR code of `url`, as a data: URI."""
    import qrcode
    import qrcode.image.svg

    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, border=2)
    out = io.BytesIO()
    image.save(out)
    return "data:image/svg+xml;base64," + base64.b64encode(out.getvalue()).decode()


def card_pdf(*, offer: Offer, url: str, context: dict[str, Any]) -> bytes:
    """The card of `offer` (with `reach` set, see selectors.mark_reach) linking to `url`."""
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    html = render_to_string(
        "network/referral_card.html", {**context, "offer": offer, "url": url, "qr": qr_svg(url)}
    )
    pdf = HTML(string=html, url_fetcher=URLFetcher(allowed_protocols={"data"})).write_pdf()
    return bytes(pdf or b"")
