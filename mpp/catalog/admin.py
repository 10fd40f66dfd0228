from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
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


@admin.register(DocumentType)
class DocumentTypeAdmin(ScopedAdmin):
    list_display = ["name", "short_name", "issuer"]
    search_fields = ["name", "short_name"]
    list_select_related = ["issuer"]

    def scope(self, request, queryset):
        return queryset  # The list of document kinds is shared by every agency.

    def may_view(self, scope):
        return scope.is_staff_member

    def may_edit_object(self, request, obj):
        s = access.scope_of(request.user)
        if obj.issuer_id is None:
            return s.is_superuser or bool(s.managed_sites)
        return access.can_edit_agency(request.user, obj.issuer_id)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "issuer":
            kwargs["queryset"] = access.editable_agencies(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


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
        from django.db.models import Max

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
        for service in queryset:
            if not access.can_edit_agency(request.user, service.agency_id):
                raise PermissionDenied
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
        changes = {
            name: form.cleaned_data[name] for name in form.changed_data if name in services.DRAFT_FIELDS
        }
        try:
            services.update_draft(standard=obj, **changes)
        except ValidationError as exc:
            if getattr(exc, "code", None) == "locked":
                raise PermissionDenied from exc
            raise

    def save_related(self, request, form, formsets, change):
        # The inline rows belong to the draft just checked by save_model.
        obj = form.instance
        obj.refresh_from_db(fields=["status"])
        if not obj.is_editable:
            raise PermissionDenied
        super().save_related(request, form, formsets, change)

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
        }
        return TemplateResponse(request, "admin/catalog/servicestandard/publish.html", context)
