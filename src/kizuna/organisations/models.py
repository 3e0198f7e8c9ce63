"""Organisations, their contact persons, and the reference data they point at."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from kizuna.common import identifiers
from kizuna.common.i18n import LANGUAGE_CHOICES, LANGUAGES, current_language
from kizuna.common.jobs import Job
from kizuna.common.models import Labelled, TimeStamped, WebsiteField
from kizuna.organisations.enums import (
    ConsentPurpose,
    Domain,
    OrganisationKind,
    OrganisationSize,
    Region,
)
from kizuna.organisations.places import place_name


class IndustryGroup(Labelled):
    """An industry group of the Federation of Thai Industries; officers can edit them."""

    related_concepts = models.ManyToManyField("Concept", blank=True, related_name="+")

    class Meta(Labelled.Meta):
        verbose_name = _("industry group")
        verbose_name_plural = _("industry groups")


class Concept(Labelled):
    """A concept of the Industry 4.0 technology taxonomy."""

    domain = models.CharField(_("domain"), max_length=20, choices=Domain.choices)
    broader = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="narrower"
    )
    synonyms = models.JSONField(_("synonyms"), default=dict, blank=True)

    class Meta(Labelled.Meta):
        verbose_name = _("technology")
        verbose_name_plural = _("technologies")


class Province(Labelled):
    region = models.CharField(_("region"), max_length=20, choices=Region.choices)
    eec = models.BooleanField(_("Eastern Economic Corridor"), default=False)

    class Meta(Labelled.Meta):
        verbose_name = _("province")
        verbose_name_plural = _("provinces")


class Country(Labelled):
    code = models.CharField(_("ISO 3166 code"), max_length=2, primary_key=True)
    clmv = models.BooleanField(_("CLMV"), default=False)
    asean = models.BooleanField(_("ASEAN"), default=False)

    class Meta(Labelled.Meta):
        verbose_name = _("country")
        verbose_name_plural = _("countries")


class Organisation(TimeStamped):
    external_id = models.CharField(
        _("external id"),
        max_length=64,
        unique=True,
        help_text=_("A stable identifier; re-importing a file with the same id updates the organisation."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind.choices)
    name = models.CharField(_("name"), max_length=200, help_text=_("In the organisation's own language."))
    name_th = models.CharField(_("name in Thai"), max_length=200, blank=True)
    name_ja = models.CharField(_("name in Japanese"), max_length=200, blank=True)
    name_en = models.CharField(_("name in English"), max_length=200, blank=True)
    country = models.ForeignKey(
        Country, verbose_name=_("country"), on_delete=models.PROTECT, related_name="organisations"
    )
    languages = models.JSONField(_("languages spoken"), default=list, blank=True)
    industry_group = models.ForeignKey(
        IndustryGroup,
        verbose_name=_("industry group"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="organisations",
    )
    technologies_offered = models.ManyToManyField(
        Concept, verbose_name=_("technologies offered"), blank=True, related_name="offered_by"
    )
    technologies_needed = models.ManyToManyField(
        Concept, verbose_name=_("technologies needed"), blank=True, related_name="needed_by"
    )
    province = models.ForeignKey(
        Province,
        verbose_name=_("province"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="organisations",
    )
    region_text = models.CharField(
        _("region"), max_length=100, blank=True, help_text=_("City or prefecture outside Thailand.")
    )
    countries_served = models.ManyToManyField(
        Country, verbose_name=_("countries served"), blank=True, related_name="served_by"
    )
    size = models.CharField(_("size"), max_length=10, choices=OrganisationSize.choices, blank=True)
    website = WebsiteField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)
    description_language = models.CharField(
        _("language of the description"), max_length=2, choices=LANGUAGE_CHOICES, blank=True
    )
    registration_number = models.CharField(_("registration number"), max_length=20, blank=True)
    founded = models.PositiveSmallIntegerField(_("year founded"), null=True, blank=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        # (name, id) is the directory's order: pages are read straight off the index
        indexes = [models.Index(fields=["kind", "country"]), models.Index(fields=["name", "id"])]

    def __str__(self) -> str:
        return self.display_name()

    def display_name(self, lang: str | None = None, *, own: bool = False) -> str:
        """The name as a reader of `lang` (default: the active language) can read it: the
        name in `lang` when there is one, else the English name, else the name as written.

        `own`: put the name as written (in the organisation's own language) beside it when
        it differs, "Siam Precision Press Co., Ltd. (บริษัท สยามพรีซิชั่นเพรส จำกัด)", for
        where space allows; titles and sentences use the plain form so that their
        script never mixes with one the reader does not read."""
        lang = lang or current_language()
        shown = getattr(self, f"name_{lang}", "") or self.name_en or self.name
        if own and self.name and self.name != shown:
            return f"{shown} ({self.name})"
        return shown

    def region_display(self, lang: str | None = None) -> str:
        """Where the organisation is, for a reader of `lang`: its Thai province, else
        its region abroad by the name the reader uses (organisations/places.py)."""
        lang = lang or current_language()
        if self.province_id:
            return self.province.label(lang)
        return place_name(self.region_text, lang)

    def display_names(self) -> dict[str, str]:
        """The display name for each reader's language, as the API and exports give it."""
        return {lang: self.display_name(lang) for lang in LANGUAGES}

    def clean(self) -> None:
        super().clean()
        if self.registration_number and self.country_id:
            self.registration_number = identifiers.clean(self.registration_number)
            problem = identifiers.check(self.country_id, self.registration_number)
            if problem is not None:
                raise ValidationError(
                    {"registration_number": registration_problem_message(self.country_id, problem)}
                )


def registration_problem_message(country: str, problem: identifiers.IdentifierProblem) -> str:
    if country == "TH":
        if problem.code == "check_digit":
            return _(
                "The check digit of this Thai juristic-person ID is wrong: the last digit should be %(expected)s."
            ) % {"expected": problem.expected}
        return _("A Thai juristic-person ID has exactly 13 digits.")
    if problem.code == "check_digit":
        return _(
            "The check digit of this Japanese corporate number is wrong: the first digit should be %(expected)s."
        ) % {"expected": problem.expected}
    return _("A Japanese corporate number has exactly 13 digits.")


class SearchTerm(models.Model):
    """One word of an organisation's names, description and technologies, cut by the
    Thai and Japanese tokenisers: an inverted index that SQLite and PostgreSQL both
    search with a plain index lookup."""

    term = models.CharField(max_length=64)
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["term", "organisation"], name="unique_term_org")]
        indexes = [models.Index(fields=["organisation"])]

    def __str__(self) -> str:
        return self.term


