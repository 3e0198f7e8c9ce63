from django.urls import path

from kizuna.programmes import views

app_name = "programmes"
urlpatterns = [
    path("<slug:code>/", views.programme_page, name="detail"),
]
