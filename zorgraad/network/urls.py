from django.urls import path

from . import pickers
from .views import manage, privacy, proposals, public, search, selfservice

app_name = "network"

urlpatterns = [
    # search pickers of people and organisations, used by the forms of every area
    path("beheer/kiezer/personen/", pickers.person_picker, name="person_picker"),
    path("beheer/kiezer/organisaties/", pickers.organisation_picker, name="organisation_picker"),
    # Staff: directory
    path("beheer/organisaties/", manage.organisation_list, name="organisation_list"),
    path("beheer/organisaties/export.<str:fmt>", manage.organisation_export, name="organisation_export"),
    path("beheer/organisaties/nieuw/", manage.organisation_create, name="organisation_create"),
    path("beheer/organisaties/<int:pk>/", manage.organisation_detail, name="organisation_detail"),
    path("beheer/organisaties/<int:pk>/bewerken/", manage.organisation_edit, name="organisation_edit"),
    path(
        "beheer/organisaties/<int:pk>/archiveren/", manage.organisation_archive, name="organisation_archive"
    ),
    path("beheer/organisaties/<int:pk>/samenvoegen/", manage.organisation_merge, name="organisation_merge"),
    path("beheer/organisaties/<int:pk>/aanbod/nieuw/", manage.offer_create, name="offer_create"),
    path("beheer/aanbod/<int:pk>/bewerken/", manage.offer_edit, name="offer_edit"),
    path("beheer/aanbod/<int:pk>/archiveren/", manage.offer_archive, name="offer_archive"),
    path("beheer/personen/", manage.person_list, name="person_list"),
    path("beheer/personen/export.<str:fmt>", manage.person_export, name="person_export"),
    path("beheer/personen/nieuw/", manage.person_create, name="person_create"),
    path("beheer/personen/<int:pk>/", manage.person_detail, name="person_detail"),
    path("beheer/personen/<int:pk>/bewerken/", manage.person_edit, name="person_edit"),
    path("beheer/personen/<int:pk>/archiveren/", manage.person_archive, name="person_archive"),
    path("beheer/personen/<int:pk>/samenvoegen/", manage.person_merge, name="person_merge"),
    path("beheer/personen/<int:pk>/gegevens.json", privacy.person_data_export, name="person_data_export"),
    path("beheer/personen/<int:pk>/wissen/", privacy.person_erase, name="person_erase"),
    path("beheer/personen/<int:pk>/functies/nieuw/", manage.affiliation_add, name="affiliation_add"),
    path("beheer/functies/<int:pk>/beeindigen/", manage.affiliation_end, name="affiliation_end"),
    # Staff: self-service and data quality
    path("beheer/personen/<int:pk>/zelfservicelink/", selfservice.selfservice_send, name="selfservice_send"),
    path("beheer/bevestigingsronde/", selfservice.confirmation_round, name="confirmation_round"),
    path("beheer/verouderde-gegevens/", selfservice.stale_report, name="stale_report"),
    path("beheer/zoekwoorden/", search.search_synonyms, name="search_synonyms"),
    # Staff: partners' proposals for their offers
    path("beheer/aanbodvoorstellen/", proposals.offer_proposal_list, name="offer_proposal_list"),
    path("beheer/aanbodvoorstellen/<int:pk>/", proposals.offer_proposal_detail, name="offer_proposal_detail"),
    # Self-service: the signed link is the credential
    path("mijn-gegevens/<str:token>/", selfservice.selfservice, name="selfservice"),
    path("mijn-profiel/", selfservice.my_profile, name="my_profile"),
    # Partners: their organisation's offers, changed through a proposal that staff confirm
    path("mijn-aanbod/", proposals.my_offers, name="my_offers"),
    path("mijn-aanbod/<int:pk>/voorstel/", proposals.offer_propose, name="offer_propose"),
    path(
        "mijn-aanbod/organisatie/<int:pk>/nieuw/",
        proposals.organisation_offer_propose,
        name="organisation_offer_propose",
    ),
    # Public social map
    path("sociale-kaart/", public.socialmap, name="socialmap"),
    path("sociale-kaart/<int:pk>/", public.socialmap_offer, name="socialmap_offer"),
    path("sociale-kaart/<int:pk>/kaartje.pdf", public.socialmap_offer_card, name="socialmap_offer_card"),
]
