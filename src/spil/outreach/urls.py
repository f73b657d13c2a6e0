from django.urls import path

from . import bus_views, report_views, views

app_name = "outreach"

urlpatterns = [
    path("gesprekken/", views.campaign_list, name="campaigns"),
    path("gesprekken/nieuw/", views.campaign_create, name="campaign_create"),
    path("gesprekken/rondes/<int:pk>/", views.campaign_detail, name="campaign"),
    path("gesprekken/rondes/<int:pk>/bewerken/", views.campaign_edit, name="campaign_edit"),
    path("gesprekken/rondes/<int:pk>/leidraad/", views.guide_edit, name="guide"),
    path("gesprekken/rondes/<int:pk>/doellijst/", views.targets_edit, name="targets"),
    path("gesprekken/rondes/<int:pk>/gesprek/", views.conversation_create, name="conversation_create"),
    path("gesprekken/afspraken/<int:pk>/gesprek/", views.conversation_from_appointment, name="appointment_log"),
    path("gesprekken/contactdruk/", views.contact_pressure, name="pressure"),
    path("gesprekken/<int:pk>/", views.conversation_detail, name="conversation"),
    path("gesprekken/vervolgacties/", views.action_list, name="actions"),
    path("gesprekken/vervolgacties/<int:pk>/afgerond/", views.action_done, name="action_done"),
    path("gesprekken/contactmomenten/", views.contact_moment_list, name="contact_moments"),
    path("gesprekken/contactmomenten/nieuw/", views.contact_moment_create, name="contact_moment_create"),
    path("gesprekken/instellingen/", views.settings_edit, name="settings"),
    path("gesprekken/rapportage/", report_views.report, name="report"),
    path("gesprekken/rapportage.xlsx", report_views.report_download, name="report_xlsx"),
    path("gesprekken/bustours/", bus_views.tour_list, name="tours"),
    path("gesprekken/bustours/nieuw/", bus_views.tour_create, name="tour_create"),
    path("gesprekken/bustours/<int:pk>/", bus_views.tour_detail, name="tour"),
    path("gesprekken/bustours/<int:pk>/bewerken/", bus_views.tour_edit, name="tour_edit"),
    path("gesprekken/bustours/<int:pk>/haltes/nieuw/", bus_views.stop_create, name="stop_create"),
    path("gesprekken/haltes/<int:pk>/afspraken/nieuw/", bus_views.appointment_create, name="appointment_create"),
]
