"""Turns the Kapuas demo data (``mpp.demo.kapuas``) into rows, through the services.

Idempotent: a second run changes nothing. Standards are created as drafts and
published through ``mpp.catalog.services`` so the demo exercises the same path
as an agency admin.
"""

import datetime as dt
import random
from dataclasses import dataclass

from django.db import transaction
from django.utils.text import slugify

from mpp.catalog import services as catalog
from mpp.catalog.models import DocumentType, Service
from mpp.core import clock
from mpp.demo import kapuas, kapuas_journeys
from mpp.journeys.models import HandoffField, LifeEvent, Satisfaction, Step
from mpp.queueing.models import CounterService, HallSettings, ServiceOffer
from mpp.surveys import national
from mpp.surveys.models import Answer, Response, Unsur
from mpp.tenancy.models import Agency, Counter, Membership, OpeningHours, Role, Site, User

DEMO_PASSWORD = "kapuas-demo-2026"


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: str
    agency: str | None
    description: str


DEMO_ACCOUNTS = [
    DemoAccount("manajer", Role.MANAGER, None, "MPP manager (DPMPTSP): the whole site"),
    DemoAccount("admin.dukcapil", Role.AGENCY_ADMIN, "disdukcapil", "agency admin of Disdukcapil"),
    DemoAccount("petugas.dukcapil", Role.OFFICER, "disdukcapil", "officer at Disdukcapil"),
    DemoAccount("admin.polres", Role.AGENCY_ADMIN, "polres", "agency admin of Polres Kapuas"),
    DemoAccount("petugas.polres", Role.OFFICER, "polres", "officer at Polres Kapuas (SPKT)"),
    DemoAccount("frontdesk", Role.FRONT_DESK, None, "front desk of the hall"),
    DemoAccount("auditor", Role.AUDITOR, None, "auditor (inspectorate): reads the whole site"),
]


def _time(value: str) -> dt.time:
    hours, minutes = value.split(":")
    return dt.time(int(hours), int(minutes))


def _sites() -> dict[str, Site]:
    sites = {}
    for data in kapuas.SITES:
        fields = {k: v for k, v in data.items() if k not in {"slug", "hours"}}
        site, created = Site.objects.get_or_create(slug=data["slug"], defaults=fields)
        if created:
            OpeningHours.objects.bulk_create(
                OpeningHours(site=site, weekday=weekday, opens_at=_time(opens), closes_at=_time(closes))
                for weekday, opens, closes in data["hours"]
            )
        sites[site.slug] = site
    return sites


def _agencies(sites: dict[str, Site]) -> dict[str, Agency]:
    agencies = {}
    for data in kapuas.AGENCIES:
        agency, _created = Agency.objects.get_or_create(
            slug=data["slug"],
            defaults={
                "name": data["name"],
                "short_name": data["short_name"],
                "kind": data["kind"],
                "description": data.get("description", ""),
            },
        )
        agency.sites.add(*(sites[slug] for slug in data["sites"]))
        main = sites[data["sites"][0]]
        for number in data.get("counters", []):
            Counter.objects.get_or_create(
                site=main, number=number, defaults={"agency": agency, "zone": data.get("zone", "")}
            )
        agencies[agency.slug] = agency
    return agencies


def _documents(agencies: dict[str, Agency]) -> dict[str, DocumentType]:
    documents = {}
    for key, data in kapuas.DOCUMENT_TYPES.items():
        issuer = agencies.get(data["issuer"]) if data.get("issuer") else None
        document, _created = DocumentType.objects.get_or_create(
            name=data["name"],
            defaults={
                "short_name": data.get("short_name", ""),
                "description": data.get("description", ""),
                "issuer": issuer,
            },
        )
        documents[key] = document
    return documents


def _standard_fields(standard: dict) -> dict:
    fields = {**kapuas.DEFAULT_MANAGEMENT, "complaints": kapuas.DEFAULT_COMPLAINTS}
    fields.update({k: v for k, v in standard.items() if k in catalog.DRAFT_FIELDS})
    return fields


def _services(agencies: dict[str, Agency], documents: dict[str, DocumentType]) -> int:
    created = 0
    for data in kapuas.AGENCIES:
        agency = agencies[data["slug"]]
        for item in data["services"]:
            if Service.objects.filter(agency=agency, slug=item["slug"]).exists():
                continue
            service = catalog.create_service(
                agency=agency,
                name=item["name"],
                slug=item["slug"] or slugify(item["name"]),
                summary=item.get("summary", ""),
                keywords=item.get("keywords", ""),
            )
            standard = item["standard"]
            draft = catalog.start_draft(service=service)
            catalog.update_draft(
                standard=draft,
                requirements=[
                    catalog.DocumentLine(documents[key], note, optional)
                    for key, note, optional in standard.get("requirements", [])
                ],
                products=[
                    catalog.DocumentLine(documents[key], note) for key, note in standard.get("products", [])
                ],
                **_standard_fields(standard),
            )
            catalog.publish_standard(
                standard=draft, sk_number=data["sk_number"], sk_date=dt.date.fromisoformat(data["sk_date"])
            )
            created += 1
    return created


