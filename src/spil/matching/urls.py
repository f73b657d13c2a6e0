from django.urls import path

from . import candidate_views, cohort_views, export_views, import_views, match_views, opportunity_views, speedmeet_views

app_name = "matching"

urlpatterns = [
    # candidates
    path("kandidaten/", candidate_views.candidate_list, name="candidates"),
    path("kandidaten/export.<str:fmt>", export_views.candidate_list_export, name="candidates_export"),
    path("kandidaten/nieuw/", candidate_views.candidate_create, name="candidate_create"),
    path("kandidaten/taken/suggesties/", candidate_views.task_suggestions, name="task_suggestions"),
    path("kandidaten/<int:pk>/", candidate_views.candidate_detail, name="candidate"),
    path("kandidaten/<int:pk>/bewerken/", candidate_views.candidate_edit, name="candidate_edit"),
    path("kandidaten/<int:pk>/toestemming/", candidate_views.consent_create, name="consent_create"),
    path(
        "kandidaten/<int:pk>/toestemming/<int:consent_pk>/intrekken/",
        candidate_views.consent_revoke,
        name="consent_revoke",
    ),
    path("kandidaten/<int:pk>/logboek/", candidate_views.candidate_log, name="candidate_log"),
    path("kandidaten/<int:pk>/inzage.json", candidate_views.candidate_export, name="candidate_export"),
    path("kandidaten/<int:pk>/wissen/", candidate_views.candidate_erase, name="candidate_erase"),
    # opportunities and job carving
    path("kansen/", opportunity_views.opportunity_list, name="opportunities"),
    path("kansen/export.<str:fmt>", export_views.opportunity_list_export, name="opportunities_export"),
    path("kansen/nieuw/", opportunity_views.opportunity_create, name="opportunity_create"),
    path("kansen/<int:pk>/", opportunity_views.opportunity_detail, name="opportunity"),
    path("kansen/<int:pk>/bewerken/", opportunity_views.opportunity_edit, name="opportunity_edit"),
    path("jobcarving/", opportunity_views.carving, name="carving"),
    path("jobcarving/functie/nieuw/", opportunity_views.role_create, name="role_create"),
    # imports (CSV/XLSX, all-or-nothing, in the background)
    path("kandidaten/importeren/", import_views.candidate_import, name="candidate_import"),
    path(
        "kandidaten/importeren/sjabloon.<str:fmt>",
        import_views.candidate_import_template,
        name="candidate_import_template",
    ),
    path("kansen/importeren/", import_views.opportunity_import, name="opportunity_import"),
    path(
        "kansen/importeren/sjabloon.<str:fmt>",
        import_views.opportunity_import_template,
        name="opportunity_import_template",
    ),
    path("imports/<int:pk>/", import_views.import_job, name="import_job"),
    path("imports/<int:pk>/voortgang/", import_views.import_progress, name="import_progress"),
    # list exports: CSV is streamed by the list's export address, XLSX is built in the background (a job)
    path("exports/<str:kind>.<str:fmt>", export_views.export_create, name="export_create"),
    path("exports/<int:pk>/", export_views.export_job, name="export_job"),
    path("exports/<int:pk>/voortgang/", export_views.export_progress, name="export_progress"),
    path("exports/<int:pk>/downloaden/", export_views.export_download, name="export_download"),
    # matches and their pipeline
    path("kansen/<int:pk>/kandidaten/", match_views.opportunity_matches, name="opportunity_matches"),
    path("matches/", match_views.match_list, name="matches"),
    path("matches/export.<str:fmt>", export_views.match_list_export, name="matches_export"),
    path("matches/kandidaat/<int:pk>/", match_views.candidate_matches, name="candidate_matches"),
    path("matches/voorleggen/", match_views.match_propose, name="match_propose"),
    path("matches/<int:pk>/", match_views.match_detail, name="match"),
    path("matches/<int:pk>/antwoord/", match_views.match_answer, name="match_answer"),
    path("matches/<int:pk>/volgende-stap/", match_views.match_advance, name="match_advance"),
    path("matches/<int:pk>/beeindigen/", match_views.match_end, name="match_end"),
    # cohort assignment (De achthonderd)
    path("cohorten/", cohort_views.cohort_list, name="cohorts"),
    path("cohorten/nieuw/", cohort_views.cohort_create, name="cohort_create"),
    path("cohorten/<int:pk>/", cohort_views.cohort_detail, name="cohort"),
    path("cohorten/<int:pk>/voortgang/", cohort_views.cohort_progress, name="cohort_progress"),
    path("cohorten/<int:pk>/paren/<int:pair_pk>/", cohort_views.cohort_pair_decide, name="cohort_pair"),
    # speedmeet / drive-in (pk: the activity)
    path("speedmeet/<int:pk>/", speedmeet_views.speedmeet_page, name="speedmeet"),
    path("speedmeet/<int:pk>/rondes/", speedmeet_views.speedmeet_settings, name="speedmeet_settings"),
    path("speedmeet/<int:pk>/kandidaten/", speedmeet_views.speedmeet_present, name="speedmeet_present"),
    path("speedmeet/<int:pk>/kandidaten/weg/", speedmeet_views.speedmeet_withdraw, name="speedmeet_withdraw"),
    path("speedmeet/<int:pk>/rooster/", speedmeet_views.speedmeet_plan, name="speedmeet_plan"),
    path("speedmeet/<int:pk>/rooster/inplannen/", speedmeet_views.speedmeet_place, name="speedmeet_place"),
    path("speedmeet/<int:pk>/bevestigen/", speedmeet_views.speedmeet_confirm, name="speedmeet_confirm"),
    path("speedmeet/<int:pk>/kiezen/", speedmeet_views.speedmeet_choose, name="speedmeet_choose"),
    path("speedmeet/<int:pk>/kiezen/<int:candidate>/", speedmeet_views.speedmeet_mark, name="speedmeet_mark"),
    path("speedmeet/<int:pk>/aanwezig/", speedmeet_views.speedmeet_presence, name="speedmeet_presence"),
]
