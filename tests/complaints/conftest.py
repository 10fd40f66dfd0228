import datetime as dt

import pytest

from mpp.complaints.services import filing

# Wednesday 23 December 2026, 09:00 WIB: cuti bersama on Thursday 24, Christmas on
# Friday 25, then the weekend.
BEFORE_CHRISTMAS = dt.datetime(2026, 12, 23, 2, 0, tzinfo=dt.UTC)


def nik(n: int) -> str:
    """A valid Kapuas NIK (Selat, born 1 January 1990), the n-th serial."""
    return f"620301010190{n:04d}"


def file(world, **overrides):
    """A complaint filed on the portal at the world's site; returns (complaint, pin)."""
    values = {
        "site": world.site,
        "classification": "complaint",
        "subject": "Antrean KTP-el lama",
        "description": "Saya menunggu tiga jam di loket Dukcapil dan tidak dipanggil.",
        "channel": "portal",
        "name": "Siti Aminah",
        "nik": nik(7),
        "phone": "0812 3456 7890",
        "ip": "203.0.113.5",
    }
    values.update(overrides)
    return filing.submit_complaint(**values)


@pytest.fixture
def filed(world, clock_at):
    """An ordinary complaint with an identity, filed Monday 30 November 2026 09:00 WIB."""
    return file(world)


@pytest.fixture
def whistle(world, clock_at):
    """A whistle-blowing report with the reporter's identity."""
    return file(
        world,
        classification="whistleblowing",
        subject="Pungli di loket",
        description="Petugas meminta uang tambahan Rp50.000 untuk mempercepat KTP-el.",
        name="Budi Santoso",
        nik=nik(8),
        phone="0813 1111 2222",
        email="budi@example.org",
    )
