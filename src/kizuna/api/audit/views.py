"""The audit log in the API, for officers (rules: audit.view_log).

  audit/entries/          GET the entries matching the filters, newest first (paged)
  audit/entries/export/   GET the same as a file: ?file_format=csv|xlsx (guarded export)

Filters (all optional, the page's): actor, object_type, object_id, object, action
(create|update|delete|access), since, until (YYYY-MM-DD, inclusive). A bad value is
a 400 naming the parameter.
"""

from __future__ import annotations

from django import forms
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError

from kizuna.api.permissions import RulesPermission
from kizuna.api.schema import FormQuerySchema
from kizuna.audit.forms import EntryFilterForm
from kizuna.audit.queries import entries_search, entry_row
from kizuna.audit.views import entries_export
from kizuna.common.exports import CONTENT_TYPES, FORMATS

DESCRIPTIONS = {
    "actor": "Part of the user name or e-mail of who acted.",
    "object_type": "The kind of record, as app.model (organisations.contactperson …).",
    "object_id": "The record's number.",
    "object": "Part of what the record was called.",
    "since": "From this day (inclusive).",
    "until": "Until this day (inclusive); before `since`, no entry.",
}


class EntryQueryForm(EntryFilterForm):
    """The page's filters; a period that ends before it starts is an empty one (the
    page says so; the API answers no entries, as the schema cannot say it)."""

    def clean(self):
        return forms.Form.clean(self)


class EntrySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    timestamp = serializers.DateTimeField()
    actor = serializers.CharField(help_text="User name of who acted; empty for the system.")
    actor_email = serializers.CharField()
    action = serializers.ChoiceField(choices=["create", "update", "delete", "access"])
    object_type = serializers.CharField()
    object_id = serializers.IntegerField(allow_null=True)
    object = serializers.CharField()
    changes = serializers.DictField(help_text="Field name → [before, after] (text).")
    where = serializers.CharField(help_text="page, api, export, cli or system.")
    via = serializers.CharField(help_text="For a view of contact details: what was open.")
    path = serializers.CharField()
    remote_addr = serializers.CharField()


def _filter(request):
    """The filters of the query parameters (those of the page's form), or a 400
    naming each bad parameter."""
    params = request.query_params.copy()
    for name in ("file_format", "limit", "offset"):
        params.pop(name, None)
    form = EntryQueryForm(params or None)
    if form.is_bound and not form.is_valid():
        raise ValidationError({name: [str(e) for e in errors] for name, errors in form.errors.items()})
    return form.entry_filter()


class AuditEntryViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = EntrySerializer
    permission_classes = [RulesPermission]
    filter_backends = []
    schema = FormQuerySchema()
    query_form, query_form_actions, query_descriptions = EntryQueryForm, {"list", "export"}, DESCRIPTIONS
    rules_permissions = {"list": "audit.view_log", "export": "audit.view_log", "metadata": "audit.view_log"}

    def get_queryset(self):
        return entries_search(_filter(self.request))

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(EntrySerializer([entry_row(e) for e in page], many=True).data)

    @extend_schema(
        parameters=[OpenApiParameter("file_format", OpenApiTypes.STR, enum=[*FORMATS], required=True)],
        responses={(200, CONTENT_TYPES["csv"].split(";")[0]): OpenApiTypes.BINARY,
                   (200, CONTENT_TYPES["xlsx"]): OpenApiTypes.BINARY},
    )
    @action(detail=False, methods=["get"])
    def export(self, request):
        fmt = request.query_params.get("file_format", "")
        if fmt not in FORMATS:
            raise ValidationError({"file_format": [
                _("file_format must be csv or xlsx, not “%(value)s”.") % {"value": fmt[:20]}]})
        response = HttpResponse(entries_export(self.get_queryset(), fmt), content_type=CONTENT_TYPES[fmt])
        response["Content-Disposition"] = f'attachment; filename="audit-log-{timezone.localdate().isoformat()}.{fmt}"'
        return response

