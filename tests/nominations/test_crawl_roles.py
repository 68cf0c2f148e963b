"""Every role's pages over a half-finished year: no link refuses its reader, no UI text in the other language
(issue 18, "Done when").

Given a year in progress — a dossier returned and edited (KGVX), a council session voting (NC), a Tờ trình
approved with its minutes and Quyết định issued and waiting at Sở Nội vụ (KT, canbo.kt.02 awarded), the
agency's registration signed, the annual report being written — each demo person, in Vietnamese and then in
English, follows every link reachable from the desk (menu, breadcrumbs, task pages the desk lists, the pages
those link to). Then:

1. no link answers 403 or 404 to the person it is shown to;
2. in Vietnamese, no English word of an untranslated interface (``UI_ENGLISH``) is left in the visible text;
3. in English, no Vietnamese letter (``VIETNAMESE``) is left in the visible text.

What counts as data, and is left out before 2 and 3: every value stored in a text column (or a string
inside a JSON column) of the database — names of people, units, agencies, titles and awards, cycles,
achievements, reasons, file names, document numbers and subjects, catalogue entries — except columns with
choices (a status or a code shown raw would be a bug), Django's own tables (permissions, content types, admin
log, sessions) and viewflow's (task statuses, node names). A text node is data when it is one such value or
when what remains after taking such values out of it has no letter of the other language. Not text: scripts,
styles, SVG, icon ligatures (``material-icons``), the contents of form fields, any element that states its
own language (``lang="…"``, the language switch), what an English sentence quotes in “…” (an example of a
Vietnamese document's wording) and identifiers: document symbols, capitalised abbreviations and keys (01/QĐ-VP,
98/2023/NĐ-CP, CSTĐCS, the admin's "(pk=None)" of a deleted object). Downloads, PDFs, exports and drafts are not
fetched.

One dataset for all roles (built once, a few seconds); each role's crawl is capped (``PAGES``) and visits at
most ``PER_SHAPE`` addresses of one shape (numbers taken out), so it covers every kind of page, not every row.
"""

from __future__ import annotations

import re
from collections import defaultdict, deque
from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.conf import settings
from django.db import models

from accounts.models import User
from nominations import services
from nominations.processes import council as council_processes

from .council_helpers import approved_submission
from .helpers import accepted_dossier, open_cycle
from .report_helpers import open_report
from .test_scope_sent import _issue_all, _returned_and_edited, _signed_agency_registration

pytestmark = pytest.mark.django_db

ROLES = ("hcqt", "truongphong.kt", "chanhvp", "phochanhvp1", "hoidong1", "canbo.kt.02", "sonoivu", "kiemtra",
         "admin")
PAGES = {"vi": 140, "en": 70}
PER_SHAPE = 2

LINK = re.compile(r'href="(/[^"#]*)"')
# Downloads, PDFs, drafts (rendered PDFs), exports and the language/logout forms are not crawled.
SKIP = re.compile(r"^/(static|media|accounts/logout|i18n)/|[?&](xuat|export|format)=|/pdf/|/files/|/tai-ve/"
                  r"|/du-thao/|/export|downloadBPMN|\.(pdf|xlsx|csv|zip|png|svg)$")
ADMIN = re.compile(r"^/admin/")

