"""The declared access rules: one row per URL name (and per object, where one URL is tried on
two objects), read by test_matrix.py.

A row says how to fill the URL's parameters from the world (conftest.py), which methods to try
with which minimal body, who is allowed (2xx/3xx, or 400/409: past the permission check) and who
is answered 403 (in reach but not permitted). Every other persona gets 404; anonymous visitors
are sent to log in (a page) or refused (401/403, the API) unless the row says otherwise.

A row marked ``issue9="..."`` is what issue 9 asks for and today's code does not do yet: it runs
as a strict xfail, so the change that fixes it makes the row pass and the marker must go.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils import timezone

# Personas (conftest.COUNTY_ROLES): "A.x" in 坡头区 where the objects are, "B.x" in 赤坎区.
LEADER = frozenset({"leader"})  # read-only, city-wide
ADMIN = frozenset({"admin"})  # acts city-wide
A = lambda *keys: frozenset(f"A.{k}" for k in keys)  # noqa: E731
NOBODY: frozenset[str] = frozenset()
STAFF = frozenset(
    {f"{c}.{k}" for c in "AB" for k in (
        "window", "mediator", "supervisor", "court", "bureau", "legalaid", "lawyer",
        "village", "vmediator", "tmediator", "town", "petition", "police", "judge", "arbitration",
    )}
) | LEADER | ADMIN  # fmt: skip
EVERYONE = STAFF | {"inactive", "anon"}

# A case in the centre's family workroom (room-440804-family), assigned to A.mediator.
ROOM_WORKERS = A("mediator", "supervisor") | ADMIN  # the assignee, its room, supervisors over it
ASSIGNEE = A("mediator")  # accepts or declines what was assigned to them
CENTRE_WINDOW = A("window")  # the centre's window sees and routes the centre's cases
ROOM_READERS = ROOM_WORKERS | CENTRE_WINDOW | LEADER
ROOM_WRITE_403 = CENTRE_WINDOW | LEADER  # in reach, may not do the mediator's work
# A case at 高岭村's mediation committee (pmc-440804104207), filed at the centre's window.
VILLAGE_WORKERS = A("vmediator", "tmediator", "supervisor") | ADMIN  # its committee, town, centre
VILLAGE_READERS = VILLAGE_WORKERS | A("village", "bureau", "window") | LEADER  # window: the filer
# A pre-litigation case of court-0804, delegated to bureau-440804.
COURT_WORKERS = A("court") | ADMIN
COURT_READERS = COURT_WORKERS | LEADER
# A hand-off to legalaid-440804: its officers, and the county bureau it sits under.
LEGAL_AID = A("legalaid", "bureau") | ADMIN


def obj(key: str, attr: str = "pk") -> Callable:
    return lambda world: getattr(world[key], attr)


@dataclass(frozen=True)
class Row:
    name: str
    methods: dict  # method -> body (dict, sent as a form to pages and as JSON to the API)
    allow: frozenset
    forbid: frozenset = NOBODY  # answered 403
    params: dict = field(default_factory=dict)  # URL kwarg -> callable(world)
    object: str = ""  # a label when one URL name has more than one row
    # Personas for whom an empty answer and a refusal are both right (a switched-off member on
    # a list: issue 9 refuses them, an empty list is no leak); the leak check still holds.
    either: frozenset = NOBODY
    anon: str = "login"  # login | ok | 404
    issue9: str = ""  # strict xfail: the rule issue 9 asks for, not yet today's behaviour
    excluded: str = ""  # not tried, with the reason
    multipart: bool = False  # the API takes a file: send the body as a form
    query: str = ""  # a query string the page needs
    shared: str = ""  # an object of the whole city, not of county A (why), or a public page

    @property
    def key(self) -> str:
        return f"{self.name}@{self.object}" if self.object else self.name


GET = {"get": None}
POST = {"post": {}}


def case_(key: str) -> dict:
    return {"pk": obj(key)}


def row(name, methods, allow, forbid=NOBODY, **kw) -> Row:
    return Row(name=name, methods=methods, allow=frozenset(allow), forbid=frozenset(forbid), **kw)


def excluded(name: str, reason: str) -> Row:
    return Row(name=name, methods={}, allow=NOBODY, excluded=reason)


def own(name: str, methods=GET, allow=STAFF, **kw) -> Row:
    """A list or page of one's own: every member of staff, the contents scoped."""
    return row(name, methods, allow, either=frozenset({"inactive"}), **kw)


