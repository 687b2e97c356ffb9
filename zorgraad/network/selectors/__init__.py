"""Reads for the directory and the social map. Every selector takes the zone."""

from .directory import (  # noqa: F401
    OrganisationFilters,
    organisation_get,
    organisation_list,
    stale_summary,
)
