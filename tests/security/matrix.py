"""The expected access-control table: what each role gets from every URL of the project.

HOW TO ADD A URL (one line in ``TABLE`` below)::

    "<namespace>:<url name>": row(get=<who may GET>, post=<who may POST>),

``who`` is built from per-role defaults: ``everyone("ok")`` (every signed-in role gets it, anonymous
is sent to the login page), ``only("secretariat", "chief")`` (those roles get "ok", every other
signed-in role the refusal, 404 by default, ``refused="403"`` for a page forbidden as a whole),
``nobody("405")`` (e.g. POST on a read-only page), and ``.but(role="403")`` to change one role;
``refused_first=True`` when the roles refused with 403 are refused before the object is looked up (a
missing one too), ``other=("home_affairs",)`` for an object Sở Nội vụ sees in every agency of its province.
If the URL takes the primary key of a new kind of object, also add its name to
``tests/security/sweep.py::OBJECT_OF`` (and the object to ``dataset.py``). A key may be a glob
(``"dossier:*:detail"``): the first exact name wins, then the first matching glob.

Answers ("tokens"): "ok" (200, or a redirect that is not to a login page), "login" (redirect to
a login page), "403", "404", "405", "400". A 500 is never expected.

Roles (``dataset.USERS`` names the person): anonymous, staff (of unit A), unit_head_a,
unit_head_b, secretariat, council_member, chief, deputy_chief, home_affairs, auditor,
administrator. Objects: "a" (owned by unit A, Phòng Kinh tế of the demo Office), "b" (unit B,
Phòng Nội chính), "other" (another agency), "missing" (no such row). The table states the answer
for object "a"; for "b" unit heads A and B swap places, and staff of A gets the missing answer;
for "other" every role gets the missing answer but those named in ``other=`` (Sở Nội vụ, which serves
every agency of the province), who get their answer for "a"; "missing" gives ``missing`` (404 unless
stated) to every signed-in role. Where a role may not see an object its
answer must be *identical* to the missing one: a forbidden object looks missing.

A kind may have further objects in the dataset under keys of their own (the dossiers sent to Sở Nội vụ:
"sent_a", "sent_other", see ``SENT_READERS``); the row states each one's answers in ``more=`` as a row of
its own, read as that row's object "a". An object the row does not state fails the sweep.
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass, field

ROLES = ("anonymous", "staff", "unit_head_a", "unit_head_b", "secretariat", "council_member", "chief",
         "deputy_chief", "home_affairs", "auditor", "administrator")
SIGNED_IN = ROLES[1:]
VP_LEADS = ("secretariat", "chief", "deputy_chief")
# Everyone who works over the whole Office: the council, its leaders, the auditor.
VP_WIDE = ("unit_head_a", "unit_head_b", "secretariat", "council_member", "chief", "deputy_chief", "auditor")
# The annual report being written: the agency's leads and auditor, its unit heads (Sở Nội vụ once it is sent:
# tests/nominations/test_report_access.py). The dashboard: those and Sở Nội vụ (its province's Tờ trình).
REPORT_VIEWERS = ("unit_head_a", "unit_head_b", *VP_LEADS, "auditor")
DASHBOARD_VIEWERS = (*REPORT_VIEWERS, "home_affairs")
# Sở Nội vụ reads the dossier behind a Tờ trình it received, and so the dossier's process
# (nominations.selectors.dossiers, nominations.process_kinds; Luật TĐKT 2022, Điều 84). The dataset keeps two
# such dossiers beside A's, B's and the other agency's: "sent_a", unit A's, released, behind the Office's Tờ
# trình (the Office reads it as it reads A's), and "sent_other", the other agency's; their readers get the
# answer a row states for object "a", everyone else the missing one. Of their files Sở Nội vụ gets the dossier's
# own and the sent line's, never another line's (the attachment "sent_a_other_line").
SENT_READERS = {"sent_a": (*VP_WIDE, "home_affairs"), "sent_other": ("home_affairs",)}
SENT_FLOWS = ("dossier",)  # the flows whose processes carry them (dataset flows["dossier"]["sent_*"])


@dataclass(frozen=True)
class Who:
    answers: dict[str, str]

    def but(self, **answers: str) -> Who:
        return Who({**self.answers, **answers})

    def __getitem__(self, role: str) -> str:
        return self.answers[role]


def everyone(answer: str = "ok", anonymous: str = "login") -> Who:
    return Who({"anonymous": anonymous, **{role: answer for role in SIGNED_IN}})


def only(*roles: str, answer: str = "ok", refused: str = "404", anonymous: str = "login") -> Who:
    return Who({"anonymous": anonymous, **{role: answer if role in roles else refused for role in SIGNED_IN}})


def nobody(refused: str = "403", anonymous: str = "login") -> Who:
    return only(refused=refused, anonymous=anonymous)


@dataclass(frozen=True)
class Row:
    get: Who
    post: Who
    other: tuple[str, ...] = ()  # roles that get the other agency's object as they get A's
    missing: dict[str, str] = field(default_factory=dict)  # method -> answer for a missing object
    auditor_may_post: bool = False
    missing_like_a: bool = False  # the URL refuses before looking the object up (the admin)
    refused_first: bool = False  # roles refused with 403 are refused before the lookup, a missing object too
    # Further objects of the URL's kind that the dataset keeps under keys of their own ("sent_a": unit A's dossier
    # behind a Tờ trình at Sở Nội vụ…): each answered as that row's object "a".
    more: dict[str, Row] = field(default_factory=dict)

    def expected(self, role: str, key: str, method: str) -> str | None:
        """The answer, or None where it must equal the missing object's answer."""
        if key in self.more:
            return self.more[key].expected(role, "a", method)
        return self._expected(role, key, method)

    def _expected(self, role: str, key: str, method: str) -> str | None:
        who = self.get if method == "GET" else self.post
        if method == "POST" and role == "auditor" and not self.auditor_may_post:
            return "403"  # auditors are read-only (workflow.audit.middleware)
        if role == "anonymous" or key == "a":
            return who[role]
        if key == "missing":
            if self.missing_like_a or (self.refused_first and who[role] == "403"):
                return who[role]
            return self.missing.get(method, "404")
        if key == "b":
            swapped = {"unit_head_a": "unit_head_b", "unit_head_b": "unit_head_a"}.get(role, role)
            answer = None if role == "staff" else who[swapped]
            return None if answer == self.missing.get(method, "404") else answer
        return who[role] if role in self.other else None


