"""A partner proposes changes to their organisation's offers; staff accept (audited) or reject (mailed)."""

from __future__ import annotations

import html
from typing import Any

import pytest
from django.urls import reverse

from zorgraad.accounts.models import Role, ZoneRole
from zorgraad.core.audit import history_for
from zorgraad.network.models import (
    Affiliation,
    Offer,
    OfferProposal,
    Organisation,
    Person,
    ProposalStatus,
    TargetGroup,
    Theme,
)

pytestmark = pytest.mark.django_db


def url(name: str, zone: Any, **kwargs: Any) -> str:
    return reverse(f"network:{name}", kwargs={"zone": zone.slug, **kwargs})


def text(response: Any) -> str:
    return html.unescape(response.content.decode())


def make_world(zone: Any, user: Any, org_name: str = "Dienstencentrum De Proefhoeve") -> dict[str, Any]:
    org = Organisation.objects.create(zone=zone, name=org_name)
    person = Person.objects.create(
        zone=zone, first_name="Noor", last_name="Proefvogel", email="noor@proefhoeve.example.be", user=user
    )
    Affiliation.objects.create(zone=zone, person=person, organisation=org, function="coördinator")
    theme = Theme.objects.get_or_create(name="Eenzaamheid", slug="eenzaamheid")[0]
    group = TargetGroup.objects.get_or_create(name="Ouderen", slug="ouderen")[0]
    offer = Offer.objects.create(
        zone=zone,
        organisation=org,
        title="Praatcafé",
        description="Elke dinsdag koffie en een babbel.",
        how_to_refer="Kom gewoon langs.",
    )
    offer.themes.set([theme])
    return {"org": org, "person": person, "offer": offer, "theme": theme, "group": group}


def offer_data(offer: Offer, **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "title": offer.title,
        "description": offer.description,
        "how_to_refer": offer.how_to_refer,
        "contact_email": offer.contact_email,
        "contact_phone": offer.contact_phone,
        "website": offer.website,
        "themes": [t.pk for t in offer.themes.all()],
        "target_groups": [t.pk for t in offer.target_groups.all()],
        "municipalities": [m.pk for m in offer.municipalities.all()],
        "note": "",
    }
    data.update(changes)
    return data


@pytest.fixture
def world(zone: Any, users: dict[str, Any]) -> dict[str, Any]:
    return make_world(zone, users["partner"])


def propose(client: Any, zone: Any, offer: Offer, **changes: Any) -> Any:
    return client.post(url("offer_propose", zone, pk=offer.pk), offer_data(offer, **changes))


def test_partner_proposes_and_nothing_public_changes(zone, client_as, world, client):
    offer, partner = world["offer"], client_as("partner")
    overview = partner.get(url("my_offers", zone))
    assert overview.status_code == 200
    assert "Praatcafé" in text(overview) and "Dienstencentrum De Proefhoeve" in text(overview)
    assert partner.get(url("offer_propose", zone, pk=offer.pk)).status_code == 200

    response = propose(
        partner,
        zone,
        offer,
        title="Praatcafé De Babbel",
        target_groups=[world["group"].pk],
        note="Nieuwe naam sinds januari.",
    )
    assert response.status_code == 302
    offer.refresh_from_db()
    assert offer.title == "Praatcafé"
    assert list(offer.target_groups.all()) == []
    public = client.get(url("socialmap_offer", zone, pk=offer.pk))
    assert "Praatcafé De Babbel" not in text(public)
    proposal = OfferProposal.objects.for_zone(zone).get()
    assert proposal.status == ProposalStatus.PENDING
    # only what the partner changed is proposed
    assert proposal.changes == {"title": "Praatcafé De Babbel", "target_groups": [world["group"].pk]}
    assert proposal.proposer_name == "Noor Proefvogel"
    followed = partner.get(response["Location"])
    assert "voorstel wacht op de zone" in text(followed)
    # a second proposal while the first waits is refused, in Dutch
    again = propose(partner, zone, offer, title="Nog een andere naam")
    assert "wacht nog op de medewerkers" in text(again)
    assert OfferProposal.objects.for_zone(zone).count() == 1


