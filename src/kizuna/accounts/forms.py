from django import forms
from django.contrib.auth.forms import PasswordResetForm
from django.utils import translation
from django.utils.translation import gettext_lazy as _


class LocalisedPasswordResetForm(PasswordResetForm):
    """Writes each reset e-mail in the recipient's saved language, whatever the
    language of the page the request came from."""

    def send_mail(self, subject_template_name, email_template_name, context, from_email, to_email, html_email_template_name=None):
        user = context.get("user")
        lang = getattr(user, "language", "") or translation.get_language()
        with translation.override(lang):
            super().send_mail(
                subject_template_name, email_template_name, context, from_email, to_email, html_email_template_name
            )


class ErasureFileForm(forms.Form):
    reason = forms.CharField(label=_("Reason (optional)"), required=False, max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 2}))


class ErasureRefuseForm(forms.Form):
    note = forms.CharField(label=_("Why it is refused"), required=False, max_length=2000)
