"""REST endpoints of technology-transfer plans, the overdue overview and CLMV links
(thin: every change goes through the domain; the rules in mentoring/rules.py
decide who may).

Wired under /api/mentoring/:
  plans/                      GET list (the plans the caller may see)
  plans/{id}/                 GET one plan with goals, milestones, outcome
  plans/{id}/goals/           POST {"goals": ["iot", …]}
  plans/{id}/milestones/      POST {"title", "due"}
  plans/{id}/updates/         GET list, POST multipart {"text", "attachment"}
  plans/{id}/outcome/         POST the outcome record
  milestones/{id}/done/       POST {"done_on": "YYYY-MM-DD"} (default today)
  overdue/                    GET ?programme=code&group=id&sort=-days|days
  clmv-links/                 GET list, POST {"programme", "mentor", "mentee", "learned_from", "note"}
"""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from kizuna.api.permissions import RulesPermission
from kizuna.api.submissions import IDEMPOTENCY_KEY, idempotency_key
from kizuna.common.views import object_or_404
from kizuna.mentoring.domain import plans as plans_domain
from kizuna.mentoring.domain.clmv_links import clmv_link_create
from kizuna.mentoring.models import CLMVLink, Milestone, Outcome, Plan, PlanUpdate
from kizuna.mentoring.queries import plans as plans_queries
from kizuna.organisations.models import Organisation
from kizuna.programmes.models import Programme


# ------------------------------------------------------------------ serializers
class MilestoneSerializer(serializers.ModelSerializer):
    title = serializers.CharField(source="display_title", read_only=True)

    class Meta:
        model = Milestone
        fields = ["id", "plan", "order", "kind", "title", "due", "done_on"]
        read_only_fields = fields


class OutcomeSerializer(serializers.ModelSerializer):
    technologies = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    productivity_label = serializers.CharField(
        read_only=True, help_text="The productivity figure in the reader's language when it is a common one, else as written."
    )

    class Meta:
        model = Outcome
        fields = ["technologies", "productivity_name", "productivity_label", "productivity_unit", "productivity_before",
                  "productivity_after", "investment_thb", "jobs_created", "jobs_retained"]
        read_only_fields = fields


class PlanSerializer(serializers.ModelSerializer):
    mentor = serializers.IntegerField(source="pairing.mentor_id", read_only=True)
    mentee = serializers.IntegerField(source="pairing.mentee_id", read_only=True)
    mentor_name = serializers.CharField(source="pairing.mentor.display_name", read_only=True)
    mentee_name = serializers.CharField(source="pairing.mentee.display_name", read_only=True)
    pairing_status = serializers.CharField(source="pairing.status", read_only=True)
    goals = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    milestones = MilestoneSerializer(many=True, read_only=True)
    outcome = serializers.SerializerMethodField()

    class Meta:
        model = Plan
        fields = ["id", "pairing", "mentor", "mentee", "mentor_name", "mentee_name", "pairing_status", "goals",
                  "milestones", "outcome", "completed_at"]
        read_only_fields = fields

    @extend_schema_field(OutcomeSerializer(allow_null=True))
    def get_outcome(self, plan):
        outcome = plans_queries.plan_outcome(plan)
        return OutcomeSerializer(outcome).data if outcome is not None else None


class GoalsInput(serializers.Serializer):
    goals = serializers.ListField(child=serializers.CharField(), allow_empty=True)


class MilestoneInput(serializers.Serializer):
    title = serializers.CharField(allow_blank=True)
    due = serializers.DateField()


class DoneInput(serializers.Serializer):
    done_on = serializers.DateField(required=False, allow_null=True)


class UpdateSerializer(serializers.ModelSerializer):
    author = serializers.CharField(source="author.username", read_only=True, default="")
    attachment_url = serializers.SerializerMethodField(
        help_text="Where the attachment is downloaded (the pair's companies and officers only); null without one."
    )

    class Meta:
        model = PlanUpdate
        fields = ["id", "side", "author", "text", "attachment", "attachment_name", "attachment_url", "created"]
        read_only_fields = ["id", "side", "author", "attachment_name", "created"]
        extra_kwargs = {"text": {"allow_blank": True, "required": False},
                        "attachment": {"required": False, "write_only": True}}

    @extend_schema_field(OpenApiTypes.URI)
    def get_attachment_url(self, update) -> str | None:
        if not update.attachment:
            return None
        return reverse("mentoring:plan-attachment", args=[update.plan_id, update.pk])


