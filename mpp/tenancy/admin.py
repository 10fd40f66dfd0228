from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import UserChangeForm
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from mpp.catalog import services as catalog_services
from mpp.tenancy import access, services
from mpp.tenancy.adminkit import ScopedAdmin, ScopedInline
from mpp.tenancy.models import Agency, CalendarOverride, Counter, Membership, OpeningHours, Role, Site, User

admin.site.site_header = _("MPP back office")
admin.site.site_title = _("MPP back office")
admin.site.index_title = _("Administration")
# Roles come from memberships; Django's groups would be a second, confusing system.
admin.site.unregister(Group)


class OpeningHoursInline(ScopedInline):
    model = OpeningHours
    fields = ["agency", "weekday", "opens_at", "closes_at", "valid_from", "valid_until", "label"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "agency":
            kwargs["queryset"] = access.editable_agencies(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class CalendarOverrideInline(ScopedInline):
    model = CalendarOverride
    fields = ["date", "kind", "note"]


@admin.register(Site)
class SiteAdmin(ScopedAdmin):
    list_display = ["name", "kind", "slug", "timezone", "is_active"]
    search_fields = ["name", "slug"]
    inlines = [OpeningHoursInline, CalendarOverrideInline]

    def scope(self, request, queryset):
        return queryset.filter(pk__in=access.overseen_sites(request.user).values("pk"))

    def may_view(self, scope):
        return scope.is_superuser or bool(scope.managed_sites or scope.audited_sites)

    def may_edit(self, scope):
        return scope.is_superuser or bool(scope.managed_sites)

    def may_edit_object(self, request, obj):
        return access.can_manage_site(request.user, obj)

    def has_add_permission(self, request):
        return access.scope_of(request.user).is_superuser

    def has_delete_permission(self, request, obj=None):
        return access.scope_of(request.user).is_superuser


class AgencyForm(forms.ModelForm):
    website = forms.URLField(label=_("website"), required=False, assume_scheme="https")

    class Meta:
        model = Agency
        fields = [
            "name",
            "short_name",
            "slug",
            "kind",
            "description",
            "maklumat",
            "website",
            "phone",
            "sites",
            "is_active",
        ]

    def clean_sites(self):
        sites = self.cleaned_data["sites"]
        user = self.request_user
        if access.scope_of(user).is_superuser:
            return sites
        managed = set(access.managed_sites(user).values_list("id", flat=True))
        before = set(self.instance.sites.values_list("id", flat=True)) if self.instance.pk else set()
        after = {site.pk for site in sites}
        # A manager may add or remove only their own sites; other sites stay as they were.
        if (before ^ after) - managed:
            raise ValidationError(_("You may only change your own site in this list."))
        if not self.instance.pk and not after & managed:
            raise ValidationError(_("Choose your site, so that you can keep managing this agency."))
        return sites


@admin.register(Agency)
class AgencyAdmin(ScopedAdmin):
    form = AgencyForm
    list_display = ["name", "short_name", "kind", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "short_name"]
    prepopulated_fields = {"slug": ["short_name"]}
    filter_horizontal = ["sites"]

    def scope(self, request, queryset):
        return queryset.filter(pk__in=access.readable_agencies(request.user).values("pk"))

    def may_edit_object(self, request, obj):
        return access.can_edit_agency(request.user, obj)

    def has_add_permission(self, request):
        s = access.scope_of(request.user)
        return s.is_superuser or bool(s.managed_sites)

    def has_delete_permission(self, request, obj=None):
        # Deleting an agency takes its services, history and staff rights with it.
        return access.scope_of(request.user).is_superuser

    def get_readonly_fields(self, request, obj=None):
        if obj is None or access.can_edit_agency_identity(request.user, obj):
            return []
        identity = sorted(services.AGENCY_IDENTITY_FIELDS)
        if obj.sites.filter(id__in=access.scope_of(request.user).managed_sites).exists():
            return identity  # a manager of one of several sites: texts and their own site
        return [*identity, "sites"]  # the agency's own admin: its texts

    def get_prepopulated_fields(self, request, obj=None):
        return {} if "slug" in self.get_readonly_fields(request, obj) else self.prepopulated_fields

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        form.request_user = request.user
        return form

    def save_model(self, request, obj, form, change):
        changed = [name for name in form.changed_data if name != "sites"]
        services.save_agency(agency=obj, changed=changed if change else None)

    def save_related(self, request, form, formsets, change):
        if "sites" in form.changed_data:
            services.set_agency_sites(agency=form.instance, sites=list(form.cleaned_data["sites"]))
        if change and {"name", "short_name"} & set(form.changed_data):
            # Services are found by their agency's name too.
            catalog_services.reindex_agency(agency=form.instance)


@admin.register(Counter)
class CounterAdmin(ScopedAdmin):
    list_display = ["number", "name", "agency", "site", "zone", "is_active"]
    list_filter = [("site", admin.RelatedOnlyFieldListFilter), "is_active"]
    search_fields = ["number", "name", "agency__name"]
    list_select_related = ["agency", "site"]

    def scope(self, request, queryset):
        return queryset.filter(pk__in=access.readable_counters(request.user).values("pk"))

    def may_edit(self, scope):
        return scope.is_superuser or bool(scope.managed_sites)

    def may_edit_object(self, request, obj):
        return access.can_manage_site(request.user, obj.site_id)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "site":
            kwargs["queryset"] = access.managed_sites(request.user)
        elif db_field.name == "agency":
            kwargs["queryset"] = access.editable_agencies(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        services.save_counter(counter=obj)


class MembershipInlineForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["site", "role", "agency"]

    def clean(self):
        data = super().clean()
        site, agency, role = data.get("site"), data.get("agency"), data.get("role")
        if (
            site
            and role
            and not access.membership_in_scope(
                self.request_user, site_id=site.pk, agency_id=agency.pk if agency else None, role=role
            )
        ):
            raise ValidationError(_("You may not grant this role here."))
        return data


class MembershipInline(ScopedInline):
    model = Membership
    form = MembershipInlineForm
    fields = ["site", "role", "agency"]

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.form.request_user = request.user
        return formset

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "site":
            kwargs["queryset"] = access.readable_sites(request.user)
        elif db_field.name == "agency":
            kwargs["queryset"] = access.grantable_agencies(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "role":
            allowed = set(access.grantable_roles(request.user))
            kwargs["choices"] = [choice for choice in Role.choices if choice[0] in allowed]
        return super().formfield_for_choice_field(db_field, request, **kwargs)


class StaffCreationForm(forms.ModelForm):
    """A new account and its first role together, so no account is ever without one."""

    password1 = forms.CharField(label=_("Password"), widget=forms.PasswordInput, strip=False)
    password2 = forms.CharField(label=_("Password again"), widget=forms.PasswordInput, strip=False)
    site = forms.ModelChoiceField(label=_("Site"), queryset=Site.objects.none())
    role = forms.ChoiceField(label=_("Role"), choices=())
    agency = forms.ModelChoiceField(label=_("Agency"), queryset=Agency.objects.none(), required=False)

    class Meta:
        model = User
        fields = ["username", "first_name", "last_name", "email"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.request_user
        self.fields["site"].queryset = access.readable_sites(user)
        self.fields["role"].choices = [c for c in Role.choices if c[0] in access.grantable_roles(user)]
        self.fields["agency"].queryset = access.grantable_agencies(user)

    def clean(self):
        data = super().clean()
        if data.get("password1") != data.get("password2"):
            self.add_error("password2", _("The two passwords differ."))
        elif data.get("password1"):
            try:
                validate_password(data["password1"], User(username=data.get("username", "")))
            except ValidationError as exc:
                self.add_error("password1", exc)
        site, role, agency = data.get("site"), data.get("role"), data.get("agency")
        if site and role:
            try:
                Membership(site=site, role=role, agency=agency).clean()
            except ValidationError as exc:
                self.add_error(None, exc)
            if not access.membership_in_scope(
                self.request_user, site_id=site.pk, agency_id=agency.pk if agency else None, role=role
            ):
                self.add_error("role", _("You may not grant this role here."))
        return data

    def save(self, commit=True):
        # Everything the service checks was checked in clean(), so this writes.
        data = self.cleaned_data
        return services.create_staff_account(
            actor=self.request_user,
            username=data["username"],
            password=data["password1"],
            site=data["site"],
            role=data["role"],
            agency=data.get("agency"),
            first_name=data.get("first_name", ""),
            last_name=data.get("last_name", ""),
            email=data.get("email", ""),
        )

    def save_m2m(self):
        """Nothing to do: the service saved the membership."""


@admin.register(User)
class UserAdmin(ScopedAdmin, DjangoUserAdmin):
    add_form = StaffCreationForm
    form = UserChangeForm
    inlines = [MembershipInline]
    list_display = ["username", "first_name", "last_name", "is_active"]
    list_filter = ["is_active"]
    fieldsets = [
        (None, {"fields": ["username", "password"]}),
        (_("Personal info"), {"fields": ["first_name", "last_name", "email"]}),
        (_("Status"), {"fields": ["is_active", "last_login", "date_joined"]}),
    ]
    superuser_fieldsets = [
        *fieldsets[:2],
        (_("Status"), {"fields": ["is_active", "is_staff", "is_superuser", "last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (
            None,
            {"fields": ["username", "password1", "password2", "first_name", "last_name", "email"]},
        ),
        (_("First role"), {"fields": ["site", "role", "agency"]}),
    ]
    readonly_fields = ["last_login", "date_joined"]

    def scope(self, request, queryset):
        return queryset.filter(pk__in=access.manageable_users(request.user).values("pk"))

    def may_view(self, scope):
        return self.may_edit(scope)

    def get_fieldsets(self, request, obj=None):
        if obj is not None and access.scope_of(request.user).is_superuser:
            return self.superuser_fieldsets
        return super().get_fieldsets(request, obj)

    def get_inlines(self, request, obj):
        return [] if obj is None else self.inlines

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.request_user = request.user
        return form
