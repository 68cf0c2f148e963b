"""Every page of a paginated list is reachable from the page, with the reader's filters kept.

The dossier list showed its first 100 dossiers with no page links (the 101st of a province's year could only be
found in the Excel export); the lists now share one include (``includes/pagination.html``) whose links change only
the page of the query the reader filtered."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse

from nominations.views import dossiers as dossier_views
from tests.nominations.helpers import open_cycle, open_dossier

pytestmark = pytest.mark.django_db

URL = reverse("nominations:index")


def units_listed(response) -> list[str]:
    html = response.content.decode().split('<table id="dossiers">')[1].split("</table>")[0]
    return [cell.split("</a>")[0].split(">")[-1] for cell in html.split('href="/nominations/dossiers/')[1:]]


def next_link(response) -> str | None:
    html = response.content.decode()
    if 'rel="next"' not in html:
        return None
    return html.split('rel="next"')[0].rsplit('href="', 1)[1].split('"')[0].replace("&amp;", "&")


def test_the_dossier_list_links_its_pages_and_keeps_the_filter(login, monkeypatch):
    # Given three draft dossiers of this year's cycle, one of last year's, and two dossiers a page
    monkeypatch.setattr(dossier_views.DossierListView, "paginate_by", 2)
    cycle = open_cycle(2025)
    for code in ("KT", "NC", "TH"):
        open_dossier(cycle, code)
    open_dossier(open_cycle(2024), "KT")
    client = login("hcqt")

    # When the secretariat filters on this year's cycle
    first = client.get(URL, {"cycle": cycle.pk, "status": "draft"})

    # Then the first page holds two of the three, says where it is, and links the next page with the filter kept
    assert first.status_code == 200
    assert len(units_listed(first)) == 2 and "Trang 1/2" in first.content.decode()
    link = next_link(first)
    assert link is not None
    assert parse_qs(urlsplit(link).query) == {"cycle": [str(cycle.pk)], "status": ["draft"], "page": ["2"]}

    # When the reader follows it
    second = client.get(URL + link)

    # Then the third dossier of the cycle is there (not last year's), with no further page
    assert second.status_code == 200 and "Trang 2/2" in second.content.decode()
    assert sorted(units_listed(first) + units_listed(second)) == sorted(
        d.unit.name for d in cycle.dossiers.select_related("unit"))
    assert next_link(second) is None and 'rel="prev"' in second.content.decode()


def test_one_page_of_dossiers_shows_no_page_links(login):
    # Given fewer dossiers than a page holds
    open_dossier(open_cycle(2025), "KT")

    # When the list is read, then it shows the dossier and no page links
    response = login("hcqt").get(URL)
    assert len(units_listed(response)) == 1 and 'class="pagination"' not in response.content.decode()
