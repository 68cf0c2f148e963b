"""No page links its reader to a page they cannot open (issue 15, finding 4), crawled as Sở Nội vụ and as the
auditor over a half-finished year: a returned-and-edited dossier, a Tờ trình at Sở Nội vụ with its minutes and
Quyết định issued, the agency's registration signed and sent."""

from __future__ import annotations

import re
from collections import deque

import pytest

from .council_helpers import approved_submission
from .test_scope_sent import _issue_all, _returned_and_edited, _signed_agency_registration

pytestmark = pytest.mark.django_db

LINK = re.compile(r'href="(/[^"#]*)"')
SKIP = re.compile(r"^/(static|admin|accounts/logout|i18n)/|[?&]xuat=|/pdf/$|/files/|/tai-ve/|/export")


def _crawl(client, limit: int = 250) -> list[str]:
    """Breadth-first from the home page over the site's own pages; the links that answered 404, with their page."""
    seen, queue, dead = {"/"}, deque([("/", "")]), []
    while queue and len(seen) <= limit:
        url, source = queue.popleft()
        response = client.get(url, follow=True)
        if response.status_code == 404:
            dead.append(f"{url} (linked from {source})")
            continue
        if "html" not in response.get("Content-Type", ""):
            continue
        for found in LINK.findall(response.content.decode()):
            link = found.replace("&amp;", "&")
            if link not in seen and not SKIP.search(link):
                seen.add(link)
                queue.append((link, url))
    return dead


@pytest.mark.parametrize("reader", ["sonoivu", "kiemtra"])
def test_outside_readers_find_no_dead_link_in_a_half_finished_year(login, person, reader):
    _returned_and_edited()
    kt_person = person("canbo.kt.05")
    submission = approved_submission("KT", also=[(kt_person, "LDTT")])
    _issue_all(submission.session)
    _signed_agency_registration(person)

    dead = _crawl(login(reader))

    assert not dead, f"{reader} is linked to pages that answer 404:\n" + "\n".join(dead)