def _letters(index: int) -> str:
    """A, B, ... Z, then AA, AB, ...: one ticket prefix per agency."""
    return chr(65 + index) if index < 26 else chr(64 + index // 26) + chr(65 + index % 26)


def _hall(site: Site, agencies: dict[str, Agency]) -> None:
    """Every service of every agency with counters at the site gets a number; each
    counter calls its agency's services."""
    HallSettings.objects.get_or_create(site=site)
    with_counters = [data["slug"] for data in kapuas.AGENCIES if data.get("counters")]
    for index, slug in enumerate(with_counters):
        agency = agencies[slug]
        services = list(agency.services.all())
        for service in services:
            ServiceOffer.objects.get_or_create(
                site=site, service=service, defaults={"prefix": _letters(index)}
            )
        for counter in agency.counters.filter(site=site):
            CounterService.objects.bulk_create(
                [CounterService(counter=counter, service=service) for service in services],
                ignore_conflicts=True,
            )


def _journeys(agencies: dict[str, Agency], documents: dict[str, DocumentType]) -> None:
    for data in kapuas_journeys.LIFE_EVENTS:
        life_event, created = LifeEvent.objects.get_or_create(
            slug=data["slug"],
            defaults={
                "name": data["name"],
                "summary": data.get("summary", ""),
                "keywords": data.get("keywords", ""),
            },
        )
        if not created:
            continue
        steps = {}
        for position, item in enumerate(data["steps"], start=1):
            service = Service.objects.get(agency=agencies[item["agency"]], slug=item["service"])
            steps[position] = Step.objects.create(
                life_event=life_event, position=position, service=service, note=item.get("note", "")
            )
        for position, item in enumerate(data["steps"], start=1):
            for index, field in enumerate(item.get("handoff", [])):
                handoff = HandoffField.objects.create(
                    step=steps[position],
                    key=field["key"],
                    label=field["label"],
                    kind=field.get("kind", "text"),
                    is_required=field.get("required", True),
                    position=index,
                )
                handoff.visible_to.set([steps[n] for n in field.get("visible_to", [])])
        Satisfaction.objects.bulk_create(
            Satisfaction(
                from_step=steps[link["from"]],
                product=documents[link["product"]],
                to_step=steps[link["to"]],
                requirement=documents[link["requirement"]],
            )
            for link in data.get("satisfies", [])
        )


def _accounts(site: Site, agencies: dict[str, Agency]) -> None:
    for account in DEMO_ACCOUNTS:
        user, created = User.objects.get_or_create(username=account.username, defaults={"is_staff": True})
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        Membership.objects.get_or_create(
            user=user,
            site=site,
            role=account.role,
            agency=agencies[account.agency] if account.agency else None,
        )


def _surveys(site: Site, agencies: dict[str, Agency]) -> None:
    """Paper survey forms of the last months, so that the IKM pages have something to show.

    Marked as paper forms (channel "paper"), generated with a fixed seed: every agency
    gets its own leaning, between "baik" and "sangat baik", as real reports show.
    """
    if Response.objects.filter(site=site).exists():
        return
    national.install(Unsur)
    unsur = list(Unsur.objects.filter(agency=None))
    today = clock.now().astimezone(site.zone).date()
    generator = random.Random(2026)
    with_counters = [data["slug"] for data in kapuas.AGENCIES if data.get("counters")]
    for slug in with_counters:
        agency = agencies[slug]
        services = list(agency.services.all())
        leaning = generator.uniform(0.25, 0.7)  # the chance of a 4 rather than a 3
        for _ in range(generator.randint(25, 60)):
            response = Response.objects.create(
                site=site,
                agency=agency,
                service=generator.choice(services) if services else None,
                served_on=today - dt.timedelta(days=generator.randint(1, 150)),
                channel=Response.Channel.PAPER,
                age=generator.randint(18, 75),
                sex=generator.choice(Response.Sex.values),
                education=generator.choice(Response.Education.values),
                occupation=generator.choice(Response.Occupation.values),
                created_at=clock.now(),
            )
            Answer.objects.bulk_create(
                Answer(
                    response=response,
                    unsur=item,
                    value=4 if generator.random() < leaning else (3 if generator.random() < 0.9 else 2),
                )
                for item in unsur
            )


def load() -> int:
    """Load everything; returns how many services were created (0 on a second run)."""
    with transaction.atomic():
        sites = _sites()
        agencies = _agencies(sites)
        documents = _documents(agencies)
        created = _services(agencies, documents)
        main = sites[kapuas.SITES[0]["slug"]]
        _hall(main, agencies)
        _journeys(agencies, documents)
        _accounts(main, agencies)
        _surveys(main, agencies)
    return created