SWITCHED_OFF_DESK = "a switched-off member's desk no longer lists the cases still assigned to them"
LEADER_WRITES = (
    "a read-only leader in reach of the object is refused with 403 and the message, not 404"
)


def public(name: str, methods=GET, **kw) -> Row:
    return row(name, methods, EVERYONE, anon="ok", shared="public", **kw)


REASON = {"reason": "测试理由"}
CONSENT = {"reason": "测试理由", "has_consent": True}

# Mediation verbs on the page (mediation:action, one row per verb): name -> (case, body,
# allowed, forbidden, issue9).
PAGE_VERBS: dict[str, tuple] = {
    "route": ("routed", {"organisation": "", "reason": "测试"}, CENTRE_WINDOW | A("supervisor") | ADMIN, A("mediator") | LEADER, ""),
    "auto-route": ("filed", {}, CENTRE_WINDOW | A("supervisor") | ADMIN, LEADER, ""),
    "assign": ("routed", {}, A("supervisor") | ADMIN, A("mediator") | ROOM_WRITE_403, ""),
    "accept": ("routed", {}, ASSIGNEE, ROOM_READERS - ASSIGNEE, ""),
    "decline": ("routed", {"decline-reason": "测试"}, ASSIGNEE, ROOM_READERS - ASSIGNEE, ""),
    "not-accept": ("routed", {"not_accept-reason": "测试"}, ROOM_WORKERS | CENTRE_WINDOW, LEADER, ""),
    "start": ("accepted", {}, ROOM_WORKERS, ROOM_WRITE_403, ""),
    "escalate": ("mediating", {"escalate-reason": "测试"}, ROOM_WORKERS, ROOM_WRITE_403, ""),
    "reassign": ("accepted", {"mediator": "", "reason": "测试"}, A("supervisor") | ADMIN, A("mediator") | ROOM_WRITE_403, ""),
    "session": ("mediating", {}, ROOM_WORKERS, ROOM_WRITE_403, ""),
    "move-session": ("mediating", {"session": obj("session")}, ROOM_WORKERS, ROOM_WRITE_403, ""),
    "cancel-session": ("mediating", {"session": obj("session")}, ROOM_WORKERS, ROOM_WRITE_403, ""),
    "record": ("mediating", {"session": obj("session"), "minutes": "笔录"}, ROOM_WORKERS, ROOM_WRITE_403, ""),
    "agreement": ("mediating", {}, ROOM_WORKERS, ROOM_WRITE_403, ""),
    "fail": ("mediating", {"fail-reason": "测试"}, ROOM_WORKERS, ROOM_WRITE_403, ""),
    "withdraw": ("mediating", {}, ROOM_WORKERS, ROOM_WRITE_403, ""),
    "terminate": ("mediating", {"terminate-reason": "测试"}, ROOM_WORKERS, ROOM_WRITE_403, ""),
    "close": ("agreed", {"note": ""}, ROOM_WORKERS, ROOM_WRITE_403, ""),
    "follow-up": ("agreed", {}, ROOM_WORKERS, ROOM_WRITE_403, ""),
    "judicial": ("agreed", {}, ROOM_WORKERS, ROOM_WRITE_403, ""),
    "refer": ("failed", {}, ROOM_WORKERS, ROOM_WRITE_403, ""),
    "signed-copy": ("agreed", {}, ROOM_WORKERS, ROOM_WRITE_403, ""),
}  # fmt: skip

