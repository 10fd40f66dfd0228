from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from mpp.notify.models import Delivery, Message, OutboxMessage
from mpp.privacy.masking import mask_email, mask_phone
from mpp.tenancy.access import scope_of
from mpp.tenancy.adminkit import ScopedAdmin, ScopedInline


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


class DeliveryInline(ScopedInline):
    model = Delivery
    fields = ["at", "ok", "detail"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(OutboxMessage)
class OutboxAdmin(ScopedAdmin):
    """Messages to citizens and every attempt to deliver them, for the managers and
    auditors of their site (superusers: all, including messages without a site).
    Read-only; the address is shown masked, never in full."""

    list_display = [
        "created_at",
        "channel",
        "masked_address",
        "kind",
        "status",
        "attempts",
        "last_error",
        "sent_at",
        "site",
    ]
    list_filter = ["status", "channel"]
    list_select_related = ["site"]
    search_fields = ["kind", "subject"]
    fields = [
        "site",
        "channel",
        "masked_address",
        "language",
        "kind",
        "subject",
        "body",
        "status",
        "attempts",
        "next_attempt_at",
        "last_error",
        "created_at",
        "sent_at",
    ]
    readonly_fields = fields
    inlines = [DeliveryInline]

    @admin.display(description=_("address"))
    def masked_address(self, obj):
        if not obj.address:
            return ""
        return mask_email(obj.address) if obj.channel == Message.Channel.EMAIL else mask_phone(obj.address)

    def scope(self, request, queryset):
        queryset = queryset.exclude(channel=Message.Channel.STAFF)
        scope = scope_of(request.user)
        if scope.is_superuser:
            return queryset
        return queryset.filter(site__in=scope.managed_sites | scope.audited_sites)

    def may_view(self, scope):
        return scope.is_superuser or bool(scope.managed_sites or scope.audited_sites)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
