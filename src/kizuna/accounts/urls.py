from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from kizuna.accounts import views
from kizuna.accounts.forms import LocalisedPasswordResetForm
from kizuna.accounts.views import personal_data

app_name = "accounts"
urlpatterns = [
    path("login/", auth_views.LoginView.as_view(template_name="accounts/login.html"), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("language/", views.language_set, name="language"),
    path("personal-data/", personal_data.mine, name="personal-data"),
    path("personal-data/export/", personal_data.mine_export, name="personal-data-export"),
    path("personal-data/<str:kind>/<int:pk>/", personal_data.person_export, name="personal-data-person"),
    path("personal-data/<str:kind>/<int:pk>/erase/", personal_data.erasure_file, name="erasure-file"),
    path("erasure-requests/", personal_data.erasure_requests, name="erasure-requests"),
    path("erasure-requests/<int:pk>/approve/", personal_data.erasure_approve, name="erasure-approve"),
    path("erasure-requests/<int:pk>/refuse/", personal_data.erasure_refuse, name="erasure-refuse"),
    path(
        "password-reset/",
        auth_views.PasswordResetView.as_view(
            template_name="accounts/password_reset_form.html",
            email_template_name="accounts/password_reset_email.txt",
            subject_template_name="accounts/password_reset_subject.txt",
            form_class=LocalisedPasswordResetForm,
            success_url=reverse_lazy("accounts:password_reset_done"),
        ),
        name="password_reset",
    ),
    path(
        "password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="accounts/password_reset_confirm.html",
            success_url=reverse_lazy("accounts:password_reset_complete"),
        ),
        name="password_reset_confirm",
    ),
    path(
        "reset/done/",
        auth_views.PasswordResetCompleteView.as_view(template_name="accounts/password_reset_complete.html"),
        name="password_reset_complete",
    ),
]
