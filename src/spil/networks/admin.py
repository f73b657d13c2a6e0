from django.contrib import admin

from . import services
from .models import Body, Cooperation, LabourMarketRegion, Network, Seat, Stakeholder


class BodyInline(admin.TabularInline):
    model = Body
    extra = 0


@admin.register(Network)
class NetworkAdmin(admin.ModelAdmin):
    list_display = ["name", "founded_on", "financing_model"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["regions"]
    inlines = [BodyInline]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        services.body_ensure_all(network=form.instance)


@admin.register(LabourMarketRegion)
class LabourMarketRegionAdmin(admin.ModelAdmin):
    list_display = ["number", "name"]
    search_fields = ["name"]


@admin.register(Seat)
class SeatAdmin(admin.ModelAdmin):
    list_display = ["body", "person_name", "user", "role"]
    list_select_related = ["body__network", "user"]
    autocomplete_fields = ["user"]


admin.site.register(Stakeholder)
admin.site.register(Cooperation)
