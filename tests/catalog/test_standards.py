import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from mpp.catalog import selectors, services
from mpp.catalog.models import ServiceStandard
from tests import factories


@pytest.fixture
def service(db):
    return factories.ServiceFactory(name="Penerbitan Akta Kelahiran", keywords="akta lahir")


def test_first_draft_is_version_one_and_blank(service):
    draft = services.start_draft(service=service)
    assert (draft.version, draft.status, draft.procedure) == (1, "draft", "")


def test_start_draft_twice_returns_the_same_draft(service):
    assert services.start_draft(service=service).pk == services.start_draft(service=service).pk
    assert service.standards.count() == 1


def test_publish_stamps_the_decree_and_freezes_the_version(service):
    kk = factories.DocumentTypeFactory(name="Kartu Keluarga")
    draft = services.start_draft(service=service)
    services.update_draft(
        standard=draft, procedure="1. Isi formulir.", fee=0, requirements=[services.DocumentLine(kk, "Asli")]
    )
    published = services.publish_standard(standard=draft, sk_number="SK 1/2026", sk_date=dt.date(2026, 1, 5))
    assert published.status == "published"
    assert published.sk_number == "SK 1/2026"
    assert published.published_at is not None
    with pytest.raises(ValidationError) as info:
        services.update_draft(standard=published, fee=5000)
    assert info.value.code == "locked"
    published.refresh_from_db()
    assert published.fee == 0
    with pytest.raises(ValidationError):
        services.discard_draft(standard=published)


def test_new_draft_copies_the_current_version_and_publishing_supersedes_it(service):
    kk = factories.DocumentTypeFactory(name="Kartu Keluarga")
    akta = factories.DocumentTypeFactory(name="Kutipan Akta Kelahiran")
    v1 = services.start_draft(service=service)
    services.update_draft(
        standard=v1,
        procedure="1. Datang.",
        completion_time=1,
        completion_unit="working_days",
        requirements=[services.DocumentLine(kk, "Asli", False)],
        products=[services.DocumentLine(akta)],
    )
    services.publish_standard(standard=v1, sk_number="SK 1", sk_date=dt.date(2025, 1, 2))

    v2 = services.start_draft(service=service)
    assert v2.version == 2
    assert v2.procedure == "1. Datang."
    assert [r.document_type for r in v2.requirements.all()] == [kk]
    assert [p.document_type for p in v2.products.all()] == [akta]
    services.update_draft(standard=v2, completion_time=3)
    services.publish_standard(standard=v2, sk_number="SK 2", sk_date=dt.date(2026, 1, 2))

    v1.refresh_from_db()
    assert v1.status == "superseded"
    assert v1.superseded_at is not None
    assert v1.completion_time == 1  # history keeps what was promised then
    assert selectors.current_standard(service).version == 2
    assert list(service.standards.values_list("version", "status")) == [(2, "published"), (1, "superseded")]


@pytest.mark.parametrize(
    ("sk_number", "sk_date", "field"),
    [
        ("", dt.date(2026, 1, 5), "sk_number"),
        ("   ", dt.date(2026, 1, 5), "sk_number"),
        ("x" * 121, dt.date(2026, 1, 5), "sk_number"),
        ("SK 1", None, "sk_date"),
        ("SK 1", dt.date(2099, 1, 1), "sk_date"),
    ],
)
def test_publish_needs_a_valid_decree(service, sk_number, sk_date, field):
    draft = services.start_draft(service=service)
    services.update_draft(standard=draft, procedure="1. Datang.")
    with pytest.raises(ValidationError) as info:
        services.publish_standard(standard=draft, sk_number=sk_number, sk_date=sk_date)
    assert field in info.value.message_dict
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_publish_needs_a_procedure(service):
    draft = services.start_draft(service=service)
    with pytest.raises(ValidationError) as info:
        services.publish_standard(standard=draft, sk_number="SK", sk_date=dt.date(2026, 1, 1))
    assert "procedure" in info.value.message_dict


def test_update_draft_validates_and_changes_nothing_on_error(service):
    kk = factories.DocumentTypeFactory()
    draft = services.start_draft(service=service)
    services.update_draft(standard=draft, procedure="1. Datang.", fee=1000)
    with pytest.raises(ValidationError):
        services.update_draft(standard=draft, fee=-1)
    with pytest.raises(ValidationError):
        services.update_draft(standard=draft, completion_time=0)
    with pytest.raises(ValidationError):
        services.update_draft(standard=draft, procedure="x" * 4001)
    with pytest.raises(ValidationError):
        services.update_draft(standard=draft, completion_unit="weeks")
    with pytest.raises(ValidationError):
        services.update_draft(
            standard=draft, requirements=[services.DocumentLine(kk), services.DocumentLine(kk)]
        )
    with pytest.raises(ValidationError):
        services.update_draft(standard=draft, colour="red")
    draft.refresh_from_db()
    assert (draft.fee, draft.completion_time, draft.procedure) == (1000, 1, "1. Datang.")
    assert draft.requirements.count() == 0


def test_a_database_constraint_allows_one_draft_per_service(service):
    from django.db import IntegrityError, transaction

    services.start_draft(service=service)
    with pytest.raises(IntegrityError), transaction.atomic():
        ServiceStandard.objects.create(service=service, version=9)


def test_published_rows_need_a_decree_at_database_level(service):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        ServiceStandard.objects.create(service=service, version=1, status="published")


def test_completion_display_and_steps():
    standard = ServiceStandard(
        completion_time=1, completion_unit="working_days", procedure="1. Satu\n\n2) Dua\n- Tiga"
    )
    assert str(standard.completion_display) in {"1 hari kerja", "1 working day"}
    assert standard.procedure_steps == ["Satu", "Dua", "Tiga"]
