from django.urls import path

from kizuna.organisations.views import directory, imports, texts

app_name = "organisations"
urlpatterns = [
    path("", directory.directory, name="directory"),
    path("import/", imports.import_page, name="import"),
    path("import/template.<str:fmt>", imports.import_template_download, name="import_template"),
    path("import/history/", imports.import_history_page, name="import_history"),
    path("import/jobs/<int:pk>/", imports.import_job, name="import_job"),
    path("import/jobs/<int:pk>/progress/", imports.import_job_progress, name="import_job_progress"),
    path("import/jobs/<int:pk>/cancel/", imports.import_job_cancel, name="import_job_cancel"),
    path("export/", imports.export, name="export"),
    path("texts/versions/", texts.text_version, name="text-version"),
    path("<int:pk>/", directory.detail, name="detail"),
    path("<int:pk>/edit/", directory.edit, name="edit"),
]
