"""Changes to the catalogue: services and the versions of their standards."""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.apps import apps as django_apps
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mpp.catalog import search, selectors
from mpp.catalog.models import DocumentType, Product, Requirement, Service, ServiceStandard
from mpp.core import clock
from mpp.tenancy.models import Agency, User

# Fields of a draft that ``update_draft`` may set: the 14 components and their notes.
DRAFT_FIELDS = frozenset(
    {
        "requirements_note",
        "procedure",
        "completion_time",
        "completion_unit",
        "fee",
        "fee_basis",
        "fee_note",
        "products_note",
        "complaints",
        "legal_basis",
        "facilities",
        "competence",
        "internal_supervision",
        "staff_count",
        "service_guarantee",
        "security_guarantee",
        "performance_evaluation",
    }
)
SERVICE_FIELDS = frozenset({"name", "slug", "summary", "keywords", "is_active"})


@dataclass(frozen=True)
class DocumentLine:
    """One requirement or product of a draft: which document, with its note."""

    document_type: DocumentType
    note: str = ""
    is_optional: bool = False


def _locked() -> ValidationError:
    return ValidationError(
        _("A published standard cannot be changed. Start a new draft version instead."), code="locked"
    )


def reindex_service(*, service: Service) -> Service:
    """Recompute the search column from the service and its current standard."""
    standard = selectors.current_standard(service)
    documents: list[str] = []
    if standard is not None:
        documents = [
            f"{line.display_name} {line.document_type.short_name}"
            for line in [*standard.requirements.all(), *standard.products.all()]
        ]
    service.search_text = search.index_text(
        service.name,
        service.keywords,
        service.summary,
        service.agency.name,
        service.agency.short_name,
        *documents,
    )
    service.save(update_fields=["search_text"])
    return service


def reindex_agency(*, agency: Agency) -> None:
    """After an agency is renamed: its services are found by the new name."""
    for service in agency.services.select_related("agency"):
        reindex_service(service=service)


def _validated(instance, *, exclude: Iterable[str] = ()) -> None:
    instance.full_clean(exclude=list(exclude))


def save_document_type(*, document_type: DocumentType) -> DocumentType:
    """Save a document type. Drafts show the new name; published versions keep theirs."""
    document_type.full_clean()
    with transaction.atomic():
        document_type.save()
    return document_type


def ensure_slug_free(service: Service) -> None:
    if Service.objects.filter(agency_id=service.agency_id, slug=service.slug).exclude(pk=service.pk).exists():
        raise ValidationError({"slug": _("The agency already has a service at this address.")}, code="unique")


def create_service(*, agency: Agency, name: str, slug: str, summary: str = "", keywords: str = "") -> Service:
    service = Service(agency=agency, name=name, slug=slug, summary=summary, keywords=keywords)
    ensure_slug_free(service)
    _validated(service)
    with transaction.atomic():
        service.save()
        reindex_service(service=service)
    return service


def update_service(*, service: Service, **changes: object) -> Service:
    unknown = set(changes) - SERVICE_FIELDS
    if unknown:
        raise ValidationError(_("Unknown fields: %(fields)s"), params={"fields": ", ".join(sorted(unknown))})
    for name, value in changes.items():
        setattr(service, name, value)
    ensure_slug_free(service)
    _validated(service, exclude=["search_text"])
    with transaction.atomic():
        service.save(update_fields=[*changes, "search_text"] if changes else None)
        reindex_service(service=service)
    return service


def start_draft(*, service: Service) -> ServiceStandard:
    """The service's draft, created from the current version when there is none."""
    with transaction.atomic():
        # Sequence recipe: lock the service row so that two editors starting a
        # draft at once get the same one, never two versions with one number.
        Service.objects.select_for_update().get(pk=service.pk)
        draft = service.standards.filter(status=ServiceStandard.Status.DRAFT).first()
        if draft is not None:
            return draft
        latest = service.standards.order_by("-version").first()
        base = selectors.current_standard(service)
        draft = ServiceStandard(service=service, version=(latest.version + 1) if latest else 1)
        if base is not None:
            for name in DRAFT_FIELDS:
                setattr(draft, name, getattr(base, name))
        draft.save()
        if base is not None:
            Requirement.objects.bulk_create(
                Requirement(
                    standard=draft,
                    document_type_id=line.document_type_id,
                    note=line.note,
                    is_optional=line.is_optional,
                    position=line.position,
                )
                for line in base.requirements.all()
            )
            Product.objects.bulk_create(
                Product(
                    standard=draft,
                    document_type_id=line.document_type_id,
                    note=line.note,
                    position=line.position,
                )
                for line in base.products.all()
            )
    return draft