def row(get: Who, post: Who | None = None, other: tuple[str, ...] = (), *, auditor_may_post: bool = False,
        refused_first: bool = False, more: dict[str, Row] | None = None, **missing: str) -> Row:
    return Row(get=get, post=post if post is not None else get, other=other,
               missing={k.upper(): v for k, v in missing.items()}, auditor_may_post=auditor_may_post,
               refused_first=refused_first, more=more or {})


def sent(make) -> dict[str, Row]:
    """``more=`` of a URL that takes a dossier sent to Sở Nội vụ, its file or its process: ``make(readers)`` is
    the row of one, read by ``readers`` (SENT_READERS)."""
    return {key: make(readers) for key, readers in SENT_READERS.items()}


READ_ONLY_PAGE = row(get=everyone(), post=everyone("405"))
PUBLIC_PAGE = row(get=everyone(anonymous="ok"), post=everyone("405", anonymous="405"))


def admin(administrator: str) -> Row:
    """An admin URL: everyone but the administrator is sent to the admin's login before anything is read."""
    return Row(get=everyone("login").but(administrator=administrator),
               post=everyone("login").but(administrator=administrator), missing_like_a=True, auditor_may_post=True)


# What the administrators' group manages in the admin (design §1: people, units, roles, the catalogue, rule
# parameters and registries, the calendar; accounts.services.ADMINISTRATOR_MODEL_PERMS,
# nominations.apps.ADMINISTERED_MODELS, workflow.deadlines.signals): add, change and view, never delete (the
# calendar's days may be deleted). Every other model of the admin — processes and tasks, issued documents,
# notifications, delegations, numbering counters, login attempts, groups — is a 403 to them (its list), and
# every page of one of its objects a 404, existing or not: IT staff never read a dossier, a document or a mail
# through the admin, nor learn which exist. The sweep asks an object's URLs with a missing key.
ADMINISTERED = ("accounts_*", "auth_user_*", "nominations_*", "workflow_calendarday_*",
                # The signing certificates of people and agencies (issue 19: registered and revoked by IT staff)
                "workflow_signingcertificate_*",
                # Webhooks (issue 22): IT staff subscribe API clients and watch the deliveries (ids only, no
                # content of a dossier or document); a delivery is never added by hand.
                "workflow_webhooksubscription_*", "workflow_webhookdelivery_*")