class OutcomeInput(serializers.Serializer):
    # numbers arrive as given and are validated by the domain, so that its messages reach the caller
    technologies = serializers.ListField(child=serializers.CharField(), required=False, default=list)
    productivity_name = serializers.CharField(required=False, allow_blank=True, default="")
    productivity_unit = serializers.CharField(required=False, allow_blank=True, default="")
    productivity_before = serializers.CharField(required=False, allow_null=True, allow_blank=True, default=None)
    productivity_after = serializers.CharField(required=False, allow_null=True, allow_blank=True, default=None)
    investment_thb = serializers.CharField(required=False, allow_null=True, allow_blank=True, default=None)
    jobs_created = serializers.CharField(required=False, allow_null=True, allow_blank=True, default=None)
    jobs_retained = serializers.CharField(required=False, allow_null=True, allow_blank=True, default=None)


class OverdueSerializer(serializers.Serializer):
    milestone = serializers.IntegerField(source="milestone.pk")
    title = serializers.CharField(source="milestone.display_title")
    plan = serializers.IntegerField(source="plan.pk")
    mentor = serializers.CharField(source="pairing.mentor.display_name")
    mentee = serializers.CharField(source="pairing.mentee.display_name")
    industry_group = serializers.CharField(source="pairing.mentee.industry_group.code", default="")
    due = serializers.DateField(source="milestone.due")
    days_overdue = serializers.IntegerField()


class CLMVLinkSerializer(serializers.ModelSerializer):
    programme = serializers.SlugRelatedField(slug_field="code", queryset=Programme.objects.all())
    mentor = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())
    mentee = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())
    learned_from = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all(), required=False,
                                                      allow_null=True)

    class Meta:
        model = CLMVLink
        fields = ["id", "programme", "mentor", "mentee", "learned_from", "source_plan", "note", "created"]
        read_only_fields = ["id", "source_plan", "created"]


