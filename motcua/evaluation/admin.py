from django.contrib import admin

from motcua.evaluation.models import SatisfactionRating


@admin.register(SatisfactionRating)
class SatisfactionRatingAdmin(admin.ModelAdmin[SatisfactionRating]):
    list_display = ["dossier", "level", "rated_at"]
    list_filter = ["level"]
    readonly_fields = [f.name for f in SatisfactionRating._meta.fields]