UNREADABLE_IN_ADMIN = ("auth_group", "viewflow_*", "axes_*", "workflow_delegation", "workflow_taskdelegation",
                       "workflow_documentcounter", "workflow_issueddocument", "workflow_notification",
                       "workflow_notificationpreference", "workflow_documentsignature")
# viewflow flows. PROCESS_VIEWERS: who may see object A's process (the middleware answers 404 to
# everyone else, exactly as for a missing one); among them viewflow then refuses what the role may
# not do with 403. PAGE_VIEWERS: who gets the flow's dashboard, lists and chart (others 403).
PROCESS_VIEWERS = {
    "dossier": ("unit_head_a", "unit_head_b", "secretariat", "council_member", "chief", "deputy_chief", "auditor"),
    "council": ("unit_head_a", "unit_head_b", "secretariat", "council_member", "chief", "deputy_chief", "auditor"),
    "pledge": ("staff", "unit_head_a", "secretariat", "chief", "deputy_chief", "auditor"),
    # Sở Nội vụ sees an agency's registration and report once signed and sent; the dataset's are still open.
    "agencypledge": (*VP_LEADS, "auditor"),
    # A Tờ trình (nominations.selectors.council.submissions_for_user): the agency's council and leads, and Sở
    # Nội vụ, which sees every agency's of its province (OTHER_AGENCY_VIEWERS).
    "homeaffairs": (*VP_WIDE, "home_affairs"),
    # Whoever may see the report (nominations.selectors.report.reports_for_user): the agency-wide roles,
    # the heads of its units.
    "annualreport": REPORT_VIEWERS,
}
OTHER_AGENCY_VIEWERS = {"homeaffairs": ("home_affairs",)}
PAGE_VIEWERS = {
    "dossier": (), "council": (), "homeaffairs": (),
    "pledge": SIGNED_IN, "agencypledge": SIGNED_IN, "annualreport": SIGNED_IN,
}
FLOW_VIEWERS = PROCESS_VIEWERS


def flow(namespace: str, answer: str = "403", **per_role: str) -> Row:
    """A process or task URL: viewers get ``answer`` (viewflow's), everyone else the missing 404. The dossiers
    sent to Sở Nội vụ: their readers get the same (Sở Nội vụ may see the process, not act in it)."""
    return row(get=only(*PROCESS_VIEWERS[namespace], answer=answer).but(**per_role),
               other=OTHER_AGENCY_VIEWERS.get(namespace, ()),
               more=sent(lambda readers: row(get=only(*readers, answer=answer).but(**{
                   role: value for role, value in per_role.items() if role in readers})))
               if namespace in SENT_FLOWS else None)


def get_and_post(get: Row, post: Row) -> Row:
    """GET answered as row ``get`` states, POST as row ``post`` does (their further objects too)."""
    return Row(get=get.get, post=post.post, other=get.other,
               more={key: get_and_post(get.more[key], post.more[key]) for key in get.more})


def flow_page(namespace: str, answer: str = "ok", **per_role: str) -> Row:
    return row(get=only(*PAGE_VIEWERS[namespace], answer=answer, refused="403").but(**per_role))


