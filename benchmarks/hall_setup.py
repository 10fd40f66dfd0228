"""Creates a benchmark hall in the database named by the environment and prints its
tokens as JSON: one site open around the clock today, one service, N counters each
with an officer and an API token, and a front-desk token.

    DATABASE_URL=... MPP_VAR_DIR=... python benchmarks/hall_setup.py 60
"""

import datetime as dt
import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from django.utils import timezone  # noqa: E402

from mpp.api.services import issue_token  # noqa: E402
from mpp.catalog import services as catalog  # noqa: E402
from mpp.queueing.models import CounterService, HallSettings, ServiceOffer  # noqa: E402
from mpp.tenancy.models import Agency, CalendarOverride, Counter, Membership, OpeningHours, Role, Site, User  # noqa: E402


def main(counters: int) -> dict:
    site = Site.objects.create(
        name="MPP Benchmark", slug="bench", timezone="Asia/Pontianak", working_weekdays="0123456"
    )
    today = timezone.localdate(timezone.now(), site.zone)
    for day in (today, today + dt.timedelta(days=1)):
        CalendarOverride.objects.create(site=site, date=day, kind="open", note="benchmark")
    for weekday in range(7):
        OpeningHours.objects.create(
            site=site, weekday=weekday, opens_at=dt.time(0, 0), closes_at=dt.time(23, 59)
        )
    HallSettings.objects.create(site=site, ticket_cutoff_minutes=0)
    agency = Agency.objects.create(name="Dinas Benchmark", short_name="Bench", slug="bench", kind="pemda")
    agency.sites.add(site)
    service = catalog.create_service(agency=agency, name="Layanan Benchmark", slug="layanan")
    draft = catalog.start_draft(service=service)
    catalog.update_draft(standard=draft, procedure="1. Dilayani.")
    catalog.publish_standard(standard=draft, sk_number="SK/BENCH", sk_date=today - dt.timedelta(days=1))
    ServiceOffer.objects.create(site=site, service=service, prefix="A")
    desk = User.objects.create(username="bench-desk", is_staff=True)
    Membership.objects.create(user=desk, site=site, role=Role.FRONT_DESK)
    result = {
        "site": "bench",
        "service_id": service.pk,
        "front_desk": issue_token(user=desk, name="bench")[1],
        "counters": [],
    }
    for n in range(counters):
        counter = Counter.objects.create(site=site, agency=agency, number=str(n + 1))
        CounterService.objects.create(counter=counter, service=service)
        officer = User.objects.create(username=f"bench-officer-{n}", is_staff=True)
        Membership.objects.create(user=officer, site=site, agency=agency, role=Role.OFFICER)
        result["counters"].append({"id": counter.pk, "token": issue_token(user=officer, name="bench")[1]})
    return result


if __name__ == "__main__":
    print(json.dumps(main(int(sys.argv[1]) if len(sys.argv) > 1 else 60)))
