"""The same words typed in NFC on one keyboard and NFD on another are the same for duplicate checks
(README: names are stored in NFC), checked over random Vietnamese text (hypothesis)."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nominations.models import Initiative

from .test_imports import INITIATIVE_HEADER, _post, csv_bytes

pytestmark = pytest.mark.django_db

VIETNAMESE = "aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ"
TITLES = st.lists(st.text(alphabet=VIETNAMESE, min_size=2, max_size=12), min_size=1, max_size=4).map(" ".join).filter(
    lambda title: unicodedata.normalize("NFC", title) != unicodedata.normalize("NFD", title))
EXAMPLES = settings(max_examples=25, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


def row(title: str) -> list[str]:
    return [title, "canbo.kt.02", "5/QĐ-HĐSK", "15/11/2023", "Cơ sở", "HĐSK"]


@EXAMPLES
@given(title=TITLES)
def test_a_title_in_nfc_and_again_in_nfd_is_one_duplicate(login, title):
    nfc, nfd = unicodedata.normalize("NFC", title), unicodedata.normalize("NFD", title)

    response = _post(login("hcqt"), "initiatives", "sang-kien.csv", csv_bytes([INITIATIVE_HEADER, row(nfc), row(nfd)]))

    assert response.status_code == 200
    assert "trùng với dòng 2" in response.content.decode()
    assert not Initiative.objects.exists()


def test_a_title_typed_in_nfd_is_stored_in_nfc(login):
    title = "Số hóa hồ sơ thi đua, khen thưởng"

    response = _post(login("hcqt"), "initiatives", "sang-kien.csv",
                     csv_bytes([INITIATIVE_HEADER, row(unicodedata.normalize("NFD", title))]))

    assert response.status_code == 302
    assert Initiative.objects.get().title == title
