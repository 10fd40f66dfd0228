import datetime as dt

from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from mpp.api.models import ApiToken
from mpp.api.services import issue_token, revoke_token
from mpp.core import clock
from mpp.tenancy.adminkit import ScopedAdmin

# The longest life a token may be given (a token lives until revoked when left empty).
MAX_TOKEN_LIFE = dt.timedelta(days=5 * 366)


class TokenForm(forms.ModelForm):
    class Meta:
        model = ApiToken
        fields = ["name", "expires_at"]

    def clean_expires_at(self):
        expires_at = self.cleaned_data.get("expires_at")
        if expires_at is None:
            return None
        now = clock.now()
        if expires_at <= now:
            raise forms.ValidationError(_("The expiry must be in the future."))
        if expires_at > now + MAX_TOKEN_LIFE:
            raise forms.ValidationError(_("A token may live at most five years."))
        return expires_at


@admin.register(ApiToken)
class ApiTokenAdmin(ScopedAdmin):
    """Each staff member issues and revokes their own tokens; the value is shown once."""

    form = TokenForm
    list_display = ["name", "prefix", "user", "created_at", "expires_at", "last_used_at", "revoked_at"]
    readonly_fields = ["prefix", "created_at", "last_used_at", "revoked_at"]
    actions = ["revoke"]

    def scope(self, request, queryset):
        queryset = queryset.select_related("user")
        return queryset if request.user.is_superuser else queryset.filter(user=request.user)

    def may_view(self, scope):
        return scope.is_staff_member

    def may_edit(self, scope):
        return scope.is_staff_member

    def has_change_permission(self, request, obj=None):
        return False  # A token is issued or revoked, never edited.

    def has_delete_permission(self, request, obj=None):
        return False  # Revoked tokens stay listed for the audit trail.

    def save_model(self, request, obj, form, change):
        token, plain = issue_token(
            user=request.user, name=form.cleaned_data["name"], expires_at=form.cleaned_data["expires_at"]
        )
        obj.pk = token.pk
        messages.warning(
            request,
            _("Copy this token now; it is not shown again: %(token)s") % {"token": plain},
        )

    @admin.action(description=_("Revoke the selected tokens"))
    def revoke(self, request, queryset):
        for token in queryset.filter(revoked_at__isnull=True):
            revoke_token(token=token)
