"""Back office: open a draft for comment, answer the comments, record the forum, conclude.

The change pages are read-only; each step is a small page of its own that calls
one service, so that a refusal is a form error and never a half-saved change form.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from mpp.catalog.models import ServiceStandard
from mpp.consultation import selectors, services
from mpp.consultation.models import Comment, Consultation, Forum, State
from mpp.core import clock
from mpp.privacy.services import record_access
from mpp.tenancy import access
from mpp.tenancy.adminkit import SafeModelChoiceField, ScopedAdmin, ScopedInline

CHANGELIST = "admin:consultation_consultation_changelist"
DATETIME_INPUT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def _form_errors(form: forms.Form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def _confirm_form(request) -> forms.Form:
    """A form of no fields: the button that confirms a step (bound on POST, to carry its errors)."""
    return forms.Form(request.POST if request.method == "POST" else None)


class OpenForm(forms.Form):
    standard = SafeModelChoiceField(label=_("Draft standard"), queryset=ServiceStandard.objects.none())
    opens_at = forms.DateTimeField(
        label=_("Opens at"), required=False, widget=DATETIME_INPUT, help_text=_("Empty: now.")
    )
    closes_at = forms.DateTimeField(label=_("Closes at"), widget=DATETIME_INPUT)
    introduction = forms.CharField(
        label=_("Introduction"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What changes in this draft and what the agency would like to hear about."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["standard"].queryset = (
            ServiceStandard.objects.filter(
                status=ServiceStandard.Status.DRAFT, service__agency__in=access.editable_agencies(user)
            )
            .exclude(Q(consultations__status__in=[Consultation.Status.OPEN, Consultation.Status.CLOSED]))
            .select_related("service__agency")
            .order_by("service__agency__name", "service__name")
        )


class PeriodForm(forms.Form):
    opens_at = forms.DateTimeField(label=_("Opens at"), widget=DATETIME_INPUT)
    closes_at = forms.DateTimeField(label=_("Closes at"), widget=DATETIME_INPUT)
    introduction = forms.CharField(
        label=_("Introduction"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 4})
    )


class ForumForm(forms.ModelForm):
    class Meta:
        model = Forum
        fields = ["held_on", "place", "participant_count", "participants", "outcome", "minutes_reference"]
        widgets = {"held_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}


class CommentInline(ScopedInline):
    model = Comment
    fields = ["answer_link", "component", "text", "name", "submitted_at", "handled"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = False
    verbose_name_plural = _("Comments")

    @admin.display(description=_("answer"))
    def answer_link(self, obj):
        url = reverse("admin:consultation_comment_change", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("Answer or hide"))

    @admin.display(description=_("handled"), boolean=True)
    def handled(self, obj):
        return obj.is_handled

    # Seen with the consultation (ScopedInline follows its view right); answered one by one.
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ConsultationStateFilter(admin.SimpleListFilter):
    title = _("state")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [
            ("open", _("Open for comments")),
            ("to_conclude", _("To conclude")),
            ("concluded", _("Concluded")),
        ]

    def queryset(self, request, queryset):
        now = clock.now()
        running = Q(status=Consultation.Status.OPEN, closes_at__gt=now)
        if self.value() == "open":
            return queryset.filter(running)
        if self.value() == "to_conclude":
            return queryset.exclude(running).exclude(status=Consultation.Status.CONCLUDED)
        if self.value() == "concluded":
            return queryset.filter(status=Consultation.Status.CONCLUDED)
        return queryset


@admin.register(Consultation)
class ConsultationAdmin(ScopedAdmin):
    list_display = [
        "service",
        "version",
        "state",
        "opens_at",
        "closes_at",
        "comment_count",
        "unanswered_count",
    ]
    list_filter = [ConsultationStateFilter, ("service__agency", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["service__name"]
    list_select_related = ["service__agency"]
    fields = [
        "service",
        "version",
        "standard",
        "state",
        "opens_at",
        "closes_at",
        "introduction",
        "opened_by",
        "closed_at",
        "concluded_at",
        "forum_summary",
        "public_pages",
    ]
    readonly_fields = fields
    inlines = [CommentInline]
    change_form_template = "admin/consultation/consultation/change_form.html"

    def scope(self, request, queryset):
        readable = access.readable_agencies(request.user).values("pk")
        return selectors.with_counts(queryset.filter(service__agency__in=readable))

    @admin.display(description=_("state"))
    def state(self, obj):
        return dict(State.choices)[obj.state_at(clock.now())]

    @admin.display(description=_("comments"))
    def comment_count(self, obj):
        return obj.comment_count

    @admin.display(description=_("without answer"))
    def unanswered_count(self, obj):
        return obj.unanswered_count

    @admin.display(description=_("Forum Konsultasi Publik"))
    def forum_summary(self, obj):
        forum = selectors.forum_of(obj)
        if forum is None:
            return _("Not recorded yet.")
        return _("%(date)s, %(place)s, %(n)s participants") % {
            "date": forum.held_on,
            "place": forum.place,
            "n": forum.participant_count,
        }

    @admin.display(description=_("public pages"))
    def public_pages(self, obj):
        links = [
            (reverse("consultation:detail", args=[site.slug, obj.pk]), site.name)
            for site in selectors.sites_of(obj)
        ]
        return format_html_join(", ", '<a href="{}">{}</a>', links) or "-"

    # The record is changed through the steps below, never through a change form.
    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def _may_act(self, request, consultation) -> bool:
        return consultation.status != Consultation.Status.CONCLUDED and access.can_edit_agency(
            request.user, consultation.service.agency_id
        )

    def _for_action(self, request, object_id) -> Consultation:
        consultation = self.get_object(request, object_id)  # 404 outside the user's agencies
        if not self._may_act(request, consultation):
            raise PermissionDenied
        return consultation

    def change_view(self, request, object_id, form_url="", extra_context=None):
        consultation = self.get_object(request, object_id)
        now = clock.now()
        context = {
            **(extra_context or {}),
            "may_act": self._may_act(request, consultation),
            "is_open": consultation.status == Consultation.Status.OPEN,
            "is_upcoming": consultation.state_at(now) == State.UPCOMING,
            "problems": services.conclusion_problems(consultation, now)
            if consultation.status != Consultation.Status.CONCLUDED
            else [],
        }
        return super().change_view(request, object_id, form_url, context)

    def get_urls(self):
        def view(name, function):
            return path(
                f"<path:object_id>/{name}/",
                self.admin_site.admin_view(function),
                name=f"consultation_consultation_{name}",
            )

        return [
            view("period", self.period_view),
            view("close", self.close_view),
            view("forum", self.forum_view),
            view("conclude", self.conclude_view),
            view("cancel", self.cancel_view),
            *super().get_urls(),
        ]

    def _page(self, request, consultation, title, form=None, **context):
        return TemplateResponse(
            request,
            "admin/consultation/action.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "original": consultation,
                "title": title,
                "form": form,
                **context,
            },
        )

    def _confirmed_step(self, request, consultation, *, act, done, then, title, **page):
        """A step that needs only a confirming click: done on POST, else its page."""
        form = _confirm_form(request)
        if form.is_bound and form.is_valid():
            try:
                act()
            except ValidationError as exc:
                _form_errors(form, exc)
            else:
                messages.success(request, done)
                return redirect(then)
        return self._page(request, consultation, title, form, **page)

    def add_view(self, request, form_url="", extra_context=None):
        if not self.has_add_permission(request):
            raise PermissionDenied
        # ?standard=<id> preselects a draft (the link from the standard's own page).
        initial = {"standard": request.GET.get("standard", "")[:20]}
        form = OpenForm(request.POST or None, user=request.user, initial=initial)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                consultation = services.open_consultation(
                    standard=data["standard"],
                    opens_at=data["opens_at"],
                    closes_at=data["closes_at"],
                    introduction=data["introduction"],
                    user=request.user,
                )
            except ValidationError as exc:
                _form_errors(form, exc)
            else:
                messages.success(request, _("The draft is open for public consultation."))
                return redirect("admin:consultation_consultation_change", consultation.pk)
        return self._page(
            request,
            None,
            _("Open a draft for public consultation"),
            form,
            intro=_(
                "Citizens can read the draft's public components and comment on each of them, without "
                "an account, from the start to the end of the period. Their comments are published at once."
            ),
            submit=_("Open for comments"),
        )

    def period_view(self, request, object_id):
        consultation = self._for_action(request, object_id)
        initial = {
            "opens_at": consultation.opens_at,
            "closes_at": consultation.closes_at,
            "introduction": consultation.introduction,
        }
        form = PeriodForm(request.POST or None, initial=initial)
        started = consultation.opens_at <= clock.now()
        form.fields["opens_at"].disabled = started  # a started consultation keeps its start
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                services.update_consultation(
                    consultation=consultation,
                    opens_at=None if started else data["opens_at"],
                    closes_at=data["closes_at"],
                    introduction=data["introduction"],
                )
            except ValidationError as exc:
                _form_errors(form, exc)
            else:
                messages.success(request, _("The consultation is changed."))
                return redirect("admin:consultation_consultation_change", consultation.pk)
        return self._page(
            request,
            consultation,
            _("Change the period"),
            form,
            intro=None if started else _("Before the start, saving also takes the draft's current text."),
            submit=_("Save"),
        )

    def close_view(self, request, object_id):
        consultation = self._for_action(request, object_id)
        return self._confirmed_step(
            request,
            consultation,
            act=lambda: services.close_consultation(consultation=consultation, user=request.user),
            done=_("The consultation is closed for comments."),
            then=reverse("admin:consultation_consultation_change", args=[consultation.pk]),
            title=_("Close the consultation now"),
            intro=_("No more comments are taken. The comments received stay public and still need answers."),
            submit=_("Close now"),
        )

    def forum_view(self, request, object_id):
        consultation = self._for_action(request, object_id)
        form = ForumForm(request.POST or None, instance=selectors.forum_of(consultation))
        if request.method == "POST" and form.is_valid():
            try:
                services.record_forum(
                    consultation=consultation,
                    **{name: form.cleaned_data[name] for name in ForumForm.Meta.fields},
                    user=request.user,
                )
            except ValidationError as exc:
                _form_errors(form, exc)
            else:
                messages.success(request, _("The Forum Konsultasi Publik is recorded."))
                return redirect("admin:consultation_consultation_change", consultation.pk)
        return self._page(
            request,
            consultation,
            _("Forum Konsultasi Publik"),
            form,
            intro=_("The record is published with the consultation."),
            submit=_("Save"),
        )

    def cancel_view(self, request, object_id):
        consultation = self._for_action(request, object_id)
        return self._confirmed_step(
            request,
            consultation,
            act=lambda: services.cancel_consultation(consultation=consultation),
            done=_("The consultation is cancelled."),
            then=reverse(CHANGELIST),
            title=_("Cancel the consultation"),
            intro=_("A consultation that has not opened yet can be cancelled; it leaves no record."),
            submit=_("Cancel the consultation"),
        )

    def conclude_view(self, request, object_id):
        consultation = self._for_action(request, object_id)
        return self._confirmed_step(
            request,
            consultation,
            act=lambda: services.conclude_consultation(consultation=consultation, user=request.user),
            done=_("The consultation is concluded. The draft can now be published."),
            then=reverse("admin:consultation_consultation_change", args=[consultation.pk]),
            title=_("Conclude the consultation"),
            intro=_(
                "Concluding makes the record final: answers and the forum record can no longer change. "
                "Publishing the draft needs it."
            ),
            problems=services.conclusion_problems(consultation, clock.now()),
            submit=_("Conclude"),
        )


class NeedsAnswerFilter(admin.SimpleListFilter):
    title = _("answer")
    parameter_name = "answer"

    def lookups(self, request, model_admin):
        return [("missing", _("Needs an answer")), ("done", _("Answered or hidden"))]

    def queryset(self, request, queryset):
        missing = Q(answer_kind="", hidden_at__isnull=True)
        if self.value() == "missing":
            return queryset.filter(missing)
        if self.value() == "done":
            return queryset.exclude(missing)
        return queryset


class CommentForm(forms.ModelForm):
    hide = forms.BooleanField(label=_("Hide from the public"), required=False)

    class Meta:
        model = Comment
        fields = ["answer_kind", "answer", "hidden_reason"]
        widgets = {"answer": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["hide"].initial = self.instance.is_hidden
        self.fields["hidden_reason"].help_text = _(
            "Shown in the comment's place, for example: abusive language."
        )

    def clean(self):
        data = super().clean()
        # The service's own rules, so that a refusal is a form error here.
        try:
            if data.get("hide"):
                data["hidden_reason"] = services.clean_reason(reason=data.get("hidden_reason"))
            elif {"answer_kind", "answer"} & set(self.changed_data):
                services.clean_answer(kind=data.get("answer_kind"), answer=data.get("answer"))
        except ValidationError as exc:
            fields = {"kind": "answer_kind", "answer": "answer", "reason": "hidden_reason"}
            for field, errors in exc.message_dict.items():
                self.add_error(fields.get(field), errors)
        return data


@admin.register(Comment)
class CommentAdmin(ScopedAdmin):
    form = CommentForm
    list_display = ["__str__", "service", "component", "short_text", "submitted_at", "is_handled"]
    list_filter = [
        NeedsAnswerFilter,
        "component",
        ("consultation__service__agency", admin.RelatedOnlyFieldListFilter),
    ]
    list_select_related = ["consultation__service"]
    readonly_fields = ["consultation", "component", "name", "contact_display", "text", "submitted_at"]
    fieldsets = [
        (None, {"fields": readonly_fields}),
        (_("Answer of the agency (public)"), {"fields": ["answer_kind", "answer"]}),
        (_("Moderation"), {"fields": ["hide", "hidden_reason"]}),
    ]

    def scope(self, request, queryset):
        readable = access.readable_agencies(request.user).values("pk")
        return queryset.filter(consultation__service__agency__in=readable)

    def may_edit_object(self, request, obj):
        return obj.consultation.status != Consultation.Status.CONCLUDED and access.can_edit_agency(
            request.user, obj.consultation.service.agency_id
        )

    def has_add_permission(self, request):
        return False  # citizens comment in the portal or through the API

    def has_delete_permission(self, request, obj=None):
        return False  # abusive comments are hidden with a reason, never removed

    @admin.display(description=_("service"))
    def service(self, obj):
        return obj.consultation.service

    @admin.display(description=_("comment"))
    def short_text(self, obj):
        return obj.text if len(obj.text) <= 80 else obj.text[:79] + "\u2026"

    @admin.display(description=_("handled"), boolean=True)
    def is_handled(self, obj):
        return obj.is_handled

    @admin.display(description=_("telephone or e-mail"))
    def contact_display(self, obj):
        if not obj.contact:
            return "-"
        url = reverse("admin:consultation_comment_contact", args=[obj.pk])
        return format_html('{} <a href="{}">{}</a>', obj.contact_masked, url, _("Show"))

    def get_urls(self):
        return [
            path(
                "<path:object_id>/contact/",
                self.admin_site.admin_view(self.contact_view),
                name="consultation_comment_contact",
            ),
            *super().get_urls(),
        ]

    def contact_view(self, request, object_id):
        """The plain contact, for following the comment up; every reading is audited."""
        comment = self.get_object(request, object_id)
        if not access.can_edit_agency(request.user, comment.consultation.service.agency_id):
            raise PermissionDenied
        form = _confirm_form(request)
        value = None
        if request.method == "POST":
            record_access(
                user=request.user,
                subject=f"consultation.comment:{comment.pk}",
                fields=["contact"],
                purpose=str(_("Follow up a public consultation comment")),
                agency=comment.consultation.service.agency,
            )
            value = comment.contact
        return TemplateResponse(
            request,
            "admin/consultation/action.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "original": comment,
                "title": _("Contact of the commenter"),
                "form": None if value else form,
                "intro": _("Reading the contact is written to the personal data access log."),
                "value": value,
                "submit": _("Show the contact"),
            },
        )

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        comment = Comment.objects.get(pk=obj.pk)
        try:
            if data["hide"] and (not comment.is_hidden or "hidden_reason" in form.changed_data):
                services.hide_comment(comment=comment, reason=data["hidden_reason"], user=request.user)
            elif not data["hide"] and comment.is_hidden:
                services.restore_comment(comment=comment)
            if not data["hide"] and {"answer_kind", "answer"} & set(form.changed_data):
                services.answer_comment(
                    comment=comment, kind=data["answer_kind"], answer=data["answer"], user=request.user
                )
        except ValidationError as exc:
            # Checked in the form first (clean); what is left is a consultation concluded meanwhile.
            raise PermissionDenied from exc
