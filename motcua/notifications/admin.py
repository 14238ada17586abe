from django.contrib import admin

from motcua.notifications.models import Delivery


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin[Delivery]):
    list_display = ["created_at", "channel", "recipient", "subject", "status", "attempts"]
    list_filter = ["channel", "status"]
    search_fields = ["recipient", "key"]
    readonly_fields = [f.name for f in Delivery._meta.fields]
