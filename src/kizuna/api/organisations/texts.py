"""/api/text-versions/: a free text as the caller can read it (GET), and an author's
version of it in another language (POST); which texts, and who may read or write them,
is registered in organisations/texts.py."""

from __future__ import annotations

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.http import Http404
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import permissions, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from kizuna.common.i18n import LANGUAGES, current_language
from kizuna.organisations.domain import text_version_save
from kizuna.organisations.queries import reader_text, text_versions_of
from kizuna.organisations.texts import translatable_get


class TextTarget(serializers.Serializer):
    model = serializers.CharField(help_text='The record\'s kind: "organisations.organisation", '
                                            '"mentoring.planupdate" or "mentoring.pairing".')
    pk = serializers.IntegerField()
    field = serializers.CharField(help_text='"description", "text", "mentor_reason" or "mentee_reason".')


class TextVersionInput(TextTarget):
    language = serializers.ChoiceField(choices=list(LANGUAGES))
    text = serializers.CharField(allow_blank=True, help_text="Empty: remove the version in this language.")


class ReaderTextSerializer(serializers.Serializer):
    original = serializers.CharField()
    language = serializers.CharField(help_text="The original's language; empty when unknown.")
    reader_language = serializers.CharField()
    version = serializers.CharField(help_text="The author's version in the reader's language, if any.")
    gist = serializers.CharField(help_text="Without such a version, the taxonomy concepts the text is about, "
                                           "in the reader's language; empty when the reader reads the original.")
    versions = serializers.DictField(child=serializers.CharField(), help_text="Every version given, by language.")


def _record(data: dict, *, write: bool, user):
    kind = translatable_get(data["model"], data["field"])
    if kind is None:
        raise Http404
    try:
        record = apps.get_model(data["model"])._default_manager.filter(pk=data["pk"]).first()
    except (LookupError, ValueError):
        raise Http404 from None
    if record is None or not kind.may_read(user, record):
        raise Http404
    if write and not kind.may_write(user, record):
        raise PermissionDenied
    return record


def _body(record, field: str) -> dict:
    shown = reader_text(record, field, current_language())
    return {"original": shown.original, "language": shown.language, "reader_language": shown.reader_language,
            "version": shown.version, "gist": shown.gist, "versions": text_versions_of(record, field)}


NOT_FOUND = OpenApiResponse(description="No such text (kind, record or field), or not yours to read.")


class TextVersionView(APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(parameters=[TextTarget], responses={200: ReaderTextSerializer, 404: NOT_FOUND})
    def get(self, request):
        target = TextTarget(data=request.query_params)
        target.is_valid(raise_exception=True)
        record = _record(target.validated_data, write=False, user=request.user)
        return Response(_body(record, target.validated_data["field"]))

    @extend_schema(request={"application/json": TextVersionInput}, responses={201: ReaderTextSerializer, 404: NOT_FOUND, 409: OpenApiResponse(
        description="The text is written in this language already (text_version_same_language).")})
    def post(self, request):
        given = TextVersionInput(data=request.data)
        given.is_valid(raise_exception=True)
        data = given.validated_data
        record = _record(data, write=True, user=request.user)
        text_version_save(record=record, field=data["field"], language=data["language"], text=data["text"],
                          actor=request.user)
        return Response(_body(record, data["field"]), status=201)