# The API's verbs: url name -> (case, body, allowed, forbidden, issue9).
API_VERBS: dict[str, tuple] = {
    "api-mediation-route": ("routed", {"organisation": "room-440802-family", "reason": "测试"}, CENTRE_WINDOW | A("supervisor") | ADMIN, A("mediator") | LEADER, ""),
    "api-mediation-assign": ("routed", {}, A("supervisor") | ADMIN, A("mediator") | ROOM_WRITE_403, ""),
    "api-mediation-reassign": ("accepted", {"mediator": 0, "reason": "测试"}, A("supervisor") | ADMIN, A("mediator") | ROOM_WRITE_403, ""),
    "api-mediation-request-mediator": ("routed", {"mediator": 0}, ROOM_WORKERS | CENTRE_WINDOW, LEADER, ""),
    "api-mediation-accept": ("routed", {}, ASSIGNEE, ROOM_READERS - ASSIGNEE, ""),
    "api-mediation-decline": ("routed", REASON, ASSIGNEE, ROOM_READERS - ASSIGNEE, ""),
    "api-mediation-not-accept": ("routed", REASON, ROOM_WORKERS | CENTRE_WINDOW, LEADER, ""),
    "api-mediation-start": ("accepted", {}, ROOM_WORKERS, ROOM_WRITE_403, ""),
    "api-mediation-escalate": ("mediating", CONSENT, ROOM_WORKERS, ROOM_WRITE_403, ""),
    "api-mediation-sessions": ("mediating", {}, ROOM_WORKERS, ROOM_WRITE_403, ""),
    "api-mediation-agreement": ("mediating", {}, ROOM_WORKERS, ROOM_WRITE_403, ""),
    "api-mediation-fail": ("mediating", REASON, ROOM_WORKERS, ROOM_WRITE_403, ""),
    "api-mediation-withdraw": ("mediating", {}, ROOM_WORKERS, ROOM_WRITE_403, ""),
    "api-mediation-terminate": ("mediating", REASON, ROOM_WORKERS, ROOM_WRITE_403, ""),
    "api-mediation-close": ("agreed", {}, ROOM_WORKERS, ROOM_WRITE_403, ""),
    "api-mediation-follow-ups": ("agreed", {}, ROOM_WORKERS, ROOM_WRITE_403, ""),
    "api-mediation-judicial-confirmation": ("agreed", {}, ROOM_WORKERS, ROOM_WRITE_403, ""),
    "api-mediation-refer": ("failed", {"referral": "legal_aid", "has_consent": True}, ROOM_WORKERS, ROOM_WRITE_403, ""),
}  # fmt: skip

# The routing rules: the windows, centres and bureaus that route, the leader and admin.
RULE_READERS = (
    frozenset(f"{c}.{k}" for c in "AB" for k in ("window", "supervisor", "bureau")) | LEADER | ADMIN
)

