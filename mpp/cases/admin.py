from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.urls import path
from django.utils.translation import gettext_lazy as _

from mpp.cases import selectors, services
from mpp.cases.forms import StatusForm
from mpp.cases.models import TRANSITIONS, Application, ApplicationEvent, Status
from mpp.core import clock
from mpp.tenancy.adminkit import ScopedAdmin


class DueFilter(admin.SimpleListFilter):
    title = _("due")
    parameter_name = "due"

    def lookups(self, request, model_admin):
        return [("overdue", _("Overdue")), ("soon", _("Due within two working days")), ("open", _("Open"))]

    def queryset(self, request, queryset):
        if self.value() in ("overdue", "soon", "open"):
            return selectors.by_due(queryset, self.value(), now=clock.now())
        return queryset


class HistoryInline(admin.TabularInline):
    model = ApplicationEvent
    fields = ["at", "status", "reason", "by"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Application)
class ApplicationAdmin(ScopedAdmin):
    """The agency's and the manager's list of files: open, due soon, overdue."""

    list_display = ["tracking_number", "service", "agency", "status", "received_at", "due_date", "is_overdue"]
    list_filter = [DueFilter, "status", "is_overdue", ("agency", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["tracking_number"]
    list_select_related = ["service", "agency"]
    fields = [
        "tracking_number",
        "site",
        "agency",
        "service",
        "status",
        "received_at",
        "due_date",
        "finished_at",
        "is_overdue",
    ]
    readonly_fields = fields
    inlines = [HistoryInline]
    change_form_template = "admin/cases/application/change_form.html"

    def scope(self, request, queryset):
        return selectors.readable_applications(request.user, queryset)

    def may_view(self, scope):
        return super().may_view(scope) or bool(scope.officer_agencies)

    def has_add_permission(self, request):
        return False  # applications are opened at the counter

    def has_change_permission(self, request, obj=None):
        return False  # statuses change through the buttons below, with their rules

    def has_delete_permission(self, request, obj=None):
        return False

    def change_view(self, request, object_id, form_url="", extra_context=None):
        application = self.get_object(request, object_id)
        may_move = selectors.editable_applications(request.user).filter(pk=application.pk).exists()
        next_statuses = sorted(TRANSITIONS[Status(application.status)]) if may_move else []
        extra_context = {
            **(extra_context or {}),
            "next_statuses": [(s, Status(s).label) for s in next_statuses],
            "status_form": StatusForm(),
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def get_urls(self):
        return [
            path(
                "<path:object_id>/status/",
                self.admin_site.admin_view(self.status_view),
                name="cases_application_status",
            ),
            *super().get_urls(),
        ]

    def status_view(self, request, object_id):
        application = self.get_object(request, object_id)
        if request.method != "POST":
            return redirect("admin:cases_application_change", application.pk)
        form = StatusForm(request.POST)
        if form.is_valid():
            try:
                services.change_status(
                    user=request.user,
                    application=application,
                    status=request.POST.get("status", ""),
                    reason=form.cleaned_data["reason"],
                )
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            except PermissionDenied:
                messages.error(request, _("You may read this application, not change it."))
            else:
                messages.success(request, _("Status changed."))
        else:
            messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("admin:cases_application_change", application.pk)