class ContactPersonQuerySet(models.QuerySet):
    def consenting(self, purpose: str) -> ContactPersonQuerySet:
        """The contact persons who granted consent for `purpose` (ConsentPurpose): the
        only ones shown, written to or exported for that purpose (PDPA / APPI)."""
        return self.filter(consents__purpose=purpose, consents__granted=True)


class ContactPerson(TimeStamped):
    objects = ContactPersonQuerySet.as_manager()

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="contacts", verbose_name=_("organisation")
    )
    name = models.CharField(_("name"), max_length=200, help_text=_("In the person's own language."))
    name_en = models.CharField(_("name in English"), max_length=200, blank=True)
    title = models.CharField(_("position"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    language = models.CharField(_("language"), max_length=2, choices=LANGUAGE_CHOICES, default="en")
    languages = models.JSONField(_("languages spoken"), default=list, blank=True)

    class Meta:
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")
        ordering = ["organisation", "name"]

    def __str__(self) -> str:
        return self.name

    def display_name(self, lang: str | None = None) -> str:
        """The name as a reader of `lang` (default: the current language) can read
        it: the own-language name for a reader of the person's language, otherwise
        the English name with the own-language name beside it."""
        lang = lang or current_language()
        if lang == self.language or not self.name_en or self.name_en == self.name:
            return self.name
        return f"{self.name_en} ({self.name})"

    def has_consent(self, purpose: str) -> bool:
        return any(c.purpose == purpose and c.granted for c in self.consents.all())


class Consent(models.Model):
    """A contact person's consent for one purpose (PDPA / APPI), with when and how it was given."""

    contact = models.ForeignKey(ContactPerson, on_delete=models.CASCADE, related_name="consents")
    purpose = models.CharField(_("purpose"), max_length=20, choices=ConsentPurpose.choices)
    granted = models.BooleanField(_("granted"), default=False)
    recorded_at = models.DateTimeField(_("recorded at"), auto_now=True)
    source = models.CharField(_("source"), max_length=100, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["contact", "purpose"], name="unique_consent")]

    def __str__(self) -> str:
        return f"{self.contact} · {self.get_purpose_display()}"


class ImportJob(Job):
    """One confirmed spreadsheet import, applied by a background job (common/jobs.py);
    the kept upload is MEDIA_ROOT/imports/<file_token><suffix> until the job ends.
    `problems` holds the file's located problems when the import was refused."""

    language = models.CharField(max_length=8, default="en")  # problems are written in it
    file_token = models.CharField(max_length=64)
    file_name = models.CharField(_("file"), max_length=255)
    new = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created"]

    def __str__(self) -> str:
        return self.file_name


class TextVersion(TimeStamped):
    """An author's version, in another language, of a free text of any record: an
    organisation's description, a plan update, a pair's decline reason (the kinds are
    registered in organisations/texts.py). A reader who does not read the original's
    language sees the version in their language when there is one (queries.reader_texts)."""

    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    field = models.CharField(_("text"), max_length=50)
    language = models.CharField(_("language"), max_length=2, choices=LANGUAGE_CHOICES)
    text = models.TextField(_("text in this language"))
    author = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("text in another language")
        verbose_name_plural = _("texts in other languages")
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id", "field", "language"],
                                    name="unique_text_version")
        ]

    def __str__(self) -> str:
        return f"{self.field} [{self.language}]"


class ImportedOrganisation(models.Model):
    """An organisation that a confirmed import created or updated (its result page and
    the import history link to each). Unchanged rows are not kept."""

    job = models.ForeignKey(ImportJob, on_delete=models.CASCADE, related_name="imported")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    created = models.BooleanField(_("new"))  # False: an existing organisation was updated

    class Meta:
        verbose_name = _("imported organisation")
        verbose_name_plural = _("imported organisations")
        constraints = [models.UniqueConstraint(fields=["job", "organisation"], name="unique_imported_organisation")]
        indexes = [models.Index(fields=["job", "created"])]

    def __str__(self) -> str:
        return f"{self.job} · {self.organisation}"
