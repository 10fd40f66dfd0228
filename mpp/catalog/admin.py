from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Max, Q
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from mpp.catalog import services
from mpp.catalog.models import DocumentType, Product, Requirement, Service, ServiceStandard
from mpp.tenancy import access
from mpp.tenancy.adminkit import ScopedAdmin, ScopedInline


class AgencyScopedAdmin(ScopedAdmin):
    """Rows that belong to an agency through ``agency_path``."""

    agency_path = "agency"

    def scope(self, request, queryset):
        readable = access.readable_agencies(request.user).values("pk")
        return queryset.filter(**{f"{self.agency_path}__in": readable})

    def may_view(self, scope):
        return super().may_view(scope) or bool(scope.officer_agencies)

    def may_edit_object(self, request, obj):
        agency_id = obj
        for part in self.agency_path.split("__"):
            agency_id = getattr(agency_id, part)
        return access.can_edit_agency(request.user, agency_id)


class DocumentTypeForm(forms.ModelForm):
    class Meta:
        model = DocumentType
        fields = ["name", "short_name", "description", "issuer"]

    def clean_issuer(self):
        issuer = self.cleaned_data.get("issuer")
        scope = access.scope_of(self.request_user)
        if issuer is None and not (scope.is_superuser or scope.managed_sites):
            raise ValidationError(_("Choose your agency as the issuer."))
        return issuer