TABLE: dict[str, Row] = {
    # --- accounts (viewflow's AuthViewset), language, the site's root ----------------------------------
    "login": row(get=everyone(anonymous="ok")),
    "logout": row(get=everyone("405"), post=everyone("login"),
                  auditor_may_post=True),
    "password_change": row(get=everyone()),
    "password_change_done": READ_ONLY_PAGE,
    "password_reset": row(get=everyone(anonymous="ok")),
    "password_reset_done": PUBLIC_PAGE,
    "password_reset_confirm": row(get=everyone(anonymous="ok")),
    "password_reset_complete": PUBLIC_PAGE,
    "set_language": row(get=everyone(), auditor_may_post=True),
    "index": row(get=everyone()),
    # --- the desk (workflow.site) ------------------------------------------------------------------
    "home:index": READ_ONLY_PAGE,
    "home:inbox": READ_ONLY_PAGE,  # only the reader's own tasks
    "home:delegations": row(get=everyone(), post=everyone("400")),
    "home:notification_settings": row(get=everyone(), post=everyone("400")),
    "home:delegation_revoke": row(get=everyone("405"), post=only("unit_head_a", "secretariat"), GET="405"),
    "home:task_reassign": row(get=only("secretariat"), post=only("secretariat", answer="400")),
    # Object "process" is a draft dossier's: its unit and the agency's leads.
    "home:process_diagram": row(get=only("unit_head_a", *VP_LEADS, "auditor"),
                                post=only("unit_head_a", *VP_LEADS, "auditor", answer="405"),
                                more=sent(lambda readers: row(get=only(*readers), post=only(*readers, answer="405")))),
    # --- pledges (nominations.site) ------------------------------------------------------------------
    "pledges:index": row(get=everyone(), post=everyone()),
    "pledges:movements": READ_ONLY_PAGE,
    # Staff of unit A see their unit's registration: each member confirms their own line.
    "pledges:detail": row(get=only("staff", "unit_head_a", "secretariat", "chief", "deputy_chief", "auditor")),
    "pledges:pdf": row(get=only("staff", "unit_head_a", "secretariat", "chief", "deputy_chief", "auditor"),
                       post=everyone("405"), POST="405"),
    # Object "agency_pledge" is still open: Sở Nội vụ reads it once signed (tests/nominations/test_pledges.py).
    "pledges:agency": row(get=only(*VP_LEADS, "auditor"), post=everyone("405"), POST="405"),
    "pledges:bloc": row(get=everyone("404")),
    # A bloc's year and a member's self-assessment (issue 21): the dataset's blocs are those of its agencies (none
    # of the demo's VP, B and other agency: 404 to all); who sees and acts is tested in tests/nominations/test_blocs.py.
    "pledges:bloc_year": row(get=everyone("404")),
    "pledges:bloc_assessment": row(get=everyone("404")),
    # --- nominations ---------------------------------------------------------------------------------
    "nominations:index": READ_ONLY_PAGE,
    "nominations:results": READ_ONLY_PAGE,  # one's own awards and those of the units one heads
    "nominations:lines": READ_ONLY_PAGE,  # the nominees in the reader's scope (lines_for_user)
    "nominations:cycles": row(get=everyone(), post=everyone("400")),
    # Editing, closing, reopening a cycle: its agency's secretariat only (the sweep's empty POST is a 400).
    "nominations:cycle": row(get=only("secretariat"), post=only("secretariat", answer="400")),
    # Công khai (issue 21): the leads and the auditor read the posted list and its opinions at any time (an empty
    # opinion: 400); the agency's staff only during the window, which the dataset's cycles do not have: 404 as missing
    # (tests/nominations/test_postings.py reads it inside a window).
    # Sáng kiến (issue 21; tests/nominations/test_initiatives.py). The list is everyone's (their own and what they
    # read); a đơn is drafted by any staff member of an agency (not the auditor, read-only; not the administrator, of
    # no agency). Object "initiative" is a submitted đơn of its unit's staff member (A's is the sweep's "staff"): its
    # author, the agency's leads and auditor read it (the Hội đồng sáng kiến too; the dataset's has no member, and
    # the Hội đồng Thi đua – Khen thưởng's members are not on it); the empty POST has no action: 400.
    "nominations:initiatives": READ_ONLY_PAGE,
    "nominations:initiative_new": row(get=everyone().but(auditor="404", administrator="404"),
                                      post=everyone("400").but(auditor="403", administrator="404")),
    "nominations:initiative": row(get=only("staff", *VP_LEADS, "auditor"),
                                  post=only("staff", *VP_LEADS, "auditor", answer="400").but(auditor="403")),
    "nominations:initiative_council": row(get=only(*VP_LEADS, "auditor"),
                                          post=only(*VP_LEADS, "auditor", answer="400").but(auditor="403")),
    "nominations:posting": row(get=only(*VP_LEADS, "auditor"), post=only(*VP_LEADS, answer="400")),
    # Its public page (no login): only a cycle posted to the public, during its window; the dataset's cycles are
    # not, so everyone, signed in or not, gets the missing answer (test_postings.py reads one in its window). It
    # takes nothing: POST is 405 (the auditor's, as every POST of theirs, 403).
    "public_posting": row(get=everyone("404", anonymous="404"), post=everyone("405", anonymous="405"), POST="405"),
    # Hiệp y (issue 21): the leads and the auditor read the requests for opinions and the answers; only the
    # secretariat records them (the sweep's empty POST is a 400; tests/nominations/test_consultations.py).
    "nominations:consultations": row(get=only(*VP_LEADS, "auditor"), post=only("secretariat", answer="400")),
    # Cống hiến, niên hạn (issue 21; tests/nominations/test_service_awards.py): the suggestions of the dataset's niên
    # hạn cycle, read by the leads, the auditor and the unit heads (their units' candidates); a unit head confirms
    # (the sweep's empty POST: 400, as the leads', who head no unit: nothing to confirm). The other agency's cycle
    # is an annual review: missing for everyone.
    "nominations:service_candidates": row(get=only(*VP_LEADS, "auditor", "unit_head_a", "unit_head_b"),
                                          post=only(*VP_LEADS, "unit_head_a", "unit_head_b", answer="400")),
    # Council members (every unit head of the demo sits on the council) see the agency's dossiers once
    # submitted (object "dossier" is accepted); a draft's files are the unit's work in progress, for its head alone
    # (object "attachment" sits on a draft; issue 15: outside the unit a dossier is read as last sent). Sở Nội vụ
    # reads a dossier sent to it and the files of it that were sent (SENT_READERS), not the file of a line the
    # agency decided itself.
    # "returned_a": unit A's dossier returned, then edited and not sent again (issue 15): the council and the
    # leads read it as sent — its sent file ("returned_a_sent"), never the file added since ("returned_a_unsent").
    # POST withdraws an accepted line (the secretariat's, issue 16); the sweep's empty POST names no line: 404.
    "nominations:dossier": row(get=only(*VP_WIDE),
                               post=everyone("404"), POST="404",
                               more={**sent(lambda readers: row(get=only(*readers), post=everyone("404"))),
                                     "returned_a": row(get=only(*VP_WIDE), post=everyone("404"))}),
    "nominations:attachment": row(get=only("unit_head_a"),
                                  post=everyone("405"), POST="405",
                                  more={**sent(lambda readers: row(get=only(*readers), post=everyone("405"))),
                                        "sent_a_other_line": row(get=only(*VP_WIDE), post=everyone("405")),
                                        "returned_a_sent": row(get=only(*VP_WIDE), post=everyone("405")),
                                        "returned_a_unsent": row(get=only("unit_head_a"), post=everyone("405"))}),
    "nominations:sessions": row(get=everyone(), post=everyone("404")),  # the sweep posts no cycle
    # the drafts the chief's approval will sign: only while the minutes are finalised (session A is voting:
    # none yet), for the drafting roles; tests/nominations/test_sign_preview.py covers the finalised one
    "nominations:session_preview": row(get=everyone("404"), post=everyone("405"), POST="405"),
    "nominations:session": row(get=only(*VP_WIDE), post=only(*VP_WIDE)),
    "nominations:dashboard": row(get=only(*DASHBOARD_VIEWERS), post=everyone("405"), POST="405"),
    # Annul or correct an issued, registered in-house Quyết định: its decider only (the chief, or a deputy
    # signing KT.), 404 alike for everyone else. Object A is a draft, not such a decision: missing for everyone
    # (the decider's page, its refusals and that nothing is written: tests/nominations/test_annulment.py).
    "nominations:amend": row(get=everyone("404"), post=everyone("404")),
    # Certificates of an issued in-house Quyết định (its agency's secretariat, chief, deputies and auditor; only the
    # secretariat saves the layout). Object A is a draft, not an issued decision: missing for everyone (the
    # printers, the refusals and the calibration page: tests/nominations/test_certificates.py).
    "nominations:certificates": row(get=everyone("404"), post=everyone("404")),
    "nominations:certificates_preview": row(get=everyone("404"), post=everyone("405"), POST="405"),
    "nominations:certificates_pdf": row(get=everyone("404"), post=everyone("405"), POST="405"),
    "nominations:certificates_calibration": row(get=everyone("404"), post=everyone("405"), POST="405"),
    # An issued, registered Quyết định's payout list (screen, PDF, Excel): who works over its agency as a whole
    # (its leads and auditor). Object A is a draft, not such a decision: missing for everyone (the readers and
    # the refused: tests/nominations/test_reward_money.py). Read only.
    "nominations:payouts": row(get=everyone("404"), post=everyone("405"), POST="405"),
    "nominations:payouts_pdf": row(get=everyone("404"), post=everyone("405"), POST="405"),
    "nominations:payouts_xlsx": row(get=everyone("404"), post=everyone("405"), POST="405"),
    # The fund's ledger of the agency one works over as a whole (leads, auditor); POST records the year's
    # appropriation, the secretariat's alone (the service refuses the others); the sweep's empty POST is a 400
    # to the leads, refused to the auditor, not found to the rest.
    "nominations:fund": row(get=only(*VP_LEADS, "auditor"), post=only(*VP_LEADS, answer="400").but(auditor="403")),
    # --- annual reports (nominations.site.ReportsApplication) -----------------------------------------
    # The sweep posts no agency: not found for everyone (opening a report: tests/nominations/test_report_*).
    "reports:index": row(get=everyone(), post=everyone("404")),
    # POST: the secretariat records the documents the report cites (action "reference_add"/"reference_remove");
    # an empty POST is a 404 to everyone, as a missing report.
    "reports:detail": row(get=only(*REPORT_VIEWERS), post=everyone("404")),
    "reports:section": row(get=only("unit_head_a", *VP_LEADS, "auditor"), post=everyone("405"), POST="405"),
    # The Ministry of Home Affairs' statistics forms of the agency one works over as a whole (its leads and auditor);
    # read only, downloads by GET (tests/nominations/test_statistics_forms.py).
    "reports:statistics": row(get=only(*VP_LEADS, "auditor"), post=everyone("405"), POST="405"),
    # Tra cứu khen thưởng (nominations.selectors.records.registry_scope): the Office's leads, council and auditor, a
    # unit head (their unit and its people; the demo's unit heads sit on the council, so the Office), Sở Nội vụ (every
    # agency of its province); read only.
    "records:index": row(get=only(*VP_WIDE, "home_affairs"), post=everyone("405"), POST="405"),
    "records:person": row(get=only(*VP_WIDE, "home_affairs"),
                          post=everyone("405"), other=("home_affairs",), POST="405"),
    "records:unit": row(get=only(*VP_WIDE, "home_affairs"),
                        post=everyone("405"), other=("home_affairs",), POST="405"),
    # --- background jobs: the owner only (object A is unit head A's people export) -------------------------
    "home:jobs": READ_ONLY_PAGE,
    "home:job": row(get=only("unit_head_a"), post=everyone("405"), POST="405"),
    "home:job_status": row(get=only("unit_head_a"), post=everyone("405"), POST="405"),
    "home:job_download": row(get=only("unit_head_a"), post=everyone("405"), POST="405"),
    # The sweep posts no file: the administrator's form is refused (400).
    "home:people_import": row(get=only("administrator", refused="403"),
                              post=only("administrator", answer="400", refused="403")),
    # The administrator exports everybody, anyone else the units they manage: not staff, nor a council member
    # as such, nor Sở Nội vụ (another agency).
    "home:people_export": row(get=everyone("405"),
                              post=everyone("ok").but(staff="403", council_member="403", home_affairs="403")),
    "audit:export_job": row(get=only("auditor", answer="405", refused="403"), post=only("auditor", refused="403"),
                            auditor_may_post=True, POST="405"),
    # --- documents -----------------------------------------------------------------------------------
    "documents:index": READ_ONLY_PAGE,
    "documents:detail": row(get=only(*VP_LEADS, "auditor"), post=everyone("405"), POST="405"),
    "documents:download": row(get=everyone("404"), post=everyone("405"), POST="405"),
    # The issued document as an edXML package (QCVN 102:2016/BTTTT): whoever reads the PDF; the dataset's documents are
    # drafts, so missing to everyone here (tests/workflow/test_edxml.py reads an issued one, and 404 to others).
    "documents:edxml_download": row(get=everyone("404"), post=everyone("405"), POST="405"),
    # The DỰ THẢO is rendered for those who draft and sign; the auditor reads the document's page and data
    # (tests/workflow/test_documents_views.py).
    "documents:draft": row(get=only(*VP_LEADS), post=everyone("405"), POST="405"),
    # Whoever sees the document is sent back to it; the service signs or retries only for the chief's
    # office and says why not to anyone else (tests/workflow/test_documents_views.py).
    "documents:sign": row(get=everyone("405"), post=only(*VP_LEADS, refused="404"), GET="405"),
    "documents:retry": row(get=everyone("405"), post=only(*VP_LEADS, refused="404"), GET="405"),
    # --- eligibility, audit --------------------------------------------------------------------------
    "eligibility:index": READ_ONLY_PAGE,
    "eligibility:import": row(get=only("secretariat", refused="403")),
    "audit:index": row(get=only("auditor", refused="403")),
    "audit:export": row(get=only("auditor", refused="403")),
    "audit:timeline": row(get=only("auditor", refused="403"), refused_first=True),
    # --- admin: administrators only; everyone else is sent to the admin's login ------------------------
    "admin:login": row(get=everyone(anonymous="ok").but(administrator="ok")),
    # A non-administrator is sent to the admin's index; the administrator signs out by POST only.
    "admin:logout": row(get=everyone("ok").but(administrator="405"), post=everyone("ok"), auditor_may_post=True),
    "admin:index": admin("ok"),
    "admin:jsi18n": admin("ok"),
    "admin:password_change": admin("ok"),
    "admin:password_change_done": admin("ok"),
    "admin:autocomplete": admin("403"),  # asked without its parameters
    "admin:app_list": admin("404"),  # asked for "auth" (groups only), an app the administrator has nothing of
    "admin:view_on_site": admin("404"),
    "admin:<(?P<url>.*)$>": admin("404"),  # the admin's catch-all: an unknown admin address
    "admin:<<path:object_id>/>": admin("ok"),  # a model's old-style address: sent on to the change page
    "admin:auth_user_password_change": admin("404"),
    # Every page of one object of a model the administrator may not read (change, delete, history, one version)
    # is a 404, existing or not (workflow.admin_site; an existing one: test_the_admin_answers_an_existing_object_
    # it_may_not_read_as_a_missing_one). A missing object's history of a model they manage: simple-history's 404.
    **{f"admin:{models}_{page}": admin("404") for models in UNREADABLE_IN_ADMIN
       for page in ("change", "delete", "history", "simple_history")},
    "admin:*_history": admin("404"),
    "admin:workflow_calendarday_delete": admin("ok"),
    "admin:workflow_webhookdelivery_add": admin("403"),
    "admin:*_delete": admin("403"),
    **{f"admin:{models}": admin("ok") for models in ADMINISTERED},
    "admin:*": admin("403"),
}

