"""Writes for the directory and the social map. Every service takes zone and actor."""

from .directory import (  # noqa: F401
    ORGANISATION_FIELDS,
    ServiceError,
    organisation_archive,
    organisation_create,
    organisation_update,
)