# Words and phrases of an English interface (case-sensitive, whole words): viewflow's, Django's, ours.
UI_ENGLISH = (
    "Toggle", "Search", "Add", "Delete", "Next", "Previous", "Filter", "Filters", "Process", "Processes", "Task",
    "Tasks", "Assign", "Unassign", "Cancel", "Home", "Dashboard", "Inbox", "Queue", "Archive", "Name", "Status",
    "Created", "Actions", "Action", "Save", "Submit", "Back", "Edit", "Details", "Detail", "Welcome", "Undo",
    "Revive", "Close", "Loading", "Download", "Chart", "Select", "History", "Owner", "Description", "Summary",
    "Today", "Apply", "Reset", "Required", "Error", "Sign", "Approve", "Reject", "Page", "Show", "View",
    "Log out", "Logout", "Profile", "Password", "Change", "Yes", "No", "None", "Unknown", "Started", "Finished",
    "Completed", "Flow", "Applications", "Documentation", "Continue", "Please", "the", "and", "with", "your",
    "you", "this", "are", "was", "has", "have", "not", "from", "of", "by", "items", "found", "selected",
)
ENGLISH = re.compile(r"(?<![\w@./-])(" + "|".join(re.escape(w) for w in UI_ENGLISH) + r")(?![\w@-])")
VIETNAMESE = re.compile("[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]", re.IGNORECASE)

# Not language: what an English sentence quotes (“Chánh Văn phòng”: an example of a Vietnamese document's wording),
# document symbols, abbreviations written in capitals and keys (01/QĐ-VP, 98/2023/NĐ-CP, CSTĐCS, LĐTT, pk=4).
QUOTED = re.compile(r"“[^”]*”")
IDENTIFIER = re.compile(r"\S*[/=]\S*|(?<!\w)[A-ZĐ][A-ZĐ0-9-]+(?!\w)")

NOT_TEXT = {"script", "style", "svg", "noscript", "template", "textarea", "head"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _VisibleText(HTMLParser):
    """The text a reader sees (plus the page title, button values and placeholders), node by node."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[bool] = []  # per open element: is its content skipped?
        self.nodes: list[str] = []
        self.in_title = False

    def _skipped(self) -> bool:
        return bool(self.stack) and self.stack[-1]

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "title":
            self.in_title = True
        if tag == "input" and attrs.get("type") in ("submit", "button") and attrs.get("value"):
            self.nodes.append(attrs["value"])
        if attrs.get("placeholder") and not self._skipped():
            self.nodes.append(attrs["placeholder"])
        if tag in VOID:
            return
        skip = (self._skipped() or tag in NOT_TEXT or ("lang" in attrs and tag != "html")
                or "material-icons" in (attrs.get("class") or ""))
        self.stack.append(skip)

    def handle_endtag(self, tag):
        if tag == "title":
            self.in_title = False
        if tag in VOID:
            return
        if self.stack:
            self.stack.pop()

    def handle_data(self, data):
        text = " ".join(data.split())
        if text and (self.in_title or not self._skipped()):
            self.nodes.append(text)


def visible_text(html: str) -> list[str]:
    parser = _VisibleText()
    parser.feed(html)
    return parser.nodes


class Data:
    """The database's text values (see the module's docstring), to take out of a page's text."""

    def __init__(self):
        values: set[str] = set()
        skipped_apps = {"auth", "contenttypes", "admin", "sessions", "viewflow", "axes", "guardian"}
        for model in apps.get_models():
            if model._meta.app_label in skipped_apps:
                continue
            fields = [f.attname for f in model._meta.concrete_fields
                      if (isinstance(f, (models.CharField, models.TextField, models.JSONField)) and not f.choices
                          and f.attname != "password")]
            if not fields:
                continue
            for row in model._base_manager.values_list(*fields):
                for value in row:
                    self._add(values, value)
        self.values = values
        self.by_word: dict[str, list[str]] = defaultdict(list)
        for value in sorted(values, key=len, reverse=True):
            self.by_word[value.split()[0]].append(value)

    def _add(self, values: set[str], value) -> None:
        if isinstance(value, str):
            for line in value.splitlines():
                part = " ".join(line.split())
                if len(part) >= 2:
                    values.add(part)
        elif isinstance(value, dict):
            for item in value.values():
                self._add(values, item)
        elif isinstance(value, list):
            for item in value:
                self._add(values, item)

    def strip(self, text: str) -> str:
        """The text without the data values it contains (the longest first), quotations and identifiers."""
        if text in self.values:
            return ""
        candidates = {value for word in set(text.split()) for value in self.by_word.get(word, ())}
        for value in sorted(candidates, key=len, reverse=True):
            text = text.replace(value, " ")
        return IDENTIFIER.sub(" ", QUOTED.sub(" ", text))


