from django.contrib import admin

from mpp.privacy.access import readable_access_logs
from mpp.privacy.models import AccessLog
from mpp.tenancy.adminkit import ScopedAdmin


@admin.register(AccessLog)
class AccessLogAdmin(ScopedAdmin):
    """The audit of personal-data reads: readable by managers and auditors, never editable."""

    list_display = ["at", "user", "subject", "fields", "purpose", "agency"]
    list_filter = [("agency", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["subject", "user__username", "purpose"]
    list_select_related = ["user", "agency"]
    date_hierarchy = "at"

    def scope(self, request, queryset):
        return queryset.filter(pk__in=readable_access_logs(request.user).values("pk"))

    def may_view(self, scope):
        return scope.is_superuser or bool(
            scope.managed_sites or scope.audited_sites or scope.audited_agencies
        )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
