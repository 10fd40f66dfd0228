"""The complaint desk's and the agencies' back office: the list with its deadlines, one
complaint with its timeline and the steps the reader may take, identity on request
(audited), and the SP4N-LAPOR! export of the filtered list."""

from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from mpp.complaints import exports, selectors
from mpp.complaints.forms import DecisionForm, ExportForm, ForwardForm, RevealForm, TextForm
from mpp.complaints.identity import shown_to
from mpp.complaints.models import FINAL, TRANSITIONS, Complaint, Status
from mpp.complaints.services import handling
from mpp.core import clock
from mpp.tenancy.adminkit import ScopedAdmin


class DueFilter(admin.SimpleListFilter):
    title = _("deadline")
    parameter_name = "due"

    def lookups(self, request, model_admin):
        return [
            ("overdue", _("Overdue")),
            ("desk", _("Waiting for the complaint desk")),
            ("agency", _("Waiting for the agency's follow-up")),
        ]

    def queryset(self, request, queryset):
        if self.value() in ("overdue", "desk", "agency"):
            return selectors.by_due(queryset, self.value(), now=clock.now())
        return queryset


DECISION_ACTIONS = {
    "verify": Status.VERIFIED,
    "postpone": Status.POSTPONED,
    "decline": Status.NOT_OUR_AUTHORITY,
    "archive": Status.ARCHIVED,
    "close": Status.CLOSED,
}


def desk_decisions(complaint: Complaint) -> list[tuple[str, str]]:
    """The desk's decisions open from the complaint's status, as (action, label)."""
    allowed = TRANSITIONS[Status(complaint.status)]
    result = []
    for action, status in DECISION_ACTIONS.items():
        if status not in allowed:
            continue
        if status == Status.VERIFIED and complaint.status not in (Status.RECEIVED, Status.POSTPONED):
            continue
        result.append((action, status.label))
    return result