# ------------------------------------------------------------------------ views
class PlanViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The plans the caller may see; changing one needs mentoring.change_plan on it."""

    serializer_class = PlanSerializer
    filter_backends = []
    permission_classes = [RulesPermission]
    rules_permissions = {"list": "mentoring.list_plans", "metadata": "mentoring.list_plans"}
    rules_object_permissions = {"retrieve": "mentoring.view_plan", "goals": "mentoring.change_plan",
                                "milestones": "mentoring.change_plan", "outcome": "mentoring.change_plan",
                                "updates": "mentoring.view_plan"}

    def get_queryset(self):
        return plans_queries.plans_with_details(self.request.user)

    @extend_schema(request=GoalsInput, responses=PlanSerializer)
    @action(detail=True, methods=["post"])
    def goals(self, request, pk=None):
        plan = self.get_object()
        data = GoalsInput(data=request.data)
        data.is_valid(raise_exception=True)
        plans_domain.plan_goals_set(plan=plan, concepts=data.validated_data["goals"], actor=request.user)
        return Response(PlanSerializer(self.get_queryset().get(pk=plan.pk)).data)

    @extend_schema(request=MilestoneInput, responses={201: MilestoneSerializer}, parameters=[IDEMPOTENCY_KEY])
    @action(detail=True, methods=["post"])
    def milestones(self, request, pk=None):
        plan = self.get_object()
        data = MilestoneInput(data=request.data)
        data.is_valid(raise_exception=True)
        milestone = plans_domain.milestone_add(plan=plan, actor=request.user, **data.validated_data,
                                               submission_key=idempotency_key(request))
        return Response(MilestoneSerializer(milestone).data, status=status.HTTP_201_CREATED)

    @extend_schema(methods=["GET"], responses=UpdateSerializer(many=True))
    @extend_schema(methods=["POST"], request={"multipart/form-data": UpdateSerializer}, responses={201: UpdateSerializer},
                   parameters=[IDEMPOTENCY_KEY])
    @action(detail=True, methods=["get", "post"], parser_classes=[MultiPartParser, FormParser, JSONParser])
    def updates(self, request, pk=None):
        plan = self.get_object()
        if request.method == "GET":
            return Response(UpdateSerializer(plans_queries.plan_updates(plan), many=True).data)
        if not request.user.has_perm("mentoring.change_plan", plan):
            self.permission_denied(request)
        update = plans_domain.plan_update_post(
            plan=plan, actor=request.user, text=request.data.get("text", ""),
            attachment=request.FILES.get("attachment"), submission_key=idempotency_key(request),
        )
        return Response(UpdateSerializer(update).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=OutcomeInput, responses=OutcomeSerializer)
    @action(detail=True, methods=["post"])
    def outcome(self, request, pk=None):
        plan = self.get_object()
        data = OutcomeInput(data=request.data)
        data.is_valid(raise_exception=True)
        outcome = plans_domain.outcome_record(plan=plan, actor=request.user, **data.validated_data)
        return Response(OutcomeSerializer(outcome).data)


class MilestoneViewSet(mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = MilestoneSerializer
    filter_backends = []
    permission_classes = [RulesPermission]
    rules_object_permissions = {"retrieve": "mentoring.view_plan", "done": "mentoring.change_plan"}

    def get_queryset(self):
        return plans_queries.milestones_visible_to(self.request.user)

    def check_object_permissions(self, request, obj):
        super().check_object_permissions(request, obj.plan)  # the milestone's rules are its plan's

    @extend_schema(request=DoneInput, responses=MilestoneSerializer)
    @action(detail=True, methods=["post"])
    def done(self, request, pk=None):
        milestone = self.get_object()
        data = DoneInput(data=request.data)
        data.is_valid(raise_exception=True)
        plans_domain.milestone_mark_done(milestone=milestone, actor=request.user,
                                         done_on=data.validated_data.get("done_on"))
        return Response(MilestoneSerializer(milestone).data)


class OverdueQuery(serializers.Serializer):
    programme = serializers.CharField(required=False, allow_blank=True, max_length=64,
                                      help_text="A programme's code (no such programme: 404).")
    group = serializers.IntegerField(required=False, min_value=1, max_value=2**31 - 1,
                                     help_text="An industry group's number.")
    sort = serializers.ChoiceField(required=False, choices=["-days", "days"], default="-days")


class OverdueView(APIView):
    permission_classes = [RulesPermission]
    rules_permissions = {"get": "mentoring.view_overdue", "options": "mentoring.view_overdue"}

    @extend_schema(parameters=[OverdueQuery],
                   responses={200: OverdueSerializer(many=True), 404: OpenApiResponse(description="No such programme.")})
    def get(self, request):
        query = OverdueQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        params = query.validated_data
        programme = object_or_404(plans_queries.programme_by_code, params["programme"]) if params.get("programme") else None
        rows = plans_queries.overdue_milestones(today=timezone.localdate(), programme=programme,
                                                industry_group=params.get("group"), sort=params["sort"])
        return Response(OverdueSerializer(rows, many=True).data)


class CLMVLinkViewSet(mixins.ListModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet):
    serializer_class = CLMVLinkSerializer
    parser_classes = [JSONParser]  # a form encoding cannot say that learned_from is null
    filter_backends = []
    permission_classes = [RulesPermission]
    rules_permissions = {"list": "mentoring.view_clmvlink", "metadata": "mentoring.view_clmvlink",
                         "create": "mentoring.add_clmvlink"}

    def get_queryset(self):
        return plans_queries.clmv_links()

    @extend_schema(responses={201: CLMVLinkSerializer, 409: OpenApiResponse(description=(
        "The organisations or the programme named do not allow the link: the mentor is not a Thai SME with a "
        "completed plan, the mentee not a CLMV company, the programme not a mentoring one of the plan's year or "
        "later, or the link exists already (api/errors.py CONFLICTS)."))})
    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        link = clmv_link_create(actor=request.user, **serializer.validated_data)
        return Response(self.get_serializer(link).data, status=status.HTTP_201_CREATED)
