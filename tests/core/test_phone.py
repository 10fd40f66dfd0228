import pytest
from django.core.exceptions import ValidationError

from mpp.core.phone import normalize_phone


@pytest.mark.parametrize(
    ("typed", "normal"),
    [
        ("0812-3456-7890", "+6281234567890"),
        ("+62 812 3456 7890", "+6281234567890"),
        ("6281234567890", "+6281234567890"),
        ("(0513) 21234", "+6251321234"),
    ],
)
def test_indonesian_numbers_are_normalised(typed, normal):
    assert normalize_phone(typed) == normal


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("", "required"),
        ("+1 555 0100", "country"),
        ("812345678", "prefix"),
        ("0812-ABCD-7890", "not_digits"),
        ("0812", "invalid"),
        ("08123456789012345", "invalid"),
        ("00812345678", "invalid"),
    ],
)
def test_bad_numbers_are_refused_with_a_reason(typed, code):
    with pytest.raises(ValidationError) as info:
        normalize_phone(typed)
    assert info.value.code == code


@pytest.mark.parametrize("typed", ["08²²²²²²²²", "08\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669"])
def test_digits_of_other_scripts_are_refused(typed):
    with pytest.raises(ValidationError):
        normalize_phone(typed)