@admin.register(Complaint)
class ComplaintAdmin(ScopedAdmin):
    list_display = [
        "tracking_id",
        "received_at",
        "classification",
        "subject",
        "status",
        "agency",
        "deadline",
        "is_overdue",
        "channel",
    ]
    list_filter = [
        DueFilter,
        "status",
        "classification",
        "channel",
        "is_confidential",
        ("agency", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = ["tracking_id", "subject"]
    list_select_related = ["agency", "site"]
    date_hierarchy = "received_at"
    # The identity is never a field here: it is shown masked, and plain only through the
    # audited reveal below.
    fields = [
        "tracking_id",
        "site",
        "classification",
        "channel",
        "status",
        "subject",
        "description",
        "incident_date",
        "incident_place",
        "filed_late",
        "reported_agency",
        "reported_service",
        "agency",
        "service",
        "is_confidential",
        "is_anonymous",
        "received_at",
        "forward_due",
        "verified_at",
        "forwarded_at",
        "follow_up_due",
        "followed_up_at",
        "close_due",
        "closed_at",
        "is_overdue",
    ]
    readonly_fields = fields
    change_form_template = "admin/complaints/complaint/change_form.html"
    change_list_template = "admin/complaints/complaint/change_list.html"

    @admin.display(description=_("deadline of the current step"))
    def deadline(self, obj):
        return obj.due_date

    @admin.display(description=_("filed more than 30 days after the incident"), boolean=True)
    def filed_late(self, obj):
        return obj.filed_late

    def scope(self, request, queryset):
        return selectors.readable_complaints(request.user, queryset)

    def may_view(self, scope):
        return super().may_view(scope) or bool(scope.officer_agencies)

    def has_add_permission(self, request):
        return False  # filed through the portal, the kiosk, the desk page or the API

    def has_change_permission(self, request, obj=None):
        return False  # changed through the steps below, with their rules

    def has_delete_permission(self, request, obj=None):
        return False

    def change_view(self, request, object_id, form_url="", extra_context=None):
        complaint = self.get_object(request, object_id)
        user = request.user
        is_desk = selectors.is_desk(user, complaint)
        handles = selectors.answerable_complaints(user).filter(pk=complaint.pk).exists()
        status = complaint.status
        extra_context = {
            **(extra_context or {}),
            "complaint": complaint,
            "timeline": complaint.entries.select_related("by", "agency").order_by("at", "id"),
            "identity": shown_to(user, complaint),
            "decisions": desk_decisions(complaint) if is_desk else [],
            "may_forward": is_desk and status in (Status.RECEIVED, Status.VERIFIED, Status.FORWARDED),
            "may_answer": (handles and status == Status.FORWARDED) or (is_desk and status == Status.VERIFIED),
            "may_return": handles and not is_desk and status == Status.FORWARDED,
            "may_reply": handles and status not in FINAL,
            "may_note": handles,
            "decision_form": DecisionForm(),
            "forward_form": ForwardForm(site=complaint.site, initial={"agency": complaint.reported_agency}),
            "text_form": TextForm(),
            "reveal_form": RevealForm(),
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def get_urls(self):
        return [
            path("export/", self.admin_site.admin_view(self.export_view), name="complaints_complaint_export"),
            path(
                "<path:object_id>/act/",
                self.admin_site.admin_view(self.act_view),
                name="complaints_complaint_act",
            ),
            path(
                "<path:object_id>/identity/",
                self.admin_site.admin_view(self.identity_view),
                name="complaints_complaint_identity",
            ),
            *super().get_urls(),
        ]

    def act_view(self, request, object_id):
        complaint = self.get_object(request, object_id)
        if request.method != "POST":
            return redirect("admin:complaints_complaint_change", complaint.pk)
        action = request.POST.get("action", "")
        user = request.user
        try:
            if action in DECISION_ACTIONS or action == "return":
                form = DecisionForm(request.POST)
                if form.is_valid():
                    reason = form.cleaned_data["reason"]
                    if action == "return":
                        handling.return_to_desk(user=user, complaint=complaint, reason=reason)
                    else:
                        handling.decide_complaint(
                            user=user, complaint=complaint, status=DECISION_ACTIONS[action], reason=reason
                        )
            elif action == "forward":
                form = ForwardForm(request.POST, site=complaint.site)
                if form.is_valid():
                    handling.forward_complaint(
                        user=user,
                        complaint=complaint,
                        agency=form.cleaned_data["agency"],
                        service=form.cleaned_data["service"],
                        note=form.cleaned_data["note"],
                    )
            elif action in ("answer", "reply", "note"):
                form = TextForm(request.POST)
                if form.is_valid():
                    step = {
                        "answer": handling.answer_complaint,
                        "reply": handling.reply_to_complainant,
                        "note": handling.add_note,
                    }[action]
                    step(user=user, complaint=complaint, text=form.cleaned_data["text"])
            else:
                messages.error(request, gettext("Unknown step."))
                return redirect("admin:complaints_complaint_change", complaint.pk)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        except PermissionDenied:
            messages.error(request, gettext("You may read this complaint, not change it."))
        else:
            if form.is_valid():
                messages.success(request, gettext("Done."))
            else:
                messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        if not selectors.readable_complaints(user).filter(pk=complaint.pk).exists():
            return redirect("admin:complaints_complaint_changelist")  # handed back: no longer theirs
        return redirect("admin:complaints_complaint_change", complaint.pk)

    def identity_view(self, request, object_id):
        """The identity in plain text, for the one response that shows it (audited)."""
        complaint = self.get_object(request, object_id)
        if request.method != "POST":
            return redirect("admin:complaints_complaint_change", complaint.pk)
        form = RevealForm(request.POST)
        if not form.is_valid():
            messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
            return redirect("admin:complaints_complaint_change", complaint.pk)
        try:
            identity = handling.reveal_identity(
                user=request.user, complaint=complaint, purpose=form.cleaned_data["purpose"]
            )
        except PermissionDenied:
            messages.error(request, gettext("You may not see this complainant's identity."))
            return redirect("admin:complaints_complaint_change", complaint.pk)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "complaint": complaint,
            "identity": identity,
            "title": gettext("Complainant of %(number)s") % {"number": complaint.tracking_id},
        }
        return TemplateResponse(request, "admin/complaints/complaint/identity.html", context)

    def export_view(self, request):
        """The filtered list as CSV or xlsx: identity masked, or plain on request (POST, with
        a purpose) where the reader may see it; confidential identities never."""
        kind = request.GET.get("format", "")
        if kind not in ("csv", "xlsx"):
            messages.error(request, gettext("Choose CSV or Excel."))
            return redirect("admin:complaints_complaint_changelist")
        # The changelist's own filters and search decide the rows (without our parameter).
        query = request.GET.copy()
        query.pop("format", None)
        request.GET = query
        try:
            queryset = self.get_changelist_instance(request).get_queryset(request)
        except IncorrectLookupParameters:
            messages.error(request, gettext("The filter is not valid."))
            return redirect("admin:complaints_complaint_changelist")
        form = ExportForm(request.POST or None)
        with_identity, purpose = False, ""
        if request.method == "POST":
            if not form.is_valid():
                messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
                return redirect("admin:complaints_complaint_changelist")
            with_identity, purpose = form.cleaned_data["with_identity"], form.cleaned_data["purpose"]
        try:
            data = exports.rows(
                user=request.user, queryset=queryset, with_identity=with_identity, purpose=purpose
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("admin:complaints_complaint_changelist")
        return exports.response(data, kind)
