"""Personal data in the API (PDPA / APPI); the rules in accounts/rules.py decide who may.

  personal-data/me/                      GET the caller's own data (JSON)
  personal-data/{kind}/{id}/             GET a person's data; kind: contact | user (officers; a user: themselves)
  erasure-requests/                      GET the requests (officers: all; others: their own),
                                         POST {"contact": id} or {"user": id}, "reason"
  erasure-requests/{id}/approve/         POST (another officer than the one who filed it)
  erasure-requests/{id}/refuse/          POST {"note"}
"""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    PolymorphicProxySerializer,
    extend_schema,
)
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.parsers import JSONParser
from rest_framework.response import Response
from rest_framework.views import APIView

from kizuna.accounts.domain import personal_data as domain
from kizuna.accounts.models import ErasureRequest, User
from kizuna.accounts.queries import personal_data as queries
from kizuna.api.permissions import RulesPermission
from kizuna.organisations.models import ContactPerson

KINDS = {"contact": ContactPerson, "user": User}


class PersonalDataSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=["contact", "user"])
    id = serializers.IntegerField()
    exported_at = serializers.DateTimeField()
    erased = serializers.DateTimeField(allow_null=True)
    profile = serializers.DictField()
    consents = serializers.ListField(child=serializers.DictField())
    contact_records = serializers.ListField(child=serializers.DictField())
    notifications = serializers.ListField(child=serializers.DictField())
    messages = serializers.ListField(child=serializers.DictField())
    plan_updates = serializers.ListField(child=serializers.DictField())
    audit = serializers.ListField(child=serializers.DictField())
    actions = serializers.ListField(child=serializers.DictField())
    erasure_requests = serializers.ListField(child=serializers.DictField())


class MyPersonalDataView(APIView):
    permission_classes = [RulesPermission]
    rules_object_permissions = {"get": "accounts.export_personal_data"}

    @extend_schema(responses=PersonalDataSerializer)
    def get(self, request):
        return Response(domain.personal_data_export(subject=request.user, actor=request.user, where="api"))


class PersonalDataView(APIView):
    permission_classes = [RulesPermission]
    rules_object_permissions = {"get": "accounts.export_personal_data"}

    @extend_schema(parameters=[OpenApiParameter("kind", OpenApiTypes.STR, OpenApiParameter.PATH,
                                                enum=["contact", "user"])],
                   responses=PersonalDataSerializer)
    def get(self, request, kind: str, pk: int):
        subject = get_object_or_404(KINDS[kind], pk=pk)
        self.check_object_permissions(request, subject)
        return Response(domain.personal_data_export(subject=subject, actor=request.user, where="api"))


class ErasureRequestSerializer(serializers.ModelSerializer):
    class Meta:
        model = ErasureRequest
        fields = ["id", "contact", "user", "requested_by", "reason", "status", "decided_by", "decided_at",
                  "decision_note", "created"]
        read_only_fields = fields


class ErasureInput(serializers.Serializer):
    contact = serializers.PrimaryKeyRelatedField(queryset=ContactPerson.objects.all(), required=False,
                                                 allow_null=True, help_text="The contact person to erase.")
    user = serializers.PrimaryKeyRelatedField(queryset=User.objects.all(), required=False, allow_null=True,
                                              help_text="The user to erase (a user may name only themselves).")
    reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)


class ContactErasureInput(serializers.Serializer):
    contact = serializers.IntegerField(help_text="The contact person to erase.")
    reason = serializers.CharField(required=False, allow_blank=True, max_length=2000)


class UserErasureInput(serializers.Serializer):
    user = serializers.IntegerField(help_text="The user to erase (a user may name only themselves).")
    reason = serializers.CharField(required=False, allow_blank=True, max_length=2000)


# what the schema says ErasureInput takes: a contact person or a user, exactly one
ERASURE_INPUT = PolymorphicProxySerializer(component_name="ErasureSubject", resource_type_field_name=None,
                                           serializers=[ContactErasureInput, UserErasureInput])
DECIDED = OpenApiResponse(description="The request is decided already (erasure_request_decided).")


class RefuseSerializer(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)


class ErasureRequestViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                            viewsets.GenericViewSet):
    serializer_class = ErasureRequestSerializer
    parser_classes = [JSONParser]  # a form encoding cannot say that the other person is null
    permission_classes = [RulesPermission]
    filter_backends = []
    rules_object_permissions = {"list": None, "retrieve": None, "create": None, "metadata": None,
                                "approve": "accounts.decide_erasure", "refuse": "accounts.decide_erasure"}

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return ErasureRequest.objects.none()
        user = self.request.user
        if user.has_perm("accounts.list_erasure_requests"):
            return queries.erasure_requests()
        return queries.erasure_requests_of(user)

    @extend_schema(request=ERASURE_INPUT, responses={201: ErasureRequestSerializer, 409: OpenApiResponse(
        description="A request to erase this person is waiting already (erasure_already_requested).")})
    def create(self, request, *args, **kwargs):
        data = ErasureInput(data=request.data)
        data.is_valid(raise_exception=True)
        contact, user = data.validated_data.get("contact"), data.validated_data.get("user")
        if (contact is None) == (user is None):
            raise domain.PersonalDataError("erasure_subject_unknown")
        subject = contact or user
        if not request.user.has_perm("accounts.request_erasure", subject):
            raise PermissionDenied
        filed = domain.erasure_request_file(subject=subject, requested_by=request.user,
                                            reason=data.validated_data.get("reason", ""))
        return Response(ErasureRequestSerializer(filed).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={200: ErasureRequestSerializer, 409: DECIDED})
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        done = domain.erasure_request_approve(request=self.get_object(), actor=request.user)
        return Response(ErasureRequestSerializer(done).data)

    @extend_schema(request=RefuseSerializer, responses={200: ErasureRequestSerializer, 409: DECIDED})
    @action(detail=True, methods=["post"])
    def refuse(self, request, pk=None):
        data = RefuseSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        done = domain.erasure_request_refuse(request=self.get_object(), actor=request.user,
                                             note=data.validated_data["note"])
        return Response(ErasureRequestSerializer(done).data)
