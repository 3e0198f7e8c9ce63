from rest_framework import serializers

from kizuna.common.i18n import current_language
from kizuna.common.text import control_character_message
from kizuna.organisations.domain import editable_fields
from kizuna.organisations.models import Concept, Organisation


class ConceptSerializer(serializers.ModelSerializer):
    label = serializers.SerializerMethodField()

    class Meta:
        model = Concept
        fields = ["code", "domain", "label", "label_th", "label_ja", "label_en"]

    def get_label(self, obj) -> str:
        return obj.label(current_language())


class OrganisationSerializer(serializers.ModelSerializer):
    display_name = serializers.SerializerMethodField(
        help_text="The name in the reader's language, else in English, else as written (beside the raw names)."
    )
    country = serializers.CharField(source="country_id", read_only=True)
    # both may be unknown (null), which the schema says
    industry_group = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    province = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    technologies_offered = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    technologies_needed = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    countries_served = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    registration_number = serializers.CharField(
        required=False,
        allow_null=True,
        allow_blank=True,
        max_length=Organisation._meta.get_field("registration_number").max_length,
        help_text=("Shown to officers, ministry viewers and the organisation's own representative; null to others. "
                   "Officers may change it (null or empty: none)."),
    )

    class Meta:
        model = Organisation
        fields = [
            "id", "external_id", "kind", "display_name", "name", "name_th", "name_ja", "name_en", "country",
            "languages", "industry_group", "technologies_offered", "technologies_needed",
            "province", "region_text", "countries_served", "size", "website", "description",
            "description_language", "registration_number", "founded",
        ]
        read_only_fields = ["id", "external_id"]

    def get_display_name(self, obj) -> str:
        return obj.display_name(current_language())

    def get_fields(self):
        """Fields outside organisations.domain.editable_fields(the caller) are read-only."""
        fields = super().get_fields()
        request = self.context.get("request")
        allowed = editable_fields(request.user if request else None)
        for name, field in fields.items():
            if name not in allowed:
                field.read_only = True
        return fields

    def to_representation(self, instance):
        data = super().to_representation(instance)
        request = self.context.get("request")
        user = getattr(request, "user", None)
        if user is None or not user.has_perm("organisations.view_registration_number", instance):
            data["registration_number"] = None  # officers, ministry viewers and the own representative only
        return data

    def validate_registration_number(self, value):
        return value or ""

    def validate(self, attrs):
        problems = {
            name: [message]
            for name, value in attrs.items()
            if isinstance(value, str) and (message := control_character_message(value))
        }
        if problems:
            raise serializers.ValidationError(problems)
        return attrs
