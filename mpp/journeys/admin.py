from django.contrib import admin

from mpp.journeys.models import HandoffField, LifeEvent, Satisfaction, Step
from mpp.tenancy.adminkit import ScopedAdmin, ScopedInline


class LifeEventsAreTheManagers(ScopedAdmin):
    """Life events cross agencies: the MPP manager keeps them; agency staff read them."""

    def scope(self, request, queryset):
        return queryset

    def may_view(self, scope):
        return scope.is_staff_member

    def may_edit(self, scope):
        return scope.is_superuser or bool(scope.managed_sites)


class StepInline(ScopedInline):
    model = Step
    fields = ["position", "service", "note"]
    autocomplete_fields = ["service"]
    show_change_link = True


class SatisfactionInline(ScopedInline):
    model = Satisfaction
    fk_name = "to_step"
    fields = ["from_step", "product", "requirement"]
    autocomplete_fields = ["product", "requirement"]


class HandoffFieldInline(ScopedInline):
    model = HandoffField
    fields = ["key", "label", "kind", "is_required", "position", "visible_to"]


@admin.register(LifeEvent)
class LifeEventAdmin(LifeEventsAreTheManagers):
    list_display = ["name", "slug", "is_active"]
    search_fields = ["name", "keywords"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [StepInline]


@admin.register(Step)
class StepAdmin(LifeEventsAreTheManagers):
    """One step: the facts its officer records for later steps, and the documents it receives."""

    list_display = ["life_event", "position", "service"]
    list_filter = ["life_event"]
    list_select_related = ["life_event", "service"]
    fields = ["life_event", "position", "service", "note"]
    readonly_fields = ["life_event"]
    autocomplete_fields = ["service"]
    inlines = [HandoffFieldInline, SatisfactionInline]

    def has_add_permission(self, request):
        return False  # steps are added on their life event's page