ROWS: list[Row] = [
    # -- public, login and static-ish -----------------------------------------------------------
    public("home"),
    public("healthz"),
    public("login"),
    public("set_language", {"post": {"language": "zh-hans"}}),
    public("dispute-new"),
    public("dispute-track"),
    row("dispute-filed", GET, NOBODY, params={"pk": obj("filed")}, anon="404"),  # only the filing browser
    public("api-public-categories"),
    public("api-public-regions"),
    public("api-public-dispute-create", POST),
    row("api-public-dispute-detail", GET, NOBODY, params={"number": obj("filed", "number")}, anon="404"),  # needs the tracking code
    row("api-public-evidence-create", POST, NOBODY, params={"number": obj("filed", "number")}, anon="404"),
    public("api-token", POST),
    row("logout", POST, STAFF | {"inactive"}, anon="ok"),
    row("api-token-revoke", POST, STAFF | {"inactive"}),
    excluded("favicon", "the site icon: a redirect to a static file, no object"),
    excluded("api-schema", "the OpenAPI schema: public documentation, no object"),
    excluded("api-docs", "the Swagger page: public documentation, no object"),
    excluded("admin:*", "Django admin: staff flag and model permissions, not organisation scope"),
    excluded("api-court-pre-litigation", "court systems only (court token); tests/courts/test_court_api.py"),
    excluded("api-court-pre-litigation-detail", "court systems only (court token); tests/courts/test_court_api.py"),
    # -- every staff member's own pages and lists (no object: scoped contents) -----------------
    own("desk"),
    own("api-me"),
    own("case-list"),
    own("case-export"),
    row("case-new", GET, A("window") | {"B.window"}),
    own("api-case-list"),
    own("api-party-lookup"),
    own("notifications:inbox"),
    own("notifications:read_all", POST),
    own("api-notifications"),
    own("api-notifications-read", POST),
    own("deadlines:mine"),
    own("deadlines:overdue", allow=A("supervisor", "bureau") | {"B.supervisor", "B.bureau"} | LEADER | ADMIN),
    own("deadlines:calendar_token", POST),
    own("api-deadlines-mine"),
    own("transfers:inbox"),
    own("mediation:desk"),
    row("mediation:board", GET, A("supervisor") | {"B.supervisor"}, STAFF - A("supervisor") - {"B.supervisor"}, either=frozenset({"inactive"})),  # as its API
    row("api-mediation-board", GET, A("supervisor") | {"B.supervisor"}, STAFF - A("supervisor") - {"B.supervisor"}, either=frozenset({"inactive"})),
    own("api-mediation-desk"),
    own("api-transfers"),
    row("api-mediation-rules", GET, RULE_READERS, STAFF - RULE_READERS, either=frozenset({"inactive"})),
    own("courts:dashboard"),
    row("courts:new", GET, A("court") | {"B.court"} | ADMIN, STAFF - A("court") - {"B.court"} - ADMIN, either=frozenset({"inactive"})),
    own("courts:enquiry"),
    # -- a case of the centre's family workroom; "failed" is still assigned to the switched-off
    # mediator who failed it --------------------------------------------------------------------
    row("case-detail", GET, ROOM_READERS, params=case_("failed")),
    row("api-case-detail", GET, ROOM_READERS, params=case_("failed")),
    row("case-party-reveal", POST, ROOM_WORKERS | CENTRE_WINDOW, LEADER, params={"pk": obj("accepted"), "party_pk": lambda w: w["accepted"].parties.order_by("pk").first().pk}),
    row("case-party-facts", GET, ROOM_WORKERS | CENTRE_WINDOW, LEADER, params={"pk": obj("accepted"), "party_pk": lambda w: w["accepted"].parties.order_by("pk").first().pk}),
    row("api-case-party-facts", GET, ROOM_READERS, object="read", params={"pk": obj("accepted"), "party_pk": lambda w: w["accepted"].parties.order_by("pk").first().pk}),
    row("api-case-party-facts", {"patch": {}}, ROOM_WORKERS | CENTRE_WINDOW, LEADER, params={"pk": obj("accepted"), "party_pk": lambda w: w["accepted"].parties.order_by("pk").first().pk}),
    row("mediation:paper", GET, ROOM_READERS, params={"pk": obj("agreed"), "which": lambda w: "agreement"}),
    row("api-mediation-paper", GET, ROOM_READERS, params={"pk": obj("agreed"), "which": lambda w: "agreement"}),
    row("case-evidence-add", POST, ROOM_WORKERS | CENTRE_WINDOW, LEADER, params=case_("accepted")),
    row("case-evidence-file", GET, ROOM_READERS, params={"pk": obj("accepted"), "evidence_pk": obj("evidence")}),
    row("mediation:case", GET, ROOM_READERS, params=case_("failed")),
    row("mediation:document", GET, ROOM_READERS, params={"pk": obj("agreed"), "which": lambda w: "pdf"}),
    row("api-mediation-case", GET, ROOM_READERS, params=case_("failed")),
    row("api-mediation-public", GET, ROOM_READERS, params=case_("failed")),
    row("api-mediation-signed-copy", POST, ROOM_WORKERS, ROOM_WRITE_403, params=case_("agreed"), multipart=True),
    row("api-mediation-session-move", POST, ROOM_WORKERS, ROOM_WRITE_403, params={"pk": obj("session")}),
    row("api-mediation-session-cancel", POST, ROOM_WORKERS, ROOM_WRITE_403, params={"pk": obj("session")}),
    row("api-mediation-session-record", {"post": {"attendance": ["陈某"], "minutes": "笔录"}}, ROOM_WORKERS, ROOM_WRITE_403, params={"pk": obj("session")}),
    row("api-deadlines-case", GET, ROOM_READERS, params={"case_id": obj("failed")}),
    row("deadlines:party_invite", GET, ROOM_WORKERS | CENTRE_WINDOW, LEADER, params={"case_pk": obj("accepted")}),
    row("deadlines:detail", GET, ROOM_READERS, params={"pk": obj("deadline")}),
    row("deadlines:pause", {"post": {"reason": "测试"}}, ROOM_WORKERS | CENTRE_WINDOW, LEADER, params={"pk": obj("deadline")}),
    row("deadlines:resume", POST, ROOM_WORKERS | CENTRE_WINDOW, LEADER, params={"pk": obj("deadline")}),
    row("deadlines:extend", POST, ROOM_WORKERS | CENTRE_WINDOW, LEADER, params={"pk": obj("deadline")}),
    # Handing over is for the staff who work the case, as mediation's refer verb: the window
    # clerk and the leader are refused (403).
    row("transfers:refer", {"get": None, "post": {}}, ROOM_WORKERS, ROOM_WRITE_403, params={"case_pk": obj("accepted")}),
    # -- a case filed at the window and routed to 高岭村's committee -------------------------------
    row("case-detail", GET, VILLAGE_READERS, object="village", params=case_("village")),
    row("api-case-detail", GET, VILLAGE_READERS, object="village", params=case_("village")),
    row("mediation:case", GET, VILLAGE_READERS, object="village", params=case_("village")),
    row("api-mediation-accept", POST, A("vmediator"), VILLAGE_READERS - A("vmediator"), object="village", params=case_("village")),  # its assignee
    # -- rooms, notifications, the calendar feed ------------------------------------------------
    row("mediation:calendar", GET, ROOM_READERS, params={"room_id": obj("room")}),
    row("api-mediation-room-sessions", GET, ROOM_READERS, params={"pk": obj("room")}),
    row("notifications:open", GET, A("mediator"), params={"pk": obj("notification")}),
    row("deadlines:calendar_ics", GET, NOBODY, params={"token": lambda w: "calendar-of-a-switched-off-member"}, anon="404"),
    # -- the court's pre-litigation case and its delegation to the bureau -------------------------
    row("courts:detail", GET, COURT_READERS, params={"pk": obj("plc")}),
    row("courts:extend", POST, COURT_WORKERS, LEADER, params={"pk": obj("plc")}),
    row("courts:filing", POST, COURT_WORKERS, LEADER, params={"pk": obj("plc")}),
    row("courts:success", POST, COURT_WORKERS, LEADER, params={"pk": obj("plc")}),
    row("courts:preservation", POST, COURT_WORKERS, LEADER, params={"pk": obj("plc")}),
    row("courts:preservation_ruling", POST, COURT_WORKERS, LEADER, params={"pk": obj("plc"), "request_pk": lambda w: 0}),
    # Transfers are seen by their sender and receiver only: the leader is out of reach (404).
    # A court's delegation is accepted by dispatching it: the page's accept leads there, the
    # API's plain accept refuses it (403) even to the receiver.
    row("courts:dispatch", {"get": None, "post": {}}, A("bureau") | ADMIN, params={"transfer_pk": obj("delegation")}),
    row("transfers:accept", POST, A("bureau") | ADMIN, object="delegation", params={"pk": obj("delegation")}),
    row("api-transfer-accept", POST, NOBODY, A("bureau") | ADMIN, object="delegation", params={"pk": obj("delegation")}),
    # -- a referral of a failed case to the county's legal aid ---------------------------------
    row("transfers:sign_for", POST, LEGAL_AID, params={"pk": obj("referral")}),
    row("transfers:accept", POST, LEGAL_AID, params={"pk": obj("referral")}),
    row("transfers:reject", {"get": None, "post": {}}, LEGAL_AID, params={"pk": obj("referral")}),
    row("api-transfer-sign-for", POST, LEGAL_AID, params={"pk": obj("referral")}),
    row("api-transfer-accept", POST, LEGAL_AID, params={"pk": obj("referral")}),
    row("api-transfer-reject", POST, LEGAL_AID, params={"pk": obj("referral")}),
]  # fmt: skip

