from django.urls import path

from kizuna.organisations import imports_views, views

app_name = "organisations"
urlpatterns = [
    path("", views.directory, name="directory"),
    path("import/", imports_views.import_page, name="import"),
    path("import/jobs/<int:pk>/", imports_views.import_job, name="import_job"),
    path("import/jobs/<int:pk>/progress/", imports_views.import_job_progress, name="import_job_progress"),
    path("import/jobs/<int:pk>/cancel/", imports_views.import_job_cancel, name="import_job_cancel"),
    path("export/", imports_views.export, name="export"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
]
