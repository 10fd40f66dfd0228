from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from mpp.booking.models import Booking, BookingPolicy, OnlineOffer
from mpp.privacy.masking import mask_nik, mask_phone
from mpp.queueing.models import ServiceOffer
from mpp.tenancy import access
from mpp.tenancy.adminkit import ScopedAdmin


class SiteManaged(ScopedAdmin):
    def scope(self, request, queryset):
        return queryset.filter(**{f"{self.site_path}__in": access.overseen_sites(request.user)})

    def may_view(self, scope):
        return scope.is_superuser or bool(scope.managed_sites or scope.audited_sites)

    def may_edit(self, scope):
        return scope.is_superuser or bool(scope.managed_sites)

    def may_edit_object(self, request, obj):
        site_id = obj.site_id if hasattr(obj, "site_id") else obj.offer.site_id
        return access.can_manage_site(request.user, site_id)


@admin.register(BookingPolicy)
class BookingPolicyAdmin(SiteManaged):
    site_path = "site"
    list_display = ["site", "slot_minutes", "walk_in_share", "days_ahead", "strike_no_shows"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "site":
            kwargs["queryset"] = access.managed_sites(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(OnlineOffer)
class OnlineOfferAdmin(SiteManaged):
    """Online booking per service: the switch (walk-ins are never touched) and fixed quotas."""

    site_path = "offer__site"
    list_display = ["offer", "is_enabled", "slot_quota", "daily_quota"]
    list_select_related = ["offer__service", "offer__site"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "offer":
            kwargs["queryset"] = ServiceOffer.objects.filter(site__in=access.managed_sites(request.user))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Booking)
class BookingAdmin(ScopedAdmin):
    """Bookings, read-only, with NIK and telephone masked."""

    list_display = ["code", "offer", "slot_start", "status", "masked_nik", "masked_phone"]
    list_filter = ["status", "day"]
    search_fields = ["code"]
    list_select_related = ["offer__service"]
    fields = [
        "code",
        "offer",
        "day",
        "slot_start",
        "slot_end",
        "status",
        "masked_nik",
        "masked_phone",
        "created_at",
        "confirmed_at",
        "checked_in_at",
    ]
    readonly_fields = fields

    @admin.display(description=_("NIK"))
    def masked_nik(self, obj):
        return mask_nik(obj.nik)

    @admin.display(description=_("telephone"))
    def masked_phone(self, obj):
        return mask_phone(obj.phone) if obj.phone else ""

    def scope(self, request, queryset):
        agencies = access.readable_agencies(request.user)
        return queryset.filter(offer__service__agency__in=agencies) | queryset.filter(
            site__in=access.overseen_sites(request.user)
        )

    def may_view(self, scope):
        return scope.is_staff_member

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