for _verb, (_case, _body, _allow, _forbid, _issue) in PAGE_VERBS.items():
    ROWS.append(
        row("mediation:action", {"post": _body}, _allow, _forbid, object=_verb,
            params={"pk": obj(_case), "verb": (lambda v: lambda w: v)(_verb)}, issue9=_issue)
    )  # fmt: skip
for _name, (_case, _body, _allow, _forbid, _issue) in API_VERBS.items():
    ROWS.append(row(_name, {"post": _body}, _allow, _forbid, params=case_(_case), issue9=_issue))

# -- the areas that came after: statistics, the other doors, village affairs, legal aid -------
BOTH = lambda *keys: frozenset(f"{c}.{k}" for c in "AB" for k in keys)  # noqa: E731
TODAY = lambda w: timezone.localdate().isoformat()  # noqa: E731
CODE = {"code": lambda w: "440804104207"}  # 高岭村, where county A's village objects are
# Statistics: supervisors, courts, bureaus and legal aid see their own county's figures.
STATS = BOTH("supervisor", "court", "bureau", "legalaid") | LEADER | ADMIN
# The fast track of court-0804: its judges take and conclude; the court's clerk sees the queue.
JUDGES = A("judge") | ADMIN
TRACK_READERS = BOTH("court", "judge") | LEADER | ADMIN
# 12368: the window, the centre, the court and the petition office answer the hotline.
OPERATORS = BOTH("window", "supervisor", "court", "petition") | ADMIN
PETITION = A("petition") | ADMIN
# 高岭村: its committee keeps the books; its mediators, town, the leader and admin read them.
KEEPER = A("village") | ADMIN
LEDGER_KEEPER = A("vmediator", "tmediator") | ADMIN  # the mediation committees keep the ledger
VILLAGE_AFFAIRS = A("village", "vmediator", "tmediator", "town") | LEADER | ADMIN
VILLAGE_PEOPLE = BOTH("village", "vmediator", "tmediator", "town")
# Legal aid of 坡头区: its officers act; the county bureau and the leader read.
AID_OFFICER = A("legalaid") | ADMIN
AID_READERS = A("legalaid", "bureau") | LEADER | ADMIN


