"""The public pages: open consultations of a site, the draft with its comment forms, the record."""

from django.core.exceptions import ValidationError
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from mpp.consultation import selectors, services
from mpp.consultation.forms import CommentForm
from mpp.consultation.models import COMPONENT_KEYS, Consultation, State
from mpp.core import clock
from mpp.core.ratelimit import client_ip
from mpp.tenancy.models import Site
from mpp.tenancy.sites import active_site


@require_safe
def consultation_list(request, site):
    site = active_site(site)
    now = clock.now()
    return render(
        request,
        "consultation/list.html",
        {
            "site": site,
            "open_consultations": selectors.open_at_site(site, now),
            "past_consultations": selectors.past_at_site(site, now),
        },
    )


def _consultation(site: Site, pk: int, now) -> Consultation:
    queryset = selectors.at_site(site, now).select_related("standard", "forum")
    return get_object_or_404(queryset, pk=pk)


def _detail(request, site, consultation, now, *, forms=None, refusal=None, status=200):
    state = consultation.state_at(now)
    components = selectors.components(consultation)
    forms = forms or {}
    for component in components:
        component.form = None
        if state == State.OPEN:
            component.form = forms.get(component.key) or CommentForm(component=component.key)
    standard = consultation.standard
    return render(
        request,
        "consultation/detail.html",
        {
            "site": site,
            "consultation": consultation,
            "service": consultation.service,
            "agency": consultation.service.agency,
            "text": consultation.text,
            "state": state,
            "components": components,
            "forum": selectors.forum_of(consultation),
            "published": standard if standard is not None and standard.status != "draft" else None,
            # The comment just sent (after the redirect), to thank its author in place.
            "sent": request.GET.get("terkirim", "")[:20],
            "refusal": refusal,
        },
        status=status,
    )


@require_safe
def consultation_detail(request, site, pk):
    site = active_site(site)
    now = clock.now()
    return _detail(request, site, _consultation(site, pk, now), now)


@require_POST
def comment(request, site, pk):
    site = active_site(site)
    now = clock.now()
    consultation = _consultation(site, pk, now)
    component = request.POST.get("component", "")
    if component not in COMPONENT_KEYS:
        return HttpResponseBadRequest(_("Choose the component you comment on."))
    address = reverse("consultation:detail", args=[site.slug, consultation.pk])
    form = CommentForm(request.POST, component=component)
    if form.is_spam:
        # Answer like a success, so that the program learns nothing; nothing is stored.
        services.count_spam(ip=client_ip(request))
        return redirect(f"{address}?terkirim=0")
    if form.is_valid():
        data = form.cleaned_data
        try:
            created = services.submit_comment(
                consultation=consultation,
                component=component,
                text=data["text"],
                name=data["name"],
                contact=data["contact"],
                ip=client_ip(request),
            )
        except services.CommentRefused as exc:
            status = 429 if exc.code == "limited" else 409
            return _detail(
                request, site, consultation, now, forms={component: form}, refusal=exc.message, status=status
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            return redirect(f"{address}?terkirim={created.pk}#komentar-{created.pk}")
    return _detail(request, site, consultation, now, forms={component: form})
