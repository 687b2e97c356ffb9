"""Writes for the directory and the social map. Every service takes zone and actor."""

from .directory import (  # noqa: F401
    AFFILIATION_FIELDS,
    OFFER_FIELDS,
    OFFER_M2M,
    ORGANISATION_FIELDS,
    PERSON_FIELDS,
    ServiceError,
    affiliation_add,
    affiliation_end,
    offer_archive,
    offer_create,
    offer_update,
    organisation_archive,
    organisation_create,
    organisation_update,
    person_archive,
    person_create,
    person_update,
)
from .merge import organisation_merge, person_merge  # noqa: F401