def test_nothing_changed_is_refused(zone, client_as, world):
    response = propose(client_as("partner"), zone, world["offer"])
    assert response.status_code == 200
    assert "Je hebt niets gewijzigd" in text(response)
    assert not OfferProposal.objects.for_zone(zone).exists()


def test_staff_see_old_and_new_and_accept(
    zone, users, client_as, world, mailoutbox, django_capture_on_commit_callbacks
):
    offer = world["offer"]
    propose(client_as("partner"), zone, offer, title="Praatcafé De Babbel", description="Elke woensdag.")
    proposal = OfferProposal.objects.for_zone(zone).get()
    staff = client_as("staff")
    dashboard = staff.get(reverse("zones:dashboard", kwargs={"zone": zone.slug}))
    assert "1 voorstel voor aanbod wacht op je beslissing" in text(dashboard)
    listing = text(staff.get(url("offer_proposal_list", zone)))
    assert "<del>Praatcafé</del>" in listing and "<ins>Praatcafé De Babbel</ins>" in listing
    assert "<del>Elke dinsdag koffie en een babbel.</del>" in listing
    assert "Noor Proefvogel" in listing

    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post(url("offer_proposal_detail", zone, pk=proposal.pk), {"action": "accept"})
    assert response.status_code == 302
    offer.refresh_from_db()
    assert (offer.title, offer.description) == ("Praatcafé De Babbel", "Elke woensdag.")
    assert offer.how_to_refer == "Kom gewoon langs."  # not proposed, not touched
    entry = history_for(zone=zone, instance=offer).get(action="updated")
    assert entry.actor == users["staff"]
    assert entry.changes["title"] == ["Praatcafé", "Praatcafé De Babbel"]
    assert "Noor Proefvogel" in entry.actor_label and "Noor Proefvogel" in entry.who
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.ACCEPTED and proposal.decided_by == users["staff"]
    assert [m.to for m in mailoutbox] == [[users["partner"].email]]
    assert "aanvaard" in mailoutbox[0].subject and "Praatcafé De Babbel" in mailoutbox[0].body
    # decided once: a second accept changes nothing
    with django_capture_on_commit_callbacks(execute=True):
        staff.post(url("offer_proposal_detail", zone, pk=proposal.pk), {"action": "accept"})
    assert history_for(zone=zone, instance=offer).filter(action="updated").count() == 1
    assert len(mailoutbox) == 1


def test_new_offer_proposed_and_accepted(
    zone, client_as, world, mailoutbox, django_capture_on_commit_callbacks
):
    org, partner = world["org"], client_as("partner")
    data = offer_data(world["offer"], title="Wandelclub", description="Samen wandelen.", how_to_refer="")
    data["themes"] = [world["theme"].pk]
    response = partner.post(url("organisation_offer_propose", zone, pk=org.pk), data)
    assert response.status_code == 302
    assert Offer.objects.for_zone(zone).filter(title="Wandelclub").count() == 0
    proposal = OfferProposal.objects.for_zone(zone).get()
    assert proposal.is_new and proposal.offer is None
    with django_capture_on_commit_callbacks(execute=True):
        client_as("staff").post(url("offer_proposal_detail", zone, pk=proposal.pk), {"action": "accept"})
    offer = Offer.objects.for_zone(zone).get(title="Wandelclub")
    assert offer.organisation == org and list(offer.themes.all()) == [world["theme"]]
    assert history_for(zone=zone, instance=offer).get(action="created").actor_label.startswith("voorstel van")
    assert len(mailoutbox) == 1


