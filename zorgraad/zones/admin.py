from django.contrib import admin

from zorgraad.core import adminforms as safe_admin

from .models import Cluster, Municipality, PostalPlace, Sector, Zone, ZoneMunicipality


class ZoneMunicipalityInline(safe_admin.TabularInline):
    model = ZoneMunicipality
    extra = 1


@admin.register(Zone)
class ZoneAdmin(safe_admin.ModelAdmin):
    list_display = ["name", "slug", "is_active"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [ZoneMunicipalityInline]


class PostalPlaceInline(safe_admin.TabularInline):
    model = PostalPlace
    extra = 1


@admin.register(Municipality)
class MunicipalityAdmin(safe_admin.ModelAdmin):
    list_display = ["nis_code", "name", "province", "valid_from", "valid_to"]
    search_fields = ["name", "nis_code"]
    inlines = [PostalPlaceInline]


@admin.register(Sector)
class SectorAdmin(safe_admin.ModelAdmin):
    list_display = ["name", "code", "cluster", "is_general_door"]
    list_filter = ["is_general_door"]


admin.site.register(Cluster, safe_admin.ModelAdmin)
