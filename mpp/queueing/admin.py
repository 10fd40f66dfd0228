from django.contrib import admin

from mpp.catalog.models import Service
from mpp.queueing.models import CounterService, HallSettings, ServiceOffer, ServiceRequest, Visit
from mpp.tenancy import access
from mpp.tenancy.admin import CounterAdmin as BaseCounterAdmin
from mpp.tenancy.adminkit import ScopedAdmin, ScopedInline
from mpp.tenancy.models import Counter


class CounterServiceInline(ScopedInline):
    model = CounterService
    fields = ["service"]
    autocomplete_fields = ["service"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # Services of the agencies the user may change (the counter's own is checked by
        # CounterService.clean).
        if db_field.name == "service":
            kwargs["queryset"] = Service.objects.filter(agency__in=access.editable_agencies(request.user))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


# The counter page of the back office, with the services each counter calls.
admin.site.unregister(Counter)


@admin.register(Counter)
class CounterAdmin(BaseCounterAdmin):
    inlines = [CounterServiceInline]


@admin.register(HallSettings)
class HallSettingsAdmin(ScopedAdmin):
    list_display = ["site", "ticket_cutoff_minutes", "recalls_before_no_show", "number_style"]

    def scope(self, request, queryset):
        return queryset.filter(site__in=access.overseen_sites(request.user))

    def may_view(self, scope):
        return scope.is_superuser or bool(scope.managed_sites or scope.audited_sites)

    def may_edit(self, scope):
        return scope.is_superuser or bool(scope.managed_sites)

    def may_edit_object(self, request, obj):
        return access.can_manage_site(request.user, obj.site_id)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "site":
            kwargs["queryset"] = access.managed_sites(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(ServiceOffer)
class ServiceOfferAdmin(ScopedAdmin):
    """Which services the hall gives numbers for, their letters and daily quotas (the manager's)."""

    list_display = ["service", "site", "prefix", "daily_quota", "is_active"]
    list_filter = [("site", admin.RelatedOnlyFieldListFilter), "is_active", "prefix"]
    search_fields = ["service__name", "prefix"]
    list_select_related = ["service__agency", "site"]
    autocomplete_fields = ["service"]

    def scope(self, request, queryset):
        readable = access.readable_agencies(request.user)
        return queryset.filter(site__in=access.readable_sites(request.user), service__agency__in=readable)

    def may_edit(self, scope):
        return scope.is_superuser or bool(scope.managed_sites)

    def may_edit_object(self, request, obj):
        return access.can_manage_site(request.user, obj.site_id)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "site":
            kwargs["queryset"] = access.managed_sites(request.user)
        if db_field.name == "service":
            # Services of agencies serving at a site the user manages (ServiceOffer.clean
            # checks the chosen site).
            kwargs["queryset"] = Service.objects.filter(
                agency__sites__in=access.managed_sites(request.user)
            ).distinct()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class RequestInline(admin.TabularInline):
    model = ServiceRequest
    fields = ["step", "service", "status", "counter", "called_at", "finished_at", "outcome"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        # An agency's staff see only their own agency's steps of a visit.
        queryset = super().get_queryset(request).select_related("service", "counter")
        return queryset.filter(agency__in=access.readable_agencies(request.user))


@admin.register(Visit)
class VisitAdmin(ScopedAdmin):
    """Tickets of the day and before, read-only; the phone number is never shown here."""

    list_display = ["code", "site", "day", "arrived_at", "priority_reason", "channel"]
    list_filter = [("site", admin.RelatedOnlyFieldListFilter), "day", "channel"]
    search_fields = ["prefix", "number"]
    fields = ["site", "day", "prefix", "number", "arrived_at", "priority_reason", "channel"]
    readonly_fields = fields
    inlines = [RequestInline]
    date_hierarchy = "arrived_at"

    def scope(self, request, queryset):
        s = access.scope_of(request.user)
        if s.is_superuser:
            return queryset
        agencies = access.readable_agencies(request.user)
        return queryset.filter(
            pk__in=ServiceRequest.objects.filter(agency__in=agencies).values("visit_id")
        ) | queryset.filter(site__in=access.overseen_sites(request.user))

    def may_view(self, scope):
        return scope.is_staff_member

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
