"""Browser tests: Playwright driving Debian's chromium headless against a live server.

The browser is the system's (`CHROMIUM_PATH`, default /usr/bin/chromium), never one Playwright
downloads. Without it these tests skip with the reason, unless `REQUIRE_BROWSER=1` (set by
.ci/run), where a missing browser is a failure. Screenshots go to test-artifacts/screenshots/.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import threading
from pathlib import Path

import pytest

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage",
]


def _chromium_or_skip() -> str:
    if Path(CHROMIUM).exists() or shutil.which(CHROMIUM):
        return CHROMIUM
    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail(f"REQUIRE_BROWSER=1 but no chromium at {CHROMIUM} (apt-get install chromium)")
    pytest.skip(f"no chromium at {CHROMIUM}: install Debian's chromium to run the browser tests")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the test, so fixtures can tell a failed test at teardown."""
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"report_{report.when}", report)


class OneRequestAtATime:
    """A WSGI app that serves one request at a time, from the call until its response is closed.

    On in-memory SQLite, Django's live server hands every request thread the test's one database
    connection. A browser loads several pages at once (an image, a poll, another tab), and two
    requests inside `atomic` on one connection release each other's savepoints: "no such
    savepoint", then SessionInterrupted. PostgreSQL gives each thread its own connection.
    """

    def __init__(self, app):
        self.app = app
        self.lock = threading.Lock()

    def __call__(self, environ, start_response):
        self.lock.acquire()
        try:
            response = self.app(environ, start_response)
        except BaseException:
            self.lock.release()
            raise
        return _ReleasedOnClose(response, self.lock)


class _ReleasedOnClose:
    def __init__(self, response, lock):
        self.response, self.lock = response, lock

    def __iter__(self):
        return iter(self.response)

    def close(self):
        try:
            if hasattr(self.response, "close"):
                self.response.close()
        finally:
            self.lock.release()


@pytest.fixture(scope="session")
def live_server(django_db_setup, live_server):
    """pytest-django's live server, started once the test database exists (started before it, on
    in-memory SQLite, every request thread would open its own connection to the shared-cache
    database and meet "database table is locked"), serving one request at a time when the
    connection is shared."""
    live_server.turn = contextlib.nullcontext()
    if live_server.thread.connections_override:
        httpd = live_server.thread.httpd
        serving = OneRequestAtATime(httpd.get_app())
        httpd.set_app(serving)
        live_server.turn = serving.lock
    return live_server


@pytest.fixture
def server_turn(live_server):
    """Held by a test that reads the database while pages may still be loading, so that no request
    uses the shared connection meanwhile."""
    return live_server.turn


@pytest.fixture(scope="session")
def chromium_browser():
    executable = _chromium_or_skip()
    # Playwright's sync API runs an event loop in this thread; the ORM calls the tests make around
    # it are ordinary synchronous ones.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium_browser, live_server, seeded_transactional_db, request):
    """A fresh browser context on the live server; a screenshot of the last page is kept."""
    context = chromium_browser.new_context(viewport={"width": 1280, "height": 800}, locale="vi-VN")
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.base_url = live_server.url
    yield page
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()


@pytest.fixture
def sign_in(page, settings):
    """Log in through the real form as a demo person."""
    from django.contrib.auth.hashers import make_password

    from accounts.models import User

    password = "mat-khau-trinh-duyet-2024"

    def as_person(username: str):
        person = User.objects.get(username=username)
        person.password = make_password(password)
        person.save(update_fields=["password"])
        page.goto(f"{page.base_url}/accounts/login/")
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", password)
        page.click("button[type=submit]")
        page.wait_for_url(f"{page.base_url}/home/")
        return page

    return as_person


class People:
    """One signed-in browser context per demo person, opened on first use and kept for the test."""

    def __init__(self, browser, base_url: str, password: str):
        self.browser, self.base_url, self.password = browser, base_url, password
        self.pages: dict = {}

    def __call__(self, username: str):
        if username not in self.pages:
            context = self.browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
            page = context.new_page()
            page.set_default_timeout(15_000)
            page.base_url = self.base_url
            page.goto(f"{self.base_url}/accounts/login/")
            page.get_by_label(re.compile("Tên đăng nhập", re.I)).fill(username)
            page.get_by_label(re.compile("Mật khẩu", re.I)).fill(self.password)
            page.locator("button[type=submit]").click()
            page.wait_for_url(f"{self.base_url}/home/")
            self.pages[username] = page
        page = self.pages[username]
        page.goto(f"{self.base_url}/home/")
        return page

    def release(self, username: str) -> None:
        self.pages.pop(username).context.close()

    def close(self):
        for page in self.pages.values():
            page.context.close()


