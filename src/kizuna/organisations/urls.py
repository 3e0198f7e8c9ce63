from django.urls import path

from kizuna.organisations import imports_views, views

app_name = "organisations"
urlpatterns = [
    path("", views.directory, name="directory"),
    path("import/", imports_views.import_page, name="import"),
    path("export/", imports_views.export, name="export"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
]