# A process's pages and its chart are open to read for everyone who may see the process (the chart:
# workflow.diagrams.ProcessChartView; the process pages of pledges and reports: viewflow's view permission).
def _read(namespace: str) -> Row:
    viewers = PROCESS_VIEWERS[namespace]
    return row(get=only(*viewers), post=only(*viewers, answer="405"), other=OTHER_AGENCY_VIEWERS.get(namespace, ()),
               more=sent(lambda readers: row(get=only(*readers), post=only(*readers, answer="405")))
               if namespace in SENT_FLOWS else None)


TABLE.update({
    "pledge:*:assign": flow("pledge", unit_head_a="ok"),
    # The secretariat owns the dossier's review and takes the agency registration's compile step.
    "dossier:review:unassign": get_and_post(flow("dossier", secretariat="ok"), flow("dossier")),
    "agencypledge:compile:assign": flow("agencypledge", secretariat="ok"),
    "homeaffairs:review:assign": flow("homeaffairs", home_affairs="ok"),  # Sở Nội vụ takes the review
    **{f"{ns}:{name}": _read(ns) for ns in ("pledge", "agencypledge", "annualreport")
       for name in ("*:detail", "process_detail", "process_chart")},
    **{f"{ns}:process_chart": _read(ns) for ns in ("dossier", "council", "homeaffairs")},
    **{f"{ns}:process_list": flow_page(ns) for ns in ("dossier", "council", "homeaffairs")},
    **{f"{ns}:{name}": row(get=everyone(), post=everyone("405")) for ns in ("pledge", "agencypledge", "annualreport")
       for name in ("index", "process_list", "task_list", "chart", "inbox", "queue", "archive")},
})