@pytest.fixture
def people(chromium_browser, live_server, catalogue_transactional_db, request):
    """Every demo person signs in with the same test password through the real form; when the test
    fails, each open page is kept as test-artifacts/screenshots/failed-<test>-<login>.png."""
    from django.contrib.auth.hashers import make_password

    from accounts.models import User

    password = "mat-khau-trinh-duyet-2024"
    # One UPDATE with one hash: saving each of the ~100 people ran its signals and a history row per person
    # (password is not in the history), ~100 commits on the live server's autocommit connection.
    User.objects.filter(is_active=True).update(password=make_password(password))
    crowd = People(chromium_browser, live_server.url, password)
    yield crowd
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        for username, page in crowd.pages.items():
            page.screenshot(path=str(ARTIFACTS / f"failed-{request.node.name}-{username}.png"), full_page=True)
    crowd.close()


def open_my_task(page, title: str):
    """From the desk: the person's own task (its link), or one their queue may take ("Nhận và mở" on its row,
    or the claim page)."""
    tasks = page.locator("#tasks")
    link = tasks.get_by_role("link", name=title)
    if link.count():
        link.first.click()
        take_task(page)
    else:
        tasks.locator("tr", has_text=title).first.get_by_role("button", name="Nhận và mở").click()
        page.wait_for_url(re.compile(r"/execute/$"))
    return page


def take_task(page) -> None:
    """viewflow's assign page when the task waits in a queue, then the task's own page."""
    page.wait_for_url(re.compile(r"/(assign|execute)/$"))
    if page.url.endswith("/assign/"):
        page.get_by_role("button", name="Nhận việc và tiếp tục").click()
        page.wait_for_url(re.compile(r"/execute/$"))


# --- axe-core (issue 18): no serious or critical accessibility violation on a page we visit -------------

AXE_IMPACTS_FAILING = ("serious", "critical")
# Exact (rule, selector) pairs left out, each because the markup is viewflow's own bundled template or
# script that our templates cannot reach. Never a whole rule.
AXE_EXCLUDED: dict[tuple[str, str], str] = {}


def axe_violations(page) -> list[dict]:
    """The serious and critical violations axe-core (bundled by axe-playwright-python) finds on the page,
    one dict per rule with the nodes that are not excluded."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"resultTypes": ["violations"]})
    found = []
    for violation in results.response["violations"]:
        if violation.get("impact") not in AXE_IMPACTS_FAILING:
            continue
        nodes = [node for node in violation["nodes"]
                 if (violation["id"], " ".join(map(str, node["target"]))) not in AXE_EXCLUDED]
        if nodes:
            found.append({**violation, "nodes": nodes})
    return found


def axe_report(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"[{violation['impact']}] {violation['id']}: {violation['help']} ({violation['helpUrl']})")
        for node in violation["nodes"]:
            target = " ".join(map(str, node["target"]))
            lines.append(f"    {target}: {node.get('html', '')[:160]}")
            lines.extend(f"      {line}" for line in node.get("failureSummary", "").splitlines())
    return "\n".join(lines)


def assert_accessible(page, name: str) -> None:
    """Fail when axe-core reports a serious or critical violation on the page, naming each rule, the
    elements (CSS targets) and axe's help. With ``AXE_REPORT_ONLY=1`` every page's violations are appended to
    test-artifacts/axe-violations.txt instead, so that one run lists them all."""
    page.wait_for_load_state("load")
    violations = axe_violations(page)
    if violations and os.environ.get("AXE_REPORT_ONLY") == "1":
        ARTIFACTS.parent.mkdir(parents=True, exist_ok=True)
        with (ARTIFACTS.parent / "axe-violations.txt").open("a", encoding="utf-8") as out:
            out.write(f"== {name} ({page.url})\n{axe_report(violations)}\n")
        return
    assert not violations, f"axe-core on {name} ({page.url}):\n{axe_report(violations)}"
