"""What the hall's voice says, in Bahasa Indonesia, built here so that it is tested.

The display machine speaks the text with its own speech synthesis (no internet);
Indonesian voices read digits inconsistently ("017" as "tujuh belas" or "nol satu
tujuh"), so numbers are written out as words before they reach the voice.
"""

import re

_UNITS = ["nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan"]


def number_words(n: int) -> str:
    """Indonesian words for 0 <= n < 1,000,000: 17 -> "tujuh belas", 100 -> "seratus"."""
    if n < 0 or n >= 1_000_000:
        raise ValueError("out of range")
    if n < 10:
        return _UNITS[n]
    if n == 10:
        return "sepuluh"
    if n == 11:
        return "sebelas"
    if n < 20:
        return f"{_UNITS[n - 10]} belas"
    if n < 100:
        tens, rest = divmod(n, 10)
        return f"{_UNITS[tens]} puluh" + (f" {_UNITS[rest]}" if rest else "")
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        head = "seratus" if hundreds == 1 else f"{_UNITS[hundreds]} ratus"
        return head + (f" {number_words(rest)}" if rest else "")
    thousands, rest = divmod(n, 1000)
    head = "seribu" if thousands == 1 else f"{number_words(thousands)} ribu"
    return head + (f" {number_words(rest)}" if rest else "")


def spell_code(code: str, *, style: str = "digits") -> str:
    """ "A017" -> "A, nol satu tujuh" (digits) or "A, tujuh belas" (number)."""
    letters = "".join(ch for ch in code if ch.isalpha())
    digits = "".join(ch for ch in code if ch.isdigit())
    spoken_letters = " ".join(letters.upper())
    if not digits:
        return spoken_letters
    if style == "number":
        spoken_digits = number_words(int(digits))
    else:
        spoken_digits = " ".join(_UNITS[int(d)] for d in digits)
    return f"{spoken_letters}, {spoken_digits}" if spoken_letters else spoken_digits


def counter_words(number: str) -> str:
    """Counter "3" -> "tiga", "12" -> "dua belas", "3A" -> "tiga A"."""
    parts = re.findall(r"\d+|[A-Za-z]+", number)
    return " ".join(number_words(int(p)) if p.isdigit() else " ".join(p.upper()) for p in parts)


def call_announcement(*, code: str, counter: str, agency: str, style: str = "digits") -> str:
    return f"Nomor antrean {spell_code(code, style=style)}, silakan menuju loket {counter_words(counter)}, {agency}."