# viewflow: the flow pages (dashboard, lists, charts) and every process / task URL family. Task
# "index" redirects to the task's page: "ok" for every viewer of the process.
for _ns in PROCESS_VIEWERS:
    TABLE.update({
        f"{_ns}:*:index": flow(_ns, "ok"),
        f"{_ns}:*:*": flow(_ns),
        f"{_ns}:process_*": flow(_ns),
        f"{_ns}:*": flow_page(_ns),
    })


# The REST API (issue 22, nominations/api): called with a token, never a session. The sweep asks every "api:" route
# but the docs page (TOKEN_PAGES excludes it) as a token client whose service account is the role's person
# (test_access_matrix.api_client): a client's scope is its roles, exactly like a person's. Anonymous: 401, a problem.
# Lists answer 200 to everyone (empty outside their scope); a detail 404 to whoever may not read the object, as for
# a missing one. Read-only: a POST is 405 (auditors: 403, refused first, as on the site).
TOKEN_ROUTES = "api:*"
TOKEN_PAGES = ("api:docs",)


def api_read(*readers: str, kind_everyone: bool = False, more: dict[str, Row] | None = None,
             other: tuple[str, ...] = ()) -> Row:
    get = everyone(anonymous="401") if kind_everyone else only(*readers, anonymous="401")
    return row(get=get, post=everyone("405", anonymous="401"), POST="405", more=more, other=other)


