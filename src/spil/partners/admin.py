from django.contrib import admin

from .models import (
    AdmissionDecision,
    AdmissionOpinion,
    Ambition,
    Contact,
    Contribution,
    Organisation,
    Partnership,
    Result,
)


class ContactInline(admin.TabularInline):
    model = Contact
    extra = 0


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "kvk_number", "municipality"]
    list_filter = ["kind"]
    search_fields = ["name", "kvk_number"]
    inlines = [ContactInline]


@admin.register(Partnership)
class PartnershipAdmin(admin.ModelAdmin):
    list_display = ["organisation", "network", "status", "stage"]
    list_filter = ["status", "stage", "network"]
    list_select_related = ["organisation", "network"]
    search_fields = ["organisation__name"]
    raw_id_fields = ["organisation", "main_contact"]


class ReadOnlyAdmin(admin.ModelAdmin):
    """Ambitions and results change through Spil's own pages, which keep the totals right."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


admin.site.register(Ambition, ReadOnlyAdmin)
admin.site.register(Result, ReadOnlyAdmin)
for model in (AdmissionOpinion, AdmissionDecision, Contribution):
    admin.site.register(model)
