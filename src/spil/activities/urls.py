from django.urls import path

from . import views

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
]