def test_offer_changed_meanwhile_is_flagged_and_archived_offer_not_accepted(zone, client_as, world):
    offer = world["offer"]
    propose(client_as("partner"), zone, offer, title="Praatcafé De Babbel")
    Offer.objects.for_zone(zone).filter(pk=offer.pk).update(title="Praatcafé (door de zone)")
    staff = client_as("staff")
    listing = text(staff.get(url("offer_proposal_list", zone)))
    assert '<del>Praatcafé (door de zone)</del> <span class="badge">intussen gewijzigd</span>' in listing
    Offer.objects.for_zone(zone).filter(pk=offer.pk).update(is_archived=True)
    proposal = OfferProposal.objects.for_zone(zone).get()
    response = staff.post(
        url("offer_proposal_detail", zone, pk=proposal.pk), {"action": "accept"}, follow=True
    )
    assert "intussen gearchiveerd" in text(response)
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.PENDING
    assert Offer.objects.for_zone(zone).get(pk=offer.pk).title == "Praatcafé (door de zone)"


def test_reject_needs_a_reason_and_mails_it(
    zone, users, client_as, world, mailoutbox, django_capture_on_commit_callbacks
):
    offer = world["offer"]
    propose(client_as("partner"), zone, offer, title="Iets anders")
    proposal = OfferProposal.objects.for_zone(zone).get()
    staff = client_as("staff")
    empty = staff.post(
        url("offer_proposal_detail", zone, pk=proposal.pk), {"action": "reject", "reason": "  "}
    )
    assert empty.status_code == 200
    assert "Schrijf kort waarom het voorstel niet aanvaard wordt" in text(empty)
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.PENDING and mailoutbox == []

    reason = "Deze titel bestaat al bij een andere organisatie."
    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post(
            url("offer_proposal_detail", zone, pk=proposal.pk), {"action": "reject", "reason": reason}
        )
    assert response.status_code == 302
    offer.refresh_from_db()
    assert offer.title == "Praatcafé"
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.REJECTED and proposal.reason == reason
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == [users["partner"].email]
    assert "niet aanvaard" in message.subject and reason in message.body
    assert "Titel: Praatcafé → Iets anders" in message.body
    # the partner sees the outcome too
    assert reason in text(client_as("partner").get(url("my_offers", zone)))


def test_partner_of_another_organisation_or_zone_gets_404(zone, other_zone, users, client_as, world):
    partner = client_as("partner")
    theirs = make_world(zone, None, org_name="Andere vzw")
    assert partner.get(url("offer_propose", zone, pk=theirs["offer"].pk)).status_code == 404
    assert propose(partner, zone, theirs["offer"], title="Gekaapt").status_code == 404
    new = offer_data(theirs["offer"], title="Gekaapt nieuw")
    assert partner.post(url("organisation_offer_propose", zone, pk=theirs["org"].pk), new).status_code == 404
    assert "Andere vzw" not in text(partner.get(url("my_offers", zone)))
    # an affiliation that ended no longer counts
    Affiliation.objects.for_zone(zone).filter(person=world["person"]).update(end="2000-01-01")
    assert partner.get(url("offer_propose", zone, pk=world["offer"].pk)).status_code == 404
    # the partner's person and organisation in another zone, opened through this zone's URLs: 404;
    # that zone's own URLs: refused without a role there
    elsewhere = make_world(other_zone, users["partner"], org_name="Vzw Elders")
    assert partner.get(url("offer_propose", zone, pk=elsewhere["offer"].pk)).status_code == 404
    assert partner.get(url("organisation_offer_propose", zone, pk=elsewhere["org"].pk)).status_code == 404
    assert partner.get(url("offer_propose", other_zone, pk=elsewhere["offer"].pk)).status_code == 403
    assert not OfferProposal.objects.unscoped().exists()
    # with a partner role there, the own offer of that zone opens
    ZoneRole.objects.create(zone=other_zone, user=users["partner"], role=Role.PARTNER)
    assert partner.get(url("offer_propose", other_zone, pk=elsewhere["offer"].pk)).status_code == 200


