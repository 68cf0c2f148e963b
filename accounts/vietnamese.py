"""Vietnamese text as people expect it: one normal form, alphabetical order, search without tones.

Python's and SQLite's default orderings put "Đ" after "Z" and "Â" after "Y", and a name typed
on one keyboard (NFD) does not equal the same name from another (NFC). Names are stored in NFC
with two derived keys: ``collation_key`` orders by the Vietnamese alphabet (a ă â b c d đ e ê
g h i k l m n o ô ơ p q r s t u ư v x y), tones breaking ties, the same on every database;
``search_key`` folds tones, vowel marks and đ so "nguyen van a" finds "Nguyễn Văn A".
"""

from __future__ import annotations

import unicodedata

ALPHABET = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
_LETTER_RANK = {letter: index for index, letter in enumerate(ALPHABET)}

# Marks that make a distinct letter (breve, circumflex, horn) versus the five tones.
_LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}
_TONE_RANK = {"": 0, "\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}


def normalize(text: str) -> str:
    """NFC with runs of white space folded: the one form every name is stored in."""
    return " ".join(unicodedata.normalize("NFC", text or "").split())


def _split_letter(char: str) -> tuple[str, str]:
    """Split one NFC character into (base letter with its letter marks, tone mark)."""
    decomposed = unicodedata.normalize("NFD", char)
    base, letter_marks, tone = decomposed[0], "", ""
    for mark in decomposed[1:]:
        if mark in _LETTER_MARKS:
            letter_marks += mark
        elif mark in _TONE_RANK:
            tone = mark
        else:
            letter_marks += mark
    return unicodedata.normalize("NFC", base + letter_marks), tone


def fold(text: str) -> str:
    """Lower case without tones or letter marks; đ becomes d. For searching."""
    lowered = normalize(text).lower().replace("đ", "d")
    stripped = "".join(
        ch for ch in unicodedata.normalize("NFD", lowered) if not unicodedata.combining(ch)
    )
    return stripped


def collation_key(text: str) -> str:
    """A string whose plain (byte) order is the Vietnamese dictionary order of ``text``.

    Primary level: letters by the Vietnamese alphabet, other characters after them by code
    point; secondary level (only when the primary levels are equal): tones in the order
    ngang, huyền, hỏi, ngã, sắc, nặng. Both levels are encoded as printable characters so the
    key can be stored in an indexed column and compared by any database collation.
    """
    primary: list[str] = []
    secondary: list[str] = []
    for char in normalize(text).lower():
        letter, tone = _split_letter(char)
        rank = _LETTER_RANK.get(letter)
        if rank is not None:
            primary.append(chr(0x41 + rank))  # 'A'.. within ASCII letters, byte-ordered
        elif char == " ":
            primary.append("!")  # a space sorts before every letter: "An" < "An Nhiên" < "Anh"
        else:
            primary.append("~" + format(ord(char), "05x"))
        secondary.append(str(_TONE_RANK.get(tone, 0)))
    return "".join(primary) + " " + "".join(secondary)


def name_collation_key(full_name: str) -> str:
    """Vietnamese people are listed by given name (the last word), then by the full name."""
    name = normalize(full_name)
    given = name.rsplit(" ", 1)[-1] if name else ""
    return collation_key(given) + "|" + collation_key(name)
