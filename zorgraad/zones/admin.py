from django.contrib import admin

from .models import Cluster, Municipality, Sector, Zone, ZoneMunicipality


class ZoneMunicipalityInline(admin.TabularInline):
    model = ZoneMunicipality
    extra = 1


@admin.register(Zone)
class ZoneAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "is_active"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [ZoneMunicipalityInline]


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["nis_code", "name", "province", "valid_from", "valid_to"]
    search_fields = ["name", "nis_code"]


admin.site.register(Cluster)
admin.site.register(Sector)