def update_draft(
    *,
    standard: ServiceStandard,
    requirements: list[DocumentLine] | None = None,
    products: list[DocumentLine] | None = None,
    **changes: object,
) -> ServiceStandard:
    """Change a draft's components; ``requirements``/``products`` replace the lists."""
    unknown = set(changes) - DRAFT_FIELDS
    if unknown:
        raise ValidationError(_("Unknown fields: %(fields)s"), params={"fields": ", ".join(sorted(unknown))})
    for lines, label in ((requirements, "requirements"), (products, "products")):
        if lines is not None and len({line.document_type.pk for line in lines}) != len(lines):
            raise ValidationError({label: _("Each document may appear only once.")}, code="duplicate")
    with transaction.atomic():
        standard = ServiceStandard.objects.select_for_update().get(pk=standard.pk)
        if not standard.is_editable:
            raise _locked()
        for name, value in changes.items():
            setattr(standard, name, value)
        _validated(standard, exclude=["service"])
        standard.save()
        if requirements is not None:
            standard.requirements.all().delete()
            Requirement.objects.bulk_create(
                Requirement(
                    standard=standard,
                    document_type=line.document_type,
                    note=line.note,
                    is_optional=line.is_optional,
                    position=index,
                )
                for index, line in enumerate(requirements)
            )
        if products is not None:
            standard.products.all().delete()
            Product.objects.bulk_create(
                Product(standard=standard, document_type=line.document_type, note=line.note, position=index)
                for index, line in enumerate(products)
            )
    return standard


def publish_standard(
    *, standard: ServiceStandard, sk_number: str, sk_date: dt.date, user: User | None = None
) -> ServiceStandard:
    """Publish a draft under its decree; the version it replaces becomes history."""
    now = clock.now()
    errors: dict[str, list] = {}
    sk_number = (sk_number or "").strip()
    if not sk_number:
        errors["sk_number"] = [_("Give the number of the decree (SK) that sets this standard.")]
    elif len(sk_number) > ServiceStandard._meta.get_field("sk_number").max_length:
        errors["sk_number"] = [_("The decree number is too long.")]
    if sk_date is None:
        errors["sk_date"] = [_("Give the date of the decree (SK).")]
    elif sk_date > timezone.localdate(now):
        errors["sk_date"] = [_("The decree date cannot be in the future.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        service = Service.objects.select_for_update().get(pk=standard.service_id)
        standard = ServiceStandard.objects.select_for_update().get(pk=standard.pk)
        if not standard.is_editable:
            raise _locked()
        if not standard.procedure.strip():
            raise ValidationError(
                {"procedure": _("Describe the procedure before publishing.")}, code="incomplete"
            )
        for check in _publication_hooks("check_publication"):
            check(standard)
        service.standards.filter(status=ServiceStandard.Status.PUBLISHED).update(
            status=ServiceStandard.Status.SUPERSEDED, superseded_at=now
        )
        standard.status = ServiceStandard.Status.PUBLISHED
        standard.sk_number = sk_number
        standard.sk_date = sk_date
        standard.published_at = now
        standard.published_by = user
        standard.save(update_fields=["status", "sk_number", "sk_date", "published_at", "published_by"])
        _freeze_document_names(standard)
        reindex_service(service=service)
    return standard


# Hook: rules of the apps above the catalogue about publishing ----------------------
# The catalogue imports none of the apps built on it. An installed app whose AppConfig
# defines ``check_publication(standard)`` may refuse a publication by raising
# ValidationError: it is called inside publish_standard's transaction, with the draft
# row locked. ``publication_notes(standard) -> list[str]`` gives warnings to show before
# publishing, which never block. Today only mpp.consultation defines them
# (docs/consultation.md).


def _publication_hooks(name: str) -> list:
    return [
        getattr(config, name)
        for config in django_apps.get_app_configs()
        if callable(getattr(config, name, None))
    ]


def publication_notes(*, standard: ServiceStandard) -> list[str]:
    """Warnings for whoever is about to publish ``standard``."""
    return [note for hook in _publication_hooks("publication_notes") for note in hook(standard)]


def _freeze_document_names(standard: ServiceStandard) -> None:
    """Copy each document's current name into the lines of the version being published."""
    for model in (Requirement, Product):
        lines = list(model.objects.filter(standard=standard).select_related("document_type"))
        for line in lines:
            line.document_name = line.document_type.name
        model.objects.bulk_update(lines, ["document_name"])


def discard_draft(*, standard: ServiceStandard) -> None:
    with transaction.atomic():
        standard = ServiceStandard.objects.select_for_update().get(pk=standard.pk)
        if not standard.is_editable:
            raise _locked()
        standard.delete()
