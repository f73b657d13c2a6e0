from django.urls import path

from . import member_views, views

app_name = "partners"

urlpatterns = [
    path("partners/", views.partner_list, name="list"),
    path("partners/nieuw/", views.partner_create, name="create"),
    path("partners/<int:pk>/", views.partner_detail, name="detail"),
    path("partners/<int:pk>/bewerken/", views.partner_edit, name="edit"),
    path("partners/<int:pk>/contactpersonen/nieuw/", views.contact_create, name="contact_create"),
    path("partners/<int:pk>/ambities/nieuw/", views.ambition_create, name="ambition_create"),
    path("ambities/", views.ambition_overview, name="ambitions"),
    path("ambities/<int:pk>/resultaten/nieuw/", views.result_create, name="result_create"),
    path("ambities/<int:pk>/verwijderen/", views.ambition_delete, name="ambition_delete"),
    path("resultaten/<int:pk>/verwijderen/", views.result_delete, name="result_delete"),
    path("contributies/", views.contribution_list, name="contributions"),
    path("contributies/nieuw/", views.contribution_year, name="contribution_year"),
    path("partners/<int:pk>/contributies/nieuw/", views.contribution_create, name="contribution_create"),
    path("contributies/<int:pk>/betaald/", views.contribution_pay, name="contribution_pay"),
    path("mensen/", member_views.member_list, name="members"),
    path("mensen/<int:pk>/beeindigen/", member_views.member_end, name="member_end"),
    path("partners/<int:pk>/toegang/", member_views.partner_contact_invite, name="contact_invite"),
    path("aanmeldingen/", views.admission_list, name="admissions"),
    path("aanmeldingen/nieuw/", views.admission_create, name="admission_create"),
    path("aanmeldingen/<int:pk>/", views.admission_detail, name="admission"),
    path("aanmeldingen/<int:pk>/advies/", views.admission_opinion, name="admission_opinion"),
    path("aanmeldingen/<int:pk>/besluit/", views.admission_decide, name="admission_decide"),
]
