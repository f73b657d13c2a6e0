from django.contrib import admin

from .models import SignpostEntry


@admin.register(SignpostEntry)
class SignpostEntryAdmin(admin.ModelAdmin):
    list_display = ["name", "network", "theme", "region", "last_checked_on", "archived"]
    list_filter = ["theme", "archived", "network"]
    search_fields = ["name", "audience", "offer"]
    raw_id_fields = ["last_checked_by", "created_by", "updated_by"]
