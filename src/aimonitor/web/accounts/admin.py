from django.contrib import admin

from aimonitor.web.accounts.models import Membership


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "municipality_code"]
    list_filter = ["role"]
    search_fields = ["user__username", "municipality_code"]