POSTING = {
    "village": "440804104207", "kind": "finance", "period_start": "2026-10-01", "period_end": "2026-10-31",
    "title": "2026年10月财务收支公开", "opening_balance": "1300.00", "closing_balance": "1300.00", "lines": [],
}  # fmt: skip


def reads(name, allow, params, **kw) -> Row:
    return row(name, GET, allow, params=params, **kw)


def acts(name, body, allow, readers, params, **kw) -> Row:
    """A write on an object: the allowed act, the rest of its readers are refused (403)."""
    return row(name, {"post": body}, allow, readers - allow, params=params, **kw)


def verb(name, value):
    return {name: (lambda v: lambda w: v)(value)}


POLICE_TOKEN = (
    "police systems only (agency token): test_a_police_agency_reads_its_own_referrals_only"
)
ROWS += [
    # -- statistics ------------------------------------------------------------------------------
    own("stats:dashboard", allow=STATS),
    own("stats:report", allow=STATS),
    own("api-stats-overview", allow=STATS),
    own("api-stats-report", allow=STATS),
    own("stats:activities"),
    own("stats:activity-new"),
    own("api-stats-activities"),
    public("stats:upcoming"),  # the public events of the coming weeks
    public("api-stats-upcoming"),
    acts("stats:mark-case", {"prevented_criminal": "on"}, ROOM_WORKERS, ROOM_READERS, case_("accepted")),
    # -- courts' fast track ----------------------------------------------------------------------
    excluded("api-court-track", "court systems only (court token); tests/courts/test_fast_track.py"),
    own("courts:tracks", allow=TRACK_READERS),
    acts("courts:fast_track_take", {}, JUDGES, A("court", "judge") | LEADER | ADMIN, {"pk": obj("ftc")}),
    # The clerk records the conclusion (refused by the state while queued); a judge of the team
    # who has not taken it is refused.
    acts("courts:fast_track_conclude", {"outcome": "当庭调解结案"}, A("court") | ADMIN, A("court", "judge") | LEADER | ADMIN, {"pk": obj("ftc")}),
    acts("api-fast-track-act", {}, JUDGES, A("court", "judge") | LEADER | ADMIN, {"pk": obj("ftc"), **verb("verb", "take")}),
    # -- 12368 -------------------------------------------------------------------------------------
    row("enquiries:lookup", GET, OPERATORS, STAFF - OPERATORS | {"inactive"}),
    row("api-enquiry-lookup", {"post": {"number": lambda w: w["accepted"].number, "password": lambda w: w.enquiry_password}}, OPERATORS, STAFF - OPERATORS | {"inactive"}, shared="12368 is the city's hotline: whoever gives the case's password is answered"),
    acts("enquiries:issue_password", {}, ROOM_WORKERS | CENTRE_WINDOW, ROOM_READERS, {"case_pk": obj("accepted")}),
    acts("api-enquiry-password", {}, ROOM_WORKERS | CENTRE_WINDOW, ROOM_READERS, {"case_pk": obj("accepted")}),
    # -- police referrals: agency systems, not people ----------------------------------------------
    excluded("api-police-accident-referrals", POLICE_TOKEN),
    excluded("api-police-accident-referral-detail", POLICE_TOKEN),
    # -- a petition at 坡头区's petition office ----------------------------------------------------
    own("petitions:list"),
    own("api-petitions"),
    row("petitions:new", GET, BOTH("petition") | ADMIN),
    reads("petitions:detail", PETITION | LEADER, {"pk": obj("petition")}),
    reads("api-petition", PETITION | LEADER, {"pk": obj("petition")}),
    acts("petitions:act", {"accepted": "yes", "notice": "受理"}, PETITION, PETITION | LEADER, {"pk": obj("petition"), **verb("verb", "decide")}),
    acts("api-petition-act", {"accepted": True, "notice": "受理"}, PETITION, PETITION | LEADER, {"pk": obj("petition"), **verb("verb", "decide")}),
    # -- 高岭村's public pages ------------------------------------------------------------------
    public("village_affairs:public", params=CODE),
    public("village_affairs:public_rules", params=CODE),
    public("village_affairs:rules_diff", params=CODE, query="?from=1&to=1"),
    public("village_affairs:public_posting", params={**CODE, "pk": obj("posting")}),
    public("village_affairs:posting_photo", params={**CODE, "pk": obj("posting"), "photo_pk": obj("photo")}),
    public("api-village-rules", params=CODE),
    public("api-village-postings", params=CODE),
    # -- 高岭村's own books -----------------------------------------------------------------------
    row("village_affairs:clerk", GET, VILLAGE_PEOPLE),  # to one's own village
    row("village_affairs:town", GET, BOTH("town")),
    own("village_affairs:rates"),
    own("api-rates"),
    own("api-homestead-applications"),
    own("api-parcels"),
    own("api-ledger"),
    *(reads(f"village_affairs:{name}", VILLAGE_AFFAIRS, CODE) for name in (
        "village", "rules", "postings", "applications", "parcels", "ledger",
    )),
    reads("village_affairs:rule", VILLAGE_AFFAIRS, {**CODE, "pk": obj("rule")}),
    reads("village_affairs:posting", VILLAGE_AFFAIRS, {**CODE, "pk": obj("posting")}),
    reads("village_affairs:application", VILLAGE_AFFAIRS, {**CODE, "pk": obj("application")}),
    reads("village_affairs:parcel", VILLAGE_AFFAIRS, {**CODE, "pk": obj("parcel")}),
    reads("api-homestead-application", VILLAGE_AFFAIRS, {"pk": obj("application")}),
    reads("api-parcel", VILLAGE_AFFAIRS, {"pk": obj("parcel")}),
    reads("api-posting", VILLAGE_AFFAIRS, {"pk": obj("posting")}),
    acts("village_affairs:rule_action", {"title": "村规民约", "text": "第一条 村务公开。"}, KEEPER, VILLAGE_AFFAIRS, {**CODE, "pk": obj("rule"), **verb("action", "edit")}),
    acts("api-rule-action", {"title": "村规民约", "text": "第一条 村务公开。"}, KEEPER, VILLAGE_AFFAIRS, {"pk": obj("rule"), **verb("action", "edit")}),
    acts("village_affairs:posting_action", {"correction_reason": "金额录错"}, KEEPER, VILLAGE_AFFAIRS, {**CODE, "pk": obj("posting"), **verb("action", "correct")}),
    acts("api-posting-action", {"reason": "金额录错"}, KEEPER, VILLAGE_AFFAIRS, {"pk": obj("posting"), **verb("action", "correct")}),
    acts("api-question-answer", {"answer": "租金由村委会收取。"}, KEEPER, VILLAGE_AFFAIRS, {"pk": obj("question")}),
    acts("village_affairs:application_action", {"agree": "1", "village_comment": "属实"}, KEEPER, VILLAGE_AFFAIRS, {**CODE, "pk": obj("application"), **verb("action", "village_review")}),
    acts("api-homestead-application-action", {"agree": True, "comment": "属实"}, KEEPER, VILLAGE_AFFAIRS, {"pk": obj("application"), **verb("action", "village_review")}),
    acts("village_affairs:ledger_action", {"month": TODAY, "done_on": TODAY, "found_count": 0}, LEDGER_KEEPER, VILLAGE_AFFAIRS, {**CODE, **verb("action", "round")}),
    acts("village_affairs:ledger_close", {"outcome": "settled", "closed_on": TODAY}, LEDGER_KEEPER, VILLAGE_AFFAIRS, {**CODE, "pk": obj("ledger_entry")}),
    acts("api-ledger-close", {"outcome": "settled"}, LEDGER_KEEPER, VILLAGE_AFFAIRS, {"pk": obj("ledger_entry")}),
    row("api-rounds", {"post": {"village": "440804104207", "month": TODAY, "done_on": TODAY, "found_count": 0}}, LEDGER_KEEPER, VILLAGE_AFFAIRS - LEDGER_KEEPER),
    row("api-rules", {"post": {"village": "440804104207", "title": "村规民约", "text": "第一条"}}, KEEPER, VILLAGE_AFFAIRS - KEEPER),
    row("api-postings", {"post": POSTING}, KEEPER, VILLAGE_AFFAIRS - KEEPER),
    # -- legal aid: the public door, a wage claim under review, a lawyer's file ------------------
    public("legal_aid:apply"),
    public("legal_aid:applied"),
    public("legal_aid:track"),
    public("api-public-legal-aid", POST),
    row("api-public-legal-aid-detail", GET, NOBODY, params={"number": lambda w: w["aid"].case.number}, anon="404"),  # needs the tracking code
    own("api-legal-aid-applications"),
    row("api-legal-aid-totals", GET, BOTH("legalaid") | LEADER | ADMIN),  # as the page
    row("legal_aid:desk", GET, BOTH("legalaid") | ADMIN),
    row("legal_aid:list", GET, BOTH("legalaid") | ADMIN),
    row("legal_aid:bad_credit", GET, BOTH("legalaid") | ADMIN),  # the register is city-wide
    row("legal_aid:totals", GET, BOTH("legalaid") | LEADER | ADMIN),
    row("legal_aid:lawyer_desk", GET, BOTH("lawyer")),
    row("legal_aid:file_request_agent", GET, BOTH("lawyer")),
    row("legal_aid:arbitration", GET, BOTH("arbitration") | LEADER | ADMIN),
    row("legal_aid:bad_credit_remove", POST, BOTH("legalaid") | ADMIN, params={"pk": obj("bad_credit")}, shared="the bad-credit register is the city's"),
    reads("legal_aid:application", AID_READERS, {"pk": obj("aid")}),
    reads("api-legal-aid-application", AID_READERS, {"pk": obj("aid")}),
    acts("legal_aid:action", {}, AID_OFFICER, AID_READERS, {"pk": obj("aid"), **verb("verb", "grant")}),
    acts("api-legal-aid-action", {}, AID_OFFICER, AID_READERS, {"pk": obj("aid"), **verb("verb", "grant")}),
    acts("legal_aid:from_case", {}, ROOM_WORKERS | CENTRE_WINDOW, ROOM_READERS, {"case_pk": obj("referred")}),
    acts("legal_aid:file_request", {"case": lambda w: w["aid_taken"].case_id, "reason": "阅卷"}, A("lawyer"), AID_READERS | A("lawyer"), {"pk": obj("aid_taken")}),
    reads("legal_aid:file_read", A("lawyer"), {"access_pk": obj("file_access")}),
    reads("legal_aid:file_download", A("lawyer"), {"access_pk": obj("file_access"), "evidence_pk": obj("aid_evidence")}),
    # The file's grantor acts for the case's organisation: the centre, and the bureau over it.
    acts("legal_aid:file_decide", {}, AID_OFFICER | A("bureau"), AID_READERS, {"access_pk": obj("file_access"), **verb("verb", "revoke_file")}),
    acts("legal_aid:award", {"number": "湛劳人仲案字〔2026〕77号", "text": "支付工资", "amount": "18000"}, A("arbitration") | ADMIN, A("arbitration") | AID_READERS, {"link_pk": obj("arbitration")}),
]  # fmt: skip
