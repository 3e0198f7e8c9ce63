"""Free texts that authors can give in other languages (TextVersion), and who may.

Each app registers the texts of its records once (`translatable`), with the test of
who may add a version: organisations their descriptions here, mentoring its plan
updates and decline reasons in its AppConfig.ready. The page form, the API and the
domain function (domain.text_version_save) all read this one registry."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db import models


@dataclass(frozen=True)
class Translatable:
    model: type[models.Model]
    field: str
    may_write: Callable[[object, models.Model], bool]  # (actor, record) → bool
    language_of: Callable[[models.Model], str]  # the original's language, "" when unknown
    may_read: Callable[[object, models.Model], bool]  # (reader, record) → bool


_REGISTRY: dict[tuple[str, str], Translatable] = {}


def key_of(model: type[models.Model] | models.Model) -> str:
    return model._meta.label_lower  # "mentoring.planupdate"


def translatable(model: type[models.Model], field: str, *, may_read, may_write, language_of=lambda record: "") -> None:
    _REGISTRY[(key_of(model), field)] = Translatable(model, field, may_write, language_of, may_read)


def translatable_get(model_key: str, field: str) -> Translatable | None:
    return _REGISTRY.get((model_key, field))


def _description_language(org) -> str:
    return org.description_language or ""


def register_organisation_texts() -> None:
    from kizuna.organisations.models import Organisation

    translatable(Organisation, "description",
                 may_read=lambda reader, org: reader.has_perm("organisations.view_organisation", org),
                 may_write=lambda actor, org: actor.has_perm("organisations.change_organisation", org),
                 language_of=_description_language)
