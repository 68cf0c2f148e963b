"""Names sort by the Vietnamese alphabet and are found without tones, in either normal form."""

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from accounts import vietnamese
from accounts.models import User
from tests.factories import UserFactory

LETTERS = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
TONED = "àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
syllable_chars = st.sampled_from(list(LETTERS + TONED))
names = st.lists(st.text(syllable_chars, min_size=1, max_size=7), min_size=1, max_size=4).map(" ".join)


def test_alphabet_order_puts_d_bar_after_d_and_hats_after_a():
    words = ["Đạt", "Dũng", "Anh", "Ân", "Ăn", "Bình", "Ơn", "Ôn", "On", "Ưng", "Uyên", "Yến"]

    ordered = sorted(words, key=vietnamese.collation_key)

    assert ordered == ["Anh", "Ăn", "Ân", "Bình", "Dũng", "Đạt", "On", "Ôn", "Ơn", "Uyên", "Ưng", "Yến"]


def test_tones_only_break_ties_in_the_order_ngang_huyen_hoi_nga_sac_nang():
    words = ["má", "mạ", "mà", "ma", "mã", "mả", "mai"]

    assert sorted(words, key=vietnamese.collation_key) == ["ma", "mà", "mả", "mã", "má", "mạ", "mai"]


@given(names)
def test_nfc_and_nfd_give_the_same_keys(name):
    nfd = unicodedata.normalize("NFD", name)

    assert vietnamese.normalize(nfd) == vietnamese.normalize(name)
    assert vietnamese.collation_key(nfd) == vietnamese.collation_key(name)
    assert vietnamese.fold(nfd) == vietnamese.fold(name)


@given(names, names)
def test_order_by_first_letter_follows_the_alphabet(a, b):
    first_a = vietnamese._split_letter(vietnamese.normalize(a)[0])[0]
    first_b = vietnamese._split_letter(vietnamese.normalize(b)[0])[0]
    if first_a != first_b:
        assert (vietnamese.collation_key(a) < vietnamese.collation_key(b)) == (
            LETTERS.index(first_a) < LETTERS.index(first_b)
        )


@given(names)
def test_fold_is_plain_ascii_and_idempotent(name):
    folded = vietnamese.fold(name)

    assert folded.isascii()
    assert vietnamese.fold(folded) == folded


@pytest.mark.django_db
def test_people_are_listed_by_given_name_then_full_name():
    for full_name in ["Nguyễn Văn Đạt", "Trần Thị Dung", "Lê Văn An", "Phạm Thị Ánh", "Đỗ Văn An"]:
        UserFactory(full_name=full_name, unit__code="SORT")

    listed = list(User.objects.filter(unit__code="SORT").alphabetical().values_list("full_name", flat=True))

    assert listed == ["Đỗ Văn An", "Lê Văn An", "Phạm Thị Ánh", "Trần Thị Dung", "Nguyễn Văn Đạt"]


@pytest.mark.django_db
def test_search_ignores_tones_case_and_normal_form():
    person = UserFactory(full_name=unicodedata.normalize("NFD", "Nguyễn Thị Ánh Tuyết"))

    assert person.full_name == unicodedata.normalize("NFC", "Nguyễn Thị Ánh Tuyết")
    assert list(User.objects.search("nguyen anh tuyet")) == [person]
    assert list(User.objects.search("NGUYỄN Tuyết")) == [person]
    assert list(User.objects.search(unicodedata.normalize("NFD", "ánh tuyết"))) == [person]
    assert not User.objects.search("tuyet xuan").exists()
