"""Reads for the directory and the social map. Every selector takes the zone."""

from .directory import (  # noqa: F401
    OrganisationFilters,
    PersonFilters,
    affiliation_get,
    current_affiliations,
    current_q,
    offer_get,
    organisation_choices,
    organisation_edit_get,
    organisation_export_list,
    organisation_get,
    organisation_list,
    organisation_list_values,
    organisation_merge_choices,
    organisation_rows,
    person_export_list,
    person_get,
    person_list,
    person_list_page,
    person_merge_choices,
    stale_summary,
)
