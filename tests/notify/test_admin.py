"""The outbox in the back office: every message and its attempts, addresses masked,
scoped to the site."""

import datetime as dt

import pytest
from django.urls import reverse

from mpp.notify.delivery import deliver_due
from mpp.notify.models import OutboxMessage
from mpp.notify.services import notify_citizen, notify_staff
from tests.halls import MONDAY_9

pytestmark = pytest.mark.django_db

PHONE = "+6281234567890"


def changelist():
    return reverse("admin:notify_outboxmessage_changelist")


def change(message):
    return reverse("admin:notify_outboxmessage_change", args=[message.pk])


@pytest.fixture
def outbox(world, gateway, clock_at):
    """A message at the site that failed once and then went out, an e-mail at the other
    site, one without a site, and a staff inbox message (never in the outbox)."""
    gateway.answers = [500]
    here = notify_citizen(
        phone=PHONE, kind="application.done", render=lambda: ("Halo", "Siap"), site=world.site
    )
    deliver_due(now=MONDAY_9)
    deliver_due(now=MONDAY_9 + dt.timedelta(minutes=1))
    there = notify_citizen(
        email="siti.rahma@contoh.id",
        kind="booking.reminder",
        render=lambda: ("Halo", "Besok"),
        site=world.other_site,
    )
    nowhere = notify_citizen(phone="081199998888", kind="legacy", render=lambda: ("Halo", "Lama"))
    notify_staff(users=[world.manager], kind="application.overdue", subject="Berkas terlambat", body="...")
    return here, there, nowhere


def test_the_manager_sees_the_sites_messages_and_attempts_with_masked_addresses(client, world, outbox):
    here, _there, _nowhere = outbox
    client.force_login(world.manager)
    html = client.get(changelist()).content.decode()
    assert "application.done" in html
    assert "6281******890" in html
    assert PHONE not in html
    assert "81234567890" not in html
    assert "booking.reminder" not in html
    assert "legacy" not in html
    assert "Berkas terlambat" not in html  # the staff inbox is not the outbox
    page = client.get(change(here))
    assert page.status_code == 200
    html = page.content.decode()
    assert "6281******890" in html
    assert "81234567890" not in html
    assert "HTTP 500" in html
    assert "HTTP 200" in html


def test_an_auditor_of_the_site_reads_it_too(client, world, outbox):
    client.force_login(world.auditor)
    assert client.get(change(outbox[0])).status_code == 200


def test_a_manager_of_another_site_gets_404(client, world, outbox):
    here, there, _nowhere = outbox
    client.force_login(world.other_manager)
    assert client.get(change(here)).status_code == 404
    html = client.get(changelist()).content.decode()
    assert "application.done" not in html
    assert "s*********@contoh.id" in html
    assert "siti.rahma" not in html
    assert client.get(change(there)).status_code == 200


def test_messages_without_a_site_are_for_superusers_only(client, world, outbox):
    nowhere = outbox[2]
    client.force_login(world.manager)
    assert client.get(change(nowhere)).status_code == 404
    client.force_login(world.superuser)
    html = client.get(changelist()).content.decode()
    assert all(kind in html for kind in ("application.done", "booking.reminder", "legacy"))
    assert client.get(change(nowhere)).status_code == 200


@pytest.mark.parametrize("who", ["officer_a", "admin_a", "front_desk"])
def test_agency_staff_and_front_desk_have_no_outbox(client, world, outbox, who):
    client.force_login(getattr(world, who))
    assert client.get(changelist()).status_code == 403
    assert client.get(change(outbox[0])).status_code == 404


def test_the_outbox_is_read_only(client, world, outbox):
    here = outbox[0]
    client.force_login(world.superuser)
    assert client.get(reverse("admin:notify_outboxmessage_add")).status_code == 403
    response = client.post(change(here), {"kind": "diubah", "status": "pending"})
    assert response.status_code == 403
    assert client.post(reverse("admin:notify_outboxmessage_delete", args=[here.pk])).status_code == 403
    here.refresh_from_db()
    assert (here.kind, here.status) == ("application.done", "sent")


def test_the_list_costs_the_same_for_many_messages(client, world, gateway, django_assert_max_num_queries):
    for n in range(30):
        notify_citizen(phone=PHONE, kind=f"k{n}", render=lambda: ("Halo", "Isi"), site=world.site)
    client.force_login(world.manager)
    with django_assert_max_num_queries(8):
        assert client.get(changelist()).status_code == 200
    assert OutboxMessage.objects.count() == 30
