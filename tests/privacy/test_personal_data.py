import threading
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ValidationError
from django.db import connection, connections

from mpp.privacy import crypto, masking, services
from mpp.privacy.models import AccessLog, Person

NIK = "6203014101900001"
PHONE = "0812-3456-7890"
NAME = "Siti Rahmawati Kapuas"


def test_encryption_round_trip_and_ciphertext_differs_each_time():
    token = crypto.encrypt(NIK)
    assert NIK not in token
    assert crypto.decrypt(token) == NIK
    assert crypto.encrypt(NIK) != token  # random IV: equal values do not look equal


def test_a_wrong_key_refuses_instead_of_returning_garbage(settings):
    token = crypto.encrypt(NIK)
    settings.MPP_DATA_KEYS = [Fernet.generate_key().decode()]
    with pytest.raises(ValueError, match="cannot be decrypted"):
        crypto.decrypt(token)


def test_key_rotation_reads_old_rows_and_rewrites_them_under_the_new_key(settings):
    old_key = settings.MPP_DATA_KEYS[0]
    token = crypto.encrypt(NIK)
    new_key = Fernet.generate_key().decode()
    settings.MPP_DATA_KEYS = [new_key, old_key]
    assert crypto.decrypt(token) == NIK
    rotated = crypto.rotate(token)
    settings.MPP_DATA_KEYS = [new_key]
    assert crypto.decrypt(rotated) == NIK


def test_blind_index_is_keyed_and_separates_purposes(settings):
    first = crypto.blind_index(NIK, purpose="nik")
    assert first == crypto.blind_index(NIK, purpose="nik")
    assert first != crypto.blind_index(NIK, purpose="phone")
    assert NIK not in first
    settings.MPP_HASH_KEY = "another-key"
    assert crypto.blind_index(NIK, purpose="nik") != first


@pytest.mark.parametrize(
    ("value", "masked"),
    [("6203014101900001", "6203********0001"), ("+6281234567890", "6281******890"), ("", "")],
)
def test_masks(value, masked):
    mask = masking.mask_nik if len(value) == 16 else masking.mask_phone
    assert mask(value) == masked


def test_mask_email():
    assert masking.mask_email("siti@example.id") == "s***@example.id"
    assert masking.mask_email("not-an-email") == "************"


def test_register_person_finds_by_nik_and_normalises(db):
    person = services.register_person(nik="6203 0141 0190 0001", name=NAME, phone=PHONE)
    assert person.phone == "+6281234567890"
    again = services.register_person(nik=NIK, email="siti@example.id")
    assert again.pk == person.pk
    assert Person.objects.count() == 1
    assert services.find_person_by_nik(NIK).email == "siti@example.id"
    assert services.find_person_by_nik("6203014101900002") is None


@pytest.mark.parametrize(
    ("nik", "phone"),
    [("123", ""), ("6203014101900000", ""), ("9903014101900001", ""), (NIK, "12345"), (NIK, "+1 555 0100")],
)
def test_register_person_refuses_bad_input_and_writes_nothing(db, nik, phone):
    with pytest.raises(ValidationError):
        services.register_person(nik=nik, phone=phone)
    assert Person.objects.count() == 0


def test_reveal_writes_the_access_audit_first(world):
    person = services.register_person(nik=NIK, name=NAME)
    values = services.reveal_person(
        user=world.officer_a,
        person=person,
        fields=["nik", "name"],
        purpose="Verifikasi berkas",
        agency=world.agency_a,
    )
    assert values == {"nik": NIK, "name": NAME}
    log = AccessLog.objects.get()
    assert (log.user, log.subject, log.fields, log.agency) == (
        world.officer_a,
        f"privacy.person:{person.pk}",
        "nik,name",
        world.agency_a,
    )
    with pytest.raises(ValidationError):
        services.reveal_person(user=world.officer_a, person=person, fields=["nik"], purpose="  ")
    with pytest.raises(ValidationError):
        services.reveal_person(user=world.officer_a, person=person, fields=["password"], purpose="x")
    assert AccessLog.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_personal_data_is_not_readable_in_the_database():
    services.register_person(nik=NIK, name=NAME, phone=PHONE, email="siti@example.id")
    secrets = [NIK, NAME, "6281234567890", "siti@example.id"]
    with connection.cursor() as cursor:
        cursor.execute("SELECT nik, name, phone, email, nik_hash, phone_hash FROM privacy_person")
        raw_row = " ".join(cursor.fetchone())
    for secret in secrets:
        assert secret not in raw_row
    if connection.vendor == "sqlite":
        # The whole database file (and its write-ahead log), as a thief would read it.
        connections.close_all()
        path = Path(connection.settings_dict["NAME"])
        data = b"".join(p.read_bytes() for p in (path, Path(f"{path}-wal")) if p.exists())
    else:
        with connection.cursor() as cursor:
            cursor.execute("SELECT t::text FROM privacy_person AS t")
            data = cursor.fetchone()[0].encode()
    assert data
    for secret in secrets:
        assert secret.encode() not in data


@pytest.mark.django_db(transaction=True)
def test_concurrent_registrations_of_one_nik_make_one_person():
    """Twenty front-desk clerks registering the same citizen at once: one row."""
    barrier = threading.Barrier(20)
    errors = []

    def register():
        try:
            barrier.wait()
            services.register_person(nik=NIK, name=NAME)
        except Exception as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=register) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert Person.objects.count() == 1


def test_filtering_on_an_encrypted_field_is_an_error_not_a_silent_miss(db):
    from django.core.exceptions import FieldError

    with pytest.raises(FieldError, match="encrypted"):
        Person.objects.filter(nik=NIK).exists()


def test_reveal_refuses_non_staff(world):
    from django.core.exceptions import PermissionDenied

    from tests import factories

    person = services.register_person(nik=NIK, name=NAME)
    outsider = factories.UserFactory(username="bukan_petugas", is_staff=False)
    with pytest.raises(PermissionDenied):
        services.reveal_person(user=outsider, person=person, fields=["nik"], purpose="Ingin tahu")
    assert not AccessLog.objects.exists()