def _voting_session(unit_code: str = "NC"):
    """The council is voting on one line of the unit: every member has a ballot on the desk."""
    cycle = open_cycle(2025, name=f"Xét khen thưởng {unit_code} năm")
    nominee = User.objects.filter(unit__code=unit_code, unit__agency__code="VP").exclude(
        username__startswith="truongphong").order_by("pk").first()
    accepted_dossier(cycle, unit_code, [(nominee, "LDTT")])
    hcqt = User.objects.get(username="hcqt")
    session = services.session_create(actor=hcqt, cycle=cycle, meeting_date=cycle.council_date)
    return council_processes.session_publish(actor=hcqt, session=session)


@pytest.fixture
def half_finished_year(login, person):
    _returned_and_edited()
    submission = approved_submission("KT", also=[(person("canbo.kt.02"), "LDTT")])
    _issue_all(submission.session)
    _voting_session("NC")
    _signed_agency_registration(person)
    open_report(login("hcqt"), 2023)


def _shape(url: str) -> str:
    path, _, query = url.partition("?")
    keys = sorted(part.split("=")[0] for part in query.split("&") if part)
    return re.sub(r"\d+", "N", path) + ("?" + "&".join(keys) if keys else "")


def crawl(client, username: str, language: str, data: Data) -> tuple[int, list[str], dict[str, set[str]]]:
    """Breadth-first from the site's root: the pages read, the links that refused, the foreign words found
    (word → pages)."""
    check = ENGLISH if language == "vi" else VIETNAMESE
    seen, shapes = {"/"}, defaultdict(int)
    queue, refused, foreign = deque([("/", "")]), [], defaultdict(set)
    visited = read = 0
    while queue and visited < PAGES[language]:
        url, source = queue.popleft()
        visited += 1
        response = client.get(url, follow=True)
        if response.status_code in (403, 404):
            refused.append(f"{url} → {response.status_code} (linked from {source})")
            continue
        final = response.redirect_chain[-1][0] if response.redirect_chain else url
        if "/accounts/login/" in final or "/admin/login/" in final:
            refused.append(f"{url} → login page (linked from {source})")
            continue
        if "html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        read += 1
        for node in visible_text(html):
            if check.search(node):
                for found in check.findall(data.strip(node)):
                    foreign[found if language == "vi" else node[:80]].add(url)
        for found in LINK.findall(html):
            link = found.replace("&amp;", "&")
            if link in seen or SKIP.search(link) or (ADMIN.search(link) and username != "admin"):
                continue
            seen.add(link)
            shape = _shape(link)
            if shapes[shape] >= PER_SHAPE:
                continue
            shapes[shape] += 1
            queue.append((link, url))
    return read, refused, foreign


def _report(foreign: dict[str, set[str]]) -> str:
    return "\n".join(f"  {word!r} on {', '.join(sorted(urls)[:3])}" for word, urls in sorted(foreign.items()))


@pytest.mark.parametrize("language", ["vi", "en"])
def test_every_role_reaches_only_pages_it_may_open_in_its_language(half_finished_year, client, person, language):
    data = Data()
    problems = []
    for username in ROLES:
        client.cookies.clear()
        client.force_login(person(username))
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language

        read, refused, foreign = crawl(client, username, language, data)

        assert read >= 8, f"{username} read only {read} pages: the crawl did not get past the desk"
        if refused:
            problems.append(f"{username}: links that refuse their reader:\n  " + "\n  ".join(refused))
        if foreign:
            other = "English" if language == "vi" else "Vietnamese"
            problems.append(f"{username}: {other} text in the {language} interface:\n{_report(foreign)}")
    assert not problems, "\n".join(problems)