@admin.register(DocumentType)
class DocumentTypeAdmin(ScopedAdmin):
    """The shared list of documents. Published standards keep the names they were
    published with, so a rename changes drafts and new versions only."""

    form = DocumentTypeForm
    list_display = ["name", "short_name", "issuer"]
    search_fields = ["name", "short_name"]
    list_select_related = ["issuer"]

    def scope(self, request, queryset):
        return queryset  # The list of document kinds is shared by every agency.

    def may_view(self, scope):
        return scope.is_staff_member

    def may_edit_object(self, request, obj):
        s = access.scope_of(request.user)
        if s.is_superuser or s.managed_sites:
            return True
        return obj.issuer_id is not None and access.can_edit_agency(request.user, obj.issuer_id)

    def has_delete_permission(self, request, obj=None):
        return access.scope_of(request.user).is_superuser

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        form.request_user = request.user
        return form

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "issuer":
            kwargs["queryset"] = access.editable_agencies(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        services.save_document_type(document_type=obj)


class StandardHistoryInline(admin.TabularInline):
    model = ServiceStandard
    fields = ["version_link", "status", "sk_number", "sk_date", "published_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = False
    verbose_name_plural = _("Versions of the standard")

    @admin.display(description=_("version"))
    def version_link(self, obj):
        url = reverse("admin:catalog_servicestandard_change", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, obj.version)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class ServiceForm(forms.ModelForm):
    class Meta:
        model = Service
        fields = ["agency", "name", "slug", "summary", "keywords", "is_active"]

    def clean(self):
        data = super().clean()
        # The agency is read-only on the change form, so Django's own unique check skips it.
        agency = self.instance.agency if self.instance.pk else data.get("agency")
        slug = data.get("slug")
        if agency is not None and slug:
            try:
                services.ensure_slug_free(Service(pk=self.instance.pk, agency=agency, slug=slug))
            except ValidationError as exc:
                self.add_error(None, exc)
        return data


@admin.register(Service)
class ServiceAdmin(AgencyScopedAdmin):
    form = ServiceForm
    list_display = ["name", "agency", "is_active", "current_version"]
    list_filter = ["is_active", ("agency", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name", "keywords"]
    list_select_related = ["agency"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [StandardHistoryInline]
    actions = ["start_draft_action"]

    @admin.display(description=_("published version"))
    def current_version(self, obj):
        return getattr(obj, "published_version", None) or "-"

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(published_version=Max("standards__version", filter=Q(standards__status="published")))
        )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "agency":
            kwargs["queryset"] = access.editable_agencies(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        return ["agency"] if obj is not None else []

    def has_delete_permission(self, request, obj=None):
        # A service with a published standard keeps its history: deactivate it instead.
        allowed = super().has_delete_permission(request, obj)
        if obj is None or not allowed:
            return allowed
        return not obj.standards.exclude(status=ServiceStandard.Status.DRAFT).exists()

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        if change:
            services.update_service(service=obj, **{name: data[name] for name in form.changed_data})
        else:
            created = services.create_service(
                agency=data["agency"],
                name=data["name"],
                slug=data["slug"],
                summary=data["summary"],
                keywords=data["keywords"],
            )
            obj.pk = created.pk

    @admin.action(description=_("Start a new draft of the standard"))
    def start_draft_action(self, request, queryset):
        editable = queryset.filter(agency__in=access.editable_agencies(request.user))
        if editable.count() != queryset.count():
            raise PermissionDenied
        for service in editable:
            draft = services.start_draft(service=service)
            self.message_user(
                request, _("Draft version %(v)s of %(s)s is ready.") % {"v": draft.version, "s": service}
            )


class StandardLineInline(ScopedInline):
    fields = ["document_type", "note", "position"]
    autocomplete_fields = ["document_type"]

    def _parent_editable(self, request, obj):
        return super()._parent_editable(request, obj) and (obj is None or obj.is_editable)


class RequirementInline(StandardLineInline):
    model = Requirement
    fields = ["document_type", "note", "is_optional", "position"]


class ProductInline(StandardLineInline):
    model = Product


class PublishForm(forms.Form):
    sk_number = forms.CharField(label=_("Decree (SK) number"), max_length=120)
    sk_date = forms.DateField(label=_("Decree (SK) date"), widget=forms.DateInput(attrs={"type": "date"}))


@admin.register(ServiceStandard)
class ServiceStandardAdmin(AgencyScopedAdmin):
    agency_path = "service__agency"
    list_display = ["service", "version", "status", "sk_number", "sk_date"]
    list_filter = ["status", ("service__agency", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["service__name", "sk_number"]
    list_select_related = ["service__agency"]
    inlines = [RequirementInline, ProductInline]
    readonly_fields = ["service", "version", "status", "sk_number", "sk_date", "published_at"]
    fieldsets = [
        (None, {"fields": ["service", "version", "status", "sk_number", "sk_date", "published_at"]}),
        (
            _("Service delivery (published to citizens)"),
            {
                "fields": [
                    "requirements_note",
                    "procedure",
                    ("completion_time", "completion_unit"),
                    ("fee", "fee_basis"),
                    "fee_note",
                    "products_note",
                    "complaints",
                ]
            },
        ),
        (
            _("Management of the service"),
            {
                "fields": [
                    "legal_basis",
                    "facilities",
                    "competence",
                    "internal_supervision",
                    "staff_count",
                    "service_guarantee",
                    "security_guarantee",
                    "performance_evaluation",
                ]
            },
        ),
    ]
    change_form_template = "admin/catalog/servicestandard/change_form.html"

    def has_add_permission(self, request):
        return False  # Drafts start from a service ("Start a new draft"), numbered by the service layer.

    def may_edit_object(self, request, obj):
        return super().may_edit_object(request, obj) and obj.is_editable

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and (obj is None or obj.is_editable)

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and not obj.is_editable:
            return [
                field
                for fieldset in self.fieldsets
                for row in fieldset[1]["fields"]
                for field in (row if isinstance(row, tuple) else (row,))
            ]
        return self.readonly_fields

    def save_model(self, request, obj, form, change):
        """Nothing yet: save_related sends the fields and the document lists in one call."""

    def save_related(self, request, form, formsets, change):
        changes = {
            name: form.cleaned_data[name] for name in form.changed_data if name in services.DRAFT_FIELDS
        }
        lines = {}
        for formset in formsets:
            kept = [f for f in formset.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]
            kept.sort(key=lambda f: f.cleaned_data.get("position") or 0)
            lines[formset.model] = [
                services.DocumentLine(
                    document_type=f.cleaned_data["document_type"],
                    note=f.cleaned_data.get("note", ""),
                    is_optional=f.cleaned_data.get("is_optional", False),
                )
                for f in kept
            ]
        try:
            services.update_draft(
                standard=form.instance,
                requirements=lines.get(Requirement),
                products=lines.get(Product),
                **changes,
            )
        except ValidationError as exc:
            if getattr(exc, "code", None) == "locked":
                raise PermissionDenied from exc
            raise

    def construct_change_message(self, request, form, formsets, add=False):
        # The inline rows were written by update_draft, not by the formsets.
        return super().construct_change_message(request, form, [], add)

    def delete_model(self, request, obj):
        services.discard_draft(standard=obj)

    def get_urls(self):
        urls = super().get_urls()
        custom = [
            path(
                "<path:object_id>/publish/",
                self.admin_site.admin_view(self.publish_view),
                name="catalog_servicestandard_publish",
            )
        ]
        return custom + urls

    def publish_view(self, request, object_id):
        standard = self.get_object(request, object_id)
        if not self.has_change_permission(request, standard):
            raise PermissionDenied
        form = PublishForm(request.POST or None, initial={"sk_date": timezone.localdate()})
        if request.method == "POST" and form.is_valid():
            try:
                services.publish_standard(
                    standard=standard,
                    sk_number=form.cleaned_data["sk_number"],
                    sk_date=form.cleaned_data["sk_date"],
                    user=request.user,
                )
            except ValidationError as exc:
                for field, errors in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                messages.success(request, _("Version %(v)s is published.") % {"v": standard.version})
                return redirect("admin:catalog_servicestandard_change", standard.pk)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": standard,
            "form": form,
            "title": _("Publish %(standard)s") % {"standard": standard},
            "notes": services.publication_notes(standard=standard),
        }
        return TemplateResponse(request, "admin/catalog/servicestandard/publish.html", context)
