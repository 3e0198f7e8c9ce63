from rest_framework import serializers

from kizuna.common.i18n import current_language
from kizuna.programmes.models import Programme


class ProgrammeSerializer(serializers.ModelSerializer):
    name = serializers.SerializerMethodField()

    class Meta:
        model = Programme
        fields = ["id", "code", "kind", "year", "name", "name_th", "name_ja", "name_en"]

    def get_name(self, obj) -> str:
        return obj.name(current_language())
