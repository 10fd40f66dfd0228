from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import F
from django.utils.translation import gettext as _

from mpp.journeys.models import MAX_STEPS, HandoffField, JourneyStep, LifeEvent, Satisfaction, Step
from mpp.tenancy.adminkit import ScopedAdmin, ScopedInline


class LifeEventsAreTheManagers(ScopedAdmin):
    """Life events cross agencies: the MPP manager keeps them; agency staff read them."""

    def scope(self, request, queryset):
        return queryset

    def may_view(self, scope):
        return scope.is_staff_member

    def may_edit(self, scope):
        return scope.is_superuser or bool(scope.managed_sites)


class StepForm(forms.ModelForm):
    def clean_service(self):
        service = self.cleaned_data.get("service")
        changed = self.instance.pk and service is not None and service.pk != self.instance.service_id
        if changed and JourneyStep.objects.filter(step=self.instance).exists():
            # Journeys that followed this step recorded their hand-off for its service.
            raise ValidationError(
                _(
                    "Visitors have already followed this step: its service cannot change. "
                    "Add a new step, or a new life event."
                )
            )
        return service


# Far above any position a step may have (a PositiveSmallIntegerField holds 32767).
OUT_OF_THE_WAY = 10_000


class StepFormSet(forms.BaseInlineFormSet):
    """The steps of a life event are numbered 1, 2, ... n without gaps, n at most what one
    number can hold (the kiosk and the front desk issue one number for the journey)."""

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        kept = [
            form
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE") and form.cleaned_data.get("service")
        ]
        if len(kept) > MAX_STEPS:
            raise ValidationError(
                _("A life event has at most %(max)s steps: one number holds at most %(max)s services.")
                % {"max": MAX_STEPS}
            )
        positions = sorted(form.cleaned_data.get("position") or 0 for form in kept)
        if positions != list(range(1, len(kept) + 1)):
            raise ValidationError(
                _("Number the steps 1 to %(count)s, each once, without gaps.") % {"count": len(kept)}
            )

    def save(self, commit=True):
        if commit:
            # Rows are saved one by one, and (life_event, position) is unique at every moment:
            # swapping steps 1 and 2 would collide halfway. Steps that move or go are first put
            # out of the way (inside the admin's transaction), then saved in their new places.
            moving = [
                form.instance.pk
                for form in self.initial_forms
                if "position" in form.changed_data or self._should_delete_form(form)
            ]
            Step.objects.filter(pk__in=moving).update(position=F("position") + OUT_OF_THE_WAY)
        return super().save(commit)


class StepInline(ScopedInline):
    model = Step
    form = StepForm
    formset = StepFormSet
    fields = ["position", "service", "note"]
    autocomplete_fields = ["service"]
    show_change_link = True
    max_num = MAX_STEPS


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
    """One step: the facts its officer records for later steps, and the documents it receives.

    Its place in the order is changed on the life event's page, where the whole order is checked.
    """

    form = StepForm
    list_display = ["life_event", "position", "service"]
    list_filter = ["life_event"]
    list_select_related = ["life_event", "service"]
    fields = ["life_event", "position", "service", "note"]
    readonly_fields = ["life_event", "position"]
    autocomplete_fields = ["service"]
    inlines = [HandoffFieldInline, SatisfactionInline]

    def has_add_permission(self, request):
        return False  # steps are added on their life event's page
