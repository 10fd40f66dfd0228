import pytest

from mpp.core.speech import call_announcement, counter_words, number_words, spell_code


@pytest.mark.parametrize(
    ("n", "words"),
    [
        (0, "nol"),
        (7, "tujuh"),
        (10, "sepuluh"),
        (11, "sebelas"),
        (17, "tujuh belas"),
        (20, "dua puluh"),
        (45, "empat puluh lima"),
        (100, "seratus"),
        (101, "seratus satu"),
        (117, "seratus tujuh belas"),
        (250, "dua ratus lima puluh"),
        (999, "sembilan ratus sembilan puluh sembilan"),
        (1000, "seribu"),
        (1017, "seribu tujuh belas"),
        (2500, "dua ribu lima ratus"),
    ],
)
def test_number_words(n, words):
    assert number_words(n) == words


def test_number_words_range():
    with pytest.raises(ValueError, match="range"):
        number_words(-1)


@pytest.mark.parametrize(
    ("code", "style", "spoken"),
    [
        ("B017", "digits", "B, nol satu tujuh"),
        ("B017", "number", "B, tujuh belas"),
        ("KB105", "number", "K B, seratus lima"),
        ("A100", "digits", "A, satu nol nol"),
    ],
)
def test_spell_code(code, style, spoken):
    assert spell_code(code, style=style) == spoken


def test_counter_words():
    assert counter_words("3") == "tiga"
    assert counter_words("12") == "dua belas"
    assert counter_words("3A") == "tiga A"


def test_call_announcement():
    assert (
        call_announcement(code="B017", counter="5", agency="Polres Kapuas")
        == "Nomor antrean B, nol satu tujuh, silakan menuju loket lima, Polres Kapuas."
    )
