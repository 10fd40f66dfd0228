from django.contrib import admin

from mpp.notify.models import Message
from mpp.tenancy.adminkit import ScopedAdmin


@admin.register(Message)
class InboxAdmin(ScopedAdmin):
    """A staff member's inbox: messages to them (overdue files, for instance); read-only."""

    list_display = ["created_at", "subject", "kind", "read_at"]
    fields = ["created_at", "subject", "body", "kind"]
    readonly_fields = fields

    def scope(self, request, queryset):
        return queryset.filter(user=request.user, channel=Message.Channel.STAFF)

    def may_view(self, scope):
        return scope.is_staff_member

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
