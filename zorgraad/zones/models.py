from __future__ import annotations

import datetime as dt

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

nis_validator = RegexValidator(
    r"^\d{5}$", _("Een NIS-code bestaat uit precies 5 cijfers, bijvoorbeeld 23002 voor Asse.")
)


class Zone(models.Model):
    """An eerstelijnszone and its zorgraad: the tenant every other record belongs to."""

    name = models.CharField(_("naam"), max_length=120)
    slug = models.SlugField(_("korte naam in de URL"), max_length=60, unique=True)
    legal_name = models.CharField(_("officiële naam"), max_length=200, blank=True)
    intro = models.TextField(_("voorstelling"), blank=True)
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    is_active = models.BooleanField(default=True)
    # Raised after every committed write to the zone's records; part of the public page cache key.
    generation = models.PositiveBigIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("eerstelijnszone")
        verbose_name_plural = _("eerstelijnszones")

    def __str__(self) -> str:
        return self.name

    def municipalities_on(self, day: dt.date | None = None) -> models.QuerySet[Municipality]:
        day = day or dt.date.today()
        return (
            Municipality.objects.filter(zone_links__zone=self, zone_links__valid_from__lte=day)
            .filter(models.Q(zone_links__valid_to__isnull=True) | models.Q(zone_links__valid_to__gte=day))
            .order_by("name")
            .distinct()
        )


class Municipality(models.Model):
    """A municipality by its NIS code. Mergers (2025) get a new code; the old one gets valid_to."""

    nis_code = models.CharField(_("NIS-code"), max_length=5, unique=True, validators=[nis_validator])
    name = models.CharField(_("naam"), max_length=120)
    province = models.CharField(_("provincie"), max_length=60)
    valid_from = models.DateField(_("geldig vanaf"), default=dt.date(1977, 1, 1))
    valid_to = models.DateField(_("geldig tot"), null=True, blank=True)
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="merged_from"
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")

    def __str__(self) -> str:
        return self.name


class ZoneMunicipality(models.Model):
    """Which municipalities form a zone, from when: the 2025 re-allocation is a new row."""

    zone = models.ForeignKey(Zone, on_delete=models.CASCADE, related_name="municipality_links")
    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="zone_links")
    valid_from = models.DateField(default=dt.date(2020, 7, 1))
    valid_to = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["zone", "municipality", "valid_from"], name="zone_municipality_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.municipality} in {self.zone} vanaf {self.valid_from}"


class Cluster(models.Model):
    """One of the constituencies of a zorgraad (gezondheidszorg, welzijn, lokale besturen, PZON, ...)."""

    code = models.SlugField(max_length=40, unique=True)
    name = models.CharField(_("naam"), max_length=80)
    is_core = models.BooleanField(_("één van de vier clusters"), default=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("cluster")
        verbose_name_plural = _("clusters")

    def __str__(self) -> str:
        return self.name


class Sector(models.Model):
    """A kind of partner: CAW, OCMW, mutualiteit, woonzorgcentrum, huisartsen, ..."""

    code = models.SlugField(max_length=40, unique=True)
    name = models.CharField(_("naam"), max_length=120)
    cluster = models.ForeignKey(
        Cluster, null=True, blank=True, on_delete=models.SET_NULL, related_name="sectors"
    )
    is_general_door = models.BooleanField(
        _("algemene toegangsdeur"),
        default=False,
        help_text=_(
            "Organisaties van deze sector helpen met elke vraag en verwijzen door (OCMW, CAW, dienst "
            "maatschappelijk werk van het ziekenfonds). De sociale kaart toont ze wanneer een zoekopdracht "
            "niets vindt."
        ),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("sector")
        verbose_name_plural = _("sectoren")

    def __str__(self) -> str:
        return self.name


class PostalPlace(models.Model):
    """A place with its postcode, in a municipality: 1745 Mazenzele lies in Opwijk.

    Citizens search by postcode or by the name of their village (deelgemeente); the social map
    maps both to the municipality.
    """

    postal_code = models.CharField(_("postcode"), max_length=4, db_index=True)
    name = models.CharField(_("plaats"), max_length=120)
    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="postal_places")

    class Meta:
        ordering = ["postal_code", "name"]
        constraints = [
            models.UniqueConstraint(fields=["postal_code", "name"], name="postal_place_once"),
        ]
        verbose_name = _("plaats met postcode")
        verbose_name_plural = _("plaatsen met postcode")

    def __str__(self) -> str:
        return f"{self.postal_code} {self.name}"
