"""A draft of agency A's KTP service, ready to be consulted, on the shared world's Monday."""

import datetime as dt

import pytest
from django.utils import translation

from mpp.catalog import services as catalog_services
from mpp.consultation import services
from mpp.consultation.models import Consultation
from tests import factories
from tests.halls import MONDAY_9

NOW = MONDAY_9  # Monday 30 November 2026, 09:00 WIB
FORUM = {
    "place": "Aula MPP Kapuas",
    "participant_count": 42,
    "participants": "Tokoh masyarakat, PPDI Kapuas, ketua RT, pelaku usaha",
    "outcome": "Persyaratan fotokopi KK dihapus; jangka waktu satu hari kerja disepakati.",
    "minutes_reference": "Berita Acara 045/FKP/XII/2026",
}


@pytest.fixture(autouse=True)
def _english_messages():
    """Assertions read the English msgids, which stay put when the Indonesian catalogue is
    filled in; reverse() then gives the /en/ addresses. Indonesian pages are tested on their own."""
    with translation.override("en"):
        yield


@pytest.fixture
def draft(world, clock_at):
    kk = factories.DocumentTypeFactory(name="Kartu Keluarga", short_name="KK")
    sktlk = factories.DocumentTypeFactory(name="Surat Keterangan Tanda Lapor Kehilangan", short_name="SKTLK")
    draft = catalog_services.start_draft(service=world.service_a)
    return catalog_services.update_draft(
        standard=draft,
        procedure="1. Ambil nomor antrean.\n2. Serahkan SKTLK dan KK.\n3. Terima KTP-el.",
        completion_time=1,
        completion_unit="working_days",
        fee=0,
        complaints="Loket pengaduan MPP atau SP4N-LAPOR!",
        requirements=[
            catalog_services.DocumentLine(sktlk, "Asli"),
            catalog_services.DocumentLine(kk, "Fotokopi", is_optional=True),
        ],
    )


def open_for(draft, user, *, days: int = 14, **kwargs) -> Consultation:
    return services.open_consultation(
        standard=draft, closes_at=NOW + dt.timedelta(days=days), user=user, **kwargs
    )


@pytest.fixture
def consultation(draft, world) -> Consultation:
    return open_for(draft, world.admin_a, introduction="Kami mengusulkan KK tidak wajib lagi.")


def comment(
    consultation, component="procedure", text="Mohon tambahkan langkah cetak ulang.", ip="10.0.0.1", **kw
):
    return services.submit_comment(consultation=consultation, component=component, text=text, ip=ip, **kw)


def finish(consultation, user, clock_at, *, forum=True):
    """Close the period, answer everything open, record the forum: ready to conclude."""
    clock_at(consultation.closes_at + dt.timedelta(hours=1))
    for item in consultation.comments.filter(answer_kind="", hidden_at__isnull=True):
        services.answer_comment(
            comment=item, kind="explained", answer="Terima kasih atas masukannya.", user=user
        )
    if forum:
        services.record_forum(
            consultation=consultation, held_on=(NOW + dt.timedelta(days=10)).date(), user=user, **FORUM
        )
