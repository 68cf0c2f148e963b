import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def vietnamese():
    """Verdicts are read in the active language; a page visited in English by an earlier test on the
    same worker must not leave English active for the next one."""
    with translation.override("vi"):
        yield