def test_staff_cannot_open_another_zones_proposal(zone, other_zone, users, client_as):
    elsewhere = make_world(other_zone, None, org_name="Vzw Elders")
    proposal = OfferProposal.objects.create(
        zone=other_zone, organisation=elsewhere["org"], offer=elsewhere["offer"], changes={"title": "X"}
    )
    staff = client_as("staff")
    assert staff.get(url("offer_proposal_detail", zone, pk=proposal.pk)).status_code == 404
    assert (
        staff.post(url("offer_proposal_detail", zone, pk=proposal.pk), {"action": "accept"}).status_code
        == 404
    )
    assert "Vzw Elders" not in text(staff.get(url("offer_proposal_list", zone)))


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"title": "Praat\x0bcafé"}, "onzichtbaar stuurteken"),
        ({"description": "x" * 60_000}, "Deze tekst is te lang"),
        ({"contact_email": "geen-adres"}, "Geef een geldig e-mailadres"),
        ({"title": ""}, "Geef het aanbod een titel"),
        ({"website": "javascript:alert(1)"}, "Geef een volledig webadres"),
        ({"themes": ["999999"]}, "Selecteer een geldige keuze"),
        ({"note": "<script>alert(1)</script>\x08"}, "onzichtbaar stuurteken"),
    ],
)
def test_hostile_input_is_refused_in_dutch(zone, client_as, world, changes, message):
    response = propose(client_as("partner"), zone, world["offer"], **changes)
    assert response.status_code == 200
    assert message in text(response)
    assert not OfferProposal.objects.for_zone(zone).exists()


def test_markup_is_shown_as_text_to_staff(zone, client_as, world):
    propose(client_as("partner"), zone, world["offer"], title="<b>Vet</b>", note="<script>x()</script>")
    page = client_as("staff").get(url("offer_proposal_list", zone)).content.decode()
    assert "<b>Vet</b>" not in page and "&lt;b&gt;Vet&lt;/b&gt;" in page
    assert "<script>x()</script>" not in page


def _queries_of_list(client: Any, zone: Any) -> tuple[int, str]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        response = client.get(url("offer_proposal_list", zone))
    return len(captured), response.content.decode()


def test_staff_proposal_list_query_count_is_constant(zone, client_as):
    group = TargetGroup.objects.get_or_create(name="Ouderen", slug="ouderen")[0]
    municipality = zone.municipalities_on().first()

    def add(i: int) -> None:
        w = make_world(zone, None, org_name=f"Proeforganisatie {i:02}")
        w["offer"].municipalities.set([municipality])
        OfferProposal.objects.create(
            zone=zone,
            organisation=w["org"],
            offer=w["offer"],
            proposer_name="Noor Proefvogel",
            changes={"title": f"Nieuwe titel {i:02}", "target_groups": [group.pk], "municipalities": []},
            before={"title": "Praatcafé", "target_groups": [], "municipalities": [municipality.pk]},
        )

    staff = client_as("staff")
    staff.get(url("offer_proposal_list", zone))  # warm the session
    add(0)
    one, page = _queries_of_list(staff, zone)
    assert page.count("Nieuwe titel") == 1
    for i in range(1, 20):
        add(i)
    twenty, page = _queries_of_list(staff, zone)
    assert page.count("Nieuwe titel") == 20 and page.count(municipality.name) == 20
    assert twenty == one <= 12


def test_privacy_export_and_erasure_cover_proposals(zone, users, client_as, world):
    from zorgraad.network.services import privacy

    propose(client_as("partner"), zone, world["offer"], title="Praatcafé De Babbel", note="Groetjes, Noor")
    proposal = OfferProposal.objects.for_zone(zone).get()
    assert proposal.proposer == world["person"]
    exported = privacy.person_data_export(zone=zone, actor=users["staff"], person=world["person"])
    rows = exported["records"]["network.offerproposal"]
    assert rows[0]["changes"] == {"title": "Praatcafé De Babbel"}
    privacy.person_erase(
        zone=zone, actor=users["staff"], person=world["person"], reason="Vraag van de persoon"
    )
    proposal.refresh_from_db()
    assert "Noor" not in proposal.proposer_name and "Noor" not in proposal.note
    assert proposal.proposer_email == "" or "proefhoeve" not in proposal.proposer_email
    assert proposal.changes == {"title": "Praatcafé De Babbel"}