TABLE.update({
    "api:registry-list": api_read(kind_everyone=True),
    "api:cycle-list": api_read(kind_everyone=True),
    # A unit's system submits its dossier here (the sweep's empty POST: 400, nothing to read;
    # tests/nominations/test_api.py submits one).
    "api:dossier-list": row(get=everyone(anonymous="401"), post=everyone("400", anonymous="401")),
    "api:decision-list": api_read(kind_everyone=True),
    "api:schema": api_read(kind_everyone=True),
    "api:docs": READ_ONLY_PAGE,  # the schema read in Vietnamese, for people signed in on the site
    # A cycle: whoever works over its agency, and the heads of its units (selectors.dossiers.cycles_for_user).
    "api:cycle-detail": api_read(*VP_WIDE),
    # A dossier: whoever reads it on the site (the row "nominations:dossier"), Sở Nội vụ the ones sent to it.
    "api:dossier-detail": api_read(*VP_WIDE, more={**sent(lambda readers: api_read(*readers)),
                                                  "returned_a": api_read(*VP_WIDE)}),
    # An issued Quyết định: the dataset's documents are drafts, no decision, so each is missing to everyone here;
    # tests/nominations/test_api.py reads an issued one as its agency and as another agency.
    "api:decision-detail": api_read(),
    "api:decision-pdf": api_read(),
    "api:decision-edxml-download": api_read(),  # tests/workflow/test_edxml.py: the agency's client, 404, 401, 409
    # People and units in scope: lists, empty outside the service account's scope.
    "api:unit-list": api_read(kind_everyone=True),
    "api:person-list": api_read(kind_everyone=True),
    # Tờ trình (selectors.council.submissions_for_user): whoever reads the homeaffairs process, Sở Nội vụ every
    # agency's of its province; both of the dataset's are issued, so their PDF reads alike.
    "api:submission-list": api_read(kind_everyone=True),
    "api:submission-detail": api_read(*PROCESS_VIEWERS["homeaffairs"], other=OTHER_AGENCY_VIEWERS["homeaffairs"]),
    "api:submission-pdf": api_read(*PROCESS_VIEWERS["homeaffairs"], other=OTHER_AGENCY_VIEWERS["homeaffairs"]),
    # Sở Nội vụ's system answers (the sweep's empty POST: 400, nothing written; tests/nominations/
    # test_api_submissions.py answers one): the agency's readers without the Home Affairs role get 403, who may not
    # read it the missing 404; a GET is 405.
    "api:submission-answer": row(
        get=everyone("405", anonymous="401"),
        post=only("home_affairs", answer="400", anonymous="401").but(
            **{role: "403" for role in VP_WIDE}), other=OTHER_AGENCY_VIEWERS["homeaffairs"], GET="405"),
    # The e-office system registers a received request for the year's report (the sweep's empty POST: 400, nothing
    # written; an agency outside the account's secretariat scope is an unknown id, 400 too;
    # tests/nominations/test_api_report_requests.py records one). Nothing is read here: a GET is 405.
    "api:report-request-list": row(get=everyone("405", anonymous="401"), post=everyone("400", anonymous="401")),
})


def asked(role: str, name: str, method: str) -> bool:
    """Which cells the sweep asks. Every task URL family is asked by every role on one node per flow
    (the same views serve every node); the other nodes by anonymous and by a unit head who must find
    them missing. Admin POSTs only anonymously (the admin refuses everyone but administrators before
    reading a form), and only by anonymous, staff and the administrator (the admin's own check does not
depend on which role a non-administrator holds)."""
    parts = name.split(":")
    if parts[0] == "admin":
        return role in ("anonymous", "staff", "administrator") and (method == "GET" or role == "anonymous")
    if len(parts) == 3 and parts[0] in FLOW_VIEWERS:
        return role in ("anonymous", "staff") or parts[1] == REPRESENTATIVE_NODE.get(parts[0])
    return True


REPRESENTATIVE_NODE = {"dossier": "review", "council": "ballot", "pledge": "submit", "agencypledge": "compile",
                       "annualreport": "write", "homeaffairs": "review"}


def lookup(name: str) -> Row | None:
    if name in TABLE:
        return TABLE[name]
    for key, value in TABLE.items():
        if any(ch in key for ch in "*?[") and fnmatch.fnmatchcase(name, key):
            return value
    return None
