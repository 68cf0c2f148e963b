"""The people of the year-end peak, for locust (run by ``bench/load.py``, which prepares the database and the plan).

Each locust user is one person of the plan (``LOAD_PLAN``): signed in through the login form, then working with a
think time (``LOAD_THINK`` = "min,max" seconds) between pages. Their tasks are found the way a person finds them,
on the inbox page (``/home/viec-cua-toi/``): the links of the dossier's edit step, the review queue, the ballot.
A write counts as acknowledged only when it is answered with the redirect that follows a saved step; the totals are
printed at the end (``ACK <kind> <n>``) for ``load.py`` to compare with the database.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re
from collections import Counter

from locust import HttpUser, between, events, task

PLAN = json.loads(open(os.environ["LOAD_PLAN"], encoding="utf-8").read())  # noqa: SIM115, PTH123
THINK = [float(x) for x in os.environ.get("LOAD_THINK", "3,10").split(",")]
PEOPLE = itertools.cycle(PLAN["people"])
ACKED: Counter[str] = Counter()
SECURE = {"X-Forwarded-Proto": "https"}  # behind the TLS proxy, as production runs


def tasks(html: str, step: str) -> dict[str, list[str]]:
    """The inbox's rows of ``step``: {"execute": [task pages], "assign": [queued tasks]}, each as its base path."""
    found: dict[str, list[str]] = {"execute": [], "assign": []}
    for action, row in re.findall(r'data-action="(\w+)">(.*?)</tr>', html, re.S):
        match = re.search(rf"(/flows/[a-z-]+/\d+/{step}/\d+/)", row)
        if match and action in found:
            found[action].append(match.group(1))
    return found


class Person(HttpUser):
    wait_time = between(*THINK)

    def on_start(self) -> None:
        self.me = next(PEOPLE)
        self.role = self.me["role"]
        self.cookies: dict[str, str] = {}
        self.done = False
        host = self.host.replace("http:", "https:")
        self.headers = {**SECURE, "Origin": host, "Referer": host + "/"}
        self.get("/accounts/login/", name="/accounts/login/")
        response = self.post("/accounts/login/", {"username": self.me["username"], "password": PLAN["password"]},
                             name="/accounts/login/ [POST]")
        if response.status_code != 302:
            raise RuntimeError(f"{self.me['username']} could not sign in: {response.status_code}")

    # --- HTTP with the cookies kept by hand: the production cookies are Secure, the loopback is plain HTTP ------

    def _keep(self, response) -> None:
        for cookie in response.cookies:
            self.cookies[cookie.name] = cookie.value

    def get(self, path: str, *, name: str):
        response = self.client.get(path, headers=self.headers, cookies=self.cookies, allow_redirects=False, name=name)
        self._keep(response)
        return response

    def post(self, path: str, data: dict, *, name: str, expect_redirect: bool = True):
        data = {**data, "csrfmiddlewaretoken": self.cookies.get("csrftoken", "")}
        with self.client.post(path, data=data, headers=self.headers, cookies=self.cookies, allow_redirects=False,
                              name=name, catch_response=True) as response:
            if expect_redirect and response.status_code != 302:
                response.failure(f"answered {response.status_code}, not the redirect of a saved step")
            else:
                response.success()
        self._keep(response)
        return response

    # --- What everyone reads ------------------------------------------------------------------------------------

    @task(4)
    def home(self) -> None:
        self.get("/home/", name="/home/")

    @task(3)
    def inbox(self) -> None:
        self.get("/home/viec-cua-toi/", name="/home/viec-cua-toi/")

    @task(2)
    def registry_search(self) -> None:
        self.get(f"/records/?q={random.choice(PLAN['names'])}", name="/records/?q=")  # noqa: S311

    @task(2)
    def lists(self) -> None:
        path = random.choice(["/nominations/danh-sach-de-nghi/", "/nominations/cycles/", "/nominations/"])  # noqa: S311
        self.get(path, name=path)

    @task(2)
    def own_work(self) -> None:
        if "dossier" in self.me:
            self.get(f"/nominations/dossiers/{self.me['dossier']}/", name="/nominations/dossiers/<pk>/")
        elif "session" in self.me:
            self.get(f"/nominations/sessions/{self.me['session']}/", name="/nominations/sessions/<pk>/")
        elif PLAN["documents"] and self.me["agency"] == PLAN["documents_agency"]:
            pk = random.choice(PLAN["documents"])  # noqa: S311
            self.get(f"/documents/{pk}/pdf/", name="/documents/<pk>/pdf/")

    # --- What each role writes at the peak -----------------------------------------------------------------------

    @task(3)
    def write(self) -> None:
        if self.done or self.role == "reader":
            return
        inbox = self.get("/home/viec-cua-toi/", name="/home/viec-cua-toi/").text
        if self.role == "head":
            self._submit(inbox)
        elif self.role == "secretariat":
            self._review(inbox)
        elif self.role == "member":
            self._vote(inbox)

    def _submit(self, inbox: str) -> None:
        edit = tasks(inbox, "edit")["execute"]
        if not edit:
            self.done = True
            return
        self.get(edit[0] + "execute/", name="/flows/dossier/<p>/edit/<t>/execute/")
        if self.post(edit[0] + "execute/", {"action": "submit"}, name="/flows/dossier/<p>/edit/<t>/execute/ [submit]"
                     ).status_code == 302:
            ACKED["submitted"] += 1
            self.done = True

    def _review(self, inbox: str) -> None:
        found = tasks(inbox, "review")
        mine = found["execute"]
        if not mine:
            if not found["assign"]:
                return
            self.post(found["assign"][0] + "assign/", {}, name="/flows/dossier/<p>/review/<t>/assign/")
            mine = found["assign"]
        self.get(mine[0] + "execute/", name="/flows/dossier/<p>/review/<t>/execute/")
        accept = {"decision": "accept", "reason": "", "acknowledge": "Đã đối chiếu bản giấy."}
        if self.post(mine[0] + "execute/", accept,
                     name="/flows/dossier/<p>/review/<t>/execute/ [accept]").status_code == 302:
            ACKED["accepted"] += 1

    def _vote(self, inbox: str) -> None:
        found = tasks(inbox, "ballot")
        ballot = found["execute"]
        if not ballot:
            if not found["assign"]:
                self.done = True
                return
            self.post(found["assign"][0] + "assign/", {}, name="/flows/council/<p>/ballot/<t>/assign/")
            ballot = found["assign"]
        page = self.get(ballot[0] + "execute/", name="/flows/council/<p>/ballot/<t>/execute/").text
        items = sorted(set(re.findall(r'name="(item_\d+)"', page)))
        if self.post(ballot[0] + "execute/", dict.fromkeys(items, "yes"),
                     name="/flows/council/<p>/ballot/<t>/execute/ [vote]").status_code == 302:
            ACKED["ballots"] += 1
            self.done = True


@events.quitting.add_listener
def _print_acknowledged(environment, **_kwargs) -> None:
    for kind, number in sorted(ACKED.items()):
        print(f"ACK {kind} {number}", flush=True)  # noqa: T201 - read by load.py
