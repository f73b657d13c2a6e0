from django.urls import path

from . import group_views, views

app_name = "activities"

urlpatterns = [
    path("activiteiten/", views.activity_list, name="list"),
    path("activiteiten/nieuw/", views.activity_create, name="create"),
    path("activiteiten/<int:pk>/", views.activity_detail, name="detail"),
    path("activiteiten/<int:pk>/bewerken/", views.activity_edit, name="edit"),
    path("activiteiten/<int:pk>/agenda.ics", views.activity_ics, name="ics"),
    path("activiteiten/<int:pk>/aanmelden/", views.register_self, name="register"),
    path("activiteiten/<int:pk>/aanmelden/namens/", views.register_other, name="register_other"),
    path("activiteiten/<int:pk>/aanwezigheid/", views.attendance_list, name="attendance"),
    path("activiteiten/<int:pk>/aanwezigheid/niet-gekomen/", views.attendance_no_shows, name="no_shows"),
    path("activiteiten/<int:pk>/opbrengst/", views.outcomes_save, name="outcomes"),
    path("activiteiten/<int:pk>/vervolgacties/nieuw/", views.follow_up_create, name="follow_up_create"),
    path("aanmeldingen-activiteit/<int:pk>/annuleren/", views.registration_cancel, name="cancel"),
    path("aanmeldingen-activiteit/<int:pk>/aanwezigheid/", views.attendance_set, name="attendance_set"),
    path("vervolgacties/", views.follow_up_list, name="follow_ups"),
    path("vervolgacties/<int:pk>/afgerond/", views.follow_up_done, name="follow_up_done"),
    path("locaties/", views.venue_list, name="venues"),
    path("locaties/nieuw/", views.venue_create, name="venue_create"),
    path("locaties/<int:pk>/bewerken/", views.venue_edit, name="venue_edit"),
    path("deelname/organisatie/<int:pk>/", views.participation_partner, name="participation_partner"),
    path("deelname/contactpersoon/<int:pk>/", views.participation_contact, name="participation_contact"),
    path("mijn-activiteiten/", views.my_activities, name="mine"),
    path("mijn-activiteiten/agenda-link/", views.calendar_feed_renew, name="feed_renew"),
    path("suggesties/contactpersonen/", views.suggest_contacts, name="suggest_contacts"),
    path("suggesties/organisaties/", views.suggest_organisations, name="suggest_organisations"),
    path("groepen/", group_views.group_list, name="groups"),
    path("groepen/nieuw/", group_views.group_create, name="group_create"),
    path("groepen/<int:pk>/", group_views.group_detail, name="group"),
    path("groepen/<int:pk>/bewerken/", group_views.group_edit, name="group_edit"),
    path("groepen/<int:pk>/updates/", group_views.group_update_post, name="group_update"),
    path("kerngroep/vergaderingen/", group_views.meeting_list, name="meetings"),
    path("kerngroep/vergaderingen/nieuw/", group_views.meeting_create, name="meeting_create"),
    path("kerngroep/vergaderingen/<int:pk>/", group_views.meeting_detail, name="meeting"),
    path("kerngroep/vergaderingen/<int:pk>/agenda-bijwerken/", group_views.meeting_refresh, name="meeting_refresh"),
    path("kerngroep/vergaderingen/<int:pk>/agendapunten/", group_views.agenda_item_add, name="agenda_item_add"),
    path("kerngroep/vergaderingen/<int:pk>/acties/", group_views.meeting_action_add, name="meeting_action_add"),
    path("kerngroep/agendapunten/<int:pk>/verslag/", group_views.agenda_item_record, name="agenda_item_record"),
]
