"""The back office's access rules, shared by every admin page.

Django's model permissions are not used: what a staff member may do follows
from their memberships (``mpp.tenancy.access``). Each admin states which rows a
user sees (``scope``) and which may be changed (``editable``); an id outside
the scope answers 404 instead of Django's redirect, so that another agency's
ids reveal nothing.
"""

from django import forms
from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest

from mpp.core.db import MAX_ID
from mpp.tenancy.access import Scope, scope_of


class SafeModelChoiceField(forms.ModelChoiceField):
    """A choice of row that refuses an id too large for the database as "not a valid choice".

    Django's own field lets SQLite's OverflowError through, which would be a 500.
    """

    def to_python(self, value):
        try:
            return super().to_python(value)
        except OverflowError as exc:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice") from exc


class SafeAutocompleteSelect(AutocompleteSelect):
    """Re-rendering a refused form must not look up an id too large for the database."""

    def optgroups(self, name, value, attr=None):
        fitting = [v for v in value if str(v).isdigit() and int(v) <= MAX_ID]
        return super().optgroups(name, fitting, attr)


class SafeChoices:
    """Every foreign-key field of the form uses ``SafeModelChoiceField``."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        kwargs.setdefault("form_class", SafeModelChoiceField)
        if db_field.name in self.get_autocomplete_fields(request):
            kwargs.setdefault(
                "widget", SafeAutocompleteSelect(db_field, self.admin_site, using=kwargs.get("using"))
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


# A search of the back office: enough words to find anything, never a query so deep
# that the database refuses it (SQLite stops at an expression tree 1,000 deep).
MAX_SEARCH_CHARS, MAX_SEARCH_WORDS = 200, 10
# Dates a date hierarchy may name: outside these, Django's own date arithmetic fails.
DATE_PARTS = {"year": (1900, 9998), "month": (1, 12), "day": (1, 31)}


class ScopedAdmin(SafeChoices, admin.ModelAdmin):
    def scope(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        """Rows the user may see. Subclasses narrow it."""
        raise NotImplementedError

    def get_search_results(self, request, queryset, search_term):
        words = search_term[:MAX_SEARCH_CHARS].split()[:MAX_SEARCH_WORDS]
        return super().get_search_results(request, queryset, " ".join(words))

    def get_changelist_instance(self, request):
        # A date of the date hierarchy out of range is the list's "wrong filter" answer
        # (Django redirects with ?e=1), not an OverflowError.
        if self.date_hierarchy:
            for part, (low, high) in DATE_PARTS.items():
                value = request.GET.get(f"{self.date_hierarchy}__{part}")
                if value is not None and not (
                    value.isascii() and value.isdigit() and low <= int(value) <= high
                ):
                    raise IncorrectLookupParameters
        return super().get_changelist_instance(request)

    def may_view(self, scope: Scope) -> bool:
        return scope.is_superuser or bool(
            scope.managed_sites or scope.admin_agencies or scope.audited_sites or scope.audited_agencies
        )

    def may_edit(self, scope: Scope) -> bool:
        return scope.is_superuser or bool(scope.managed_sites or scope.admin_agencies)

    def may_edit_object(self, request: HttpRequest, obj) -> bool:
        """Whether this one visible row may change; rows are already in scope."""
        return True

    # Bulk deletion skips the services' rules; rows that may go are deleted one by one.
    actions_without_bulk_delete = True

    def get_actions(self, request):
        actions = super().get_actions(request)
        if self.actions_without_bulk_delete:
            actions.pop("delete_selected", None)
        return actions

    def get_queryset(self, request):
        return self.scope(request, super().get_queryset(request))

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is None:
            raise Http404
        return obj

    def has_module_permission(self, request):
        return self.may_view(scope_of(request.user))

    def has_view_permission(self, request, obj=None):
        return self.may_view(scope_of(request.user))

    def has_add_permission(self, request):
        return self.may_edit(scope_of(request.user))

    def has_change_permission(self, request, obj=None):
        allowed = self.may_edit(scope_of(request.user))
        return allowed and (obj is None or self.may_edit_object(request, obj))

    def has_delete_permission(self, request, obj=None):
        return self.has_change_permission(request, obj)


class ScopedInline(SafeChoices, admin.TabularInline):
    """An inline that follows its parent's right to change."""

    extra = 0

    def _parent_editable(self, request, obj) -> bool:
        parent_admin = self.admin_site._registry[self.parent_model]
        return parent_admin.has_change_permission(request, obj)

    def has_view_permission(self, request, obj=None):
        return self.admin_site._registry[self.parent_model].has_view_permission(request, obj)

    def has_add_permission(self, request, obj=None):
        return self._parent_editable(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._parent_editable(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._parent_editable(request, obj)
