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

# Personas (conftest.COUNTY_ROLES): "A.x" in 坡头区 where the objects are, "B.x" in 赤坎区.
LEADER = frozenset({"leader"})  # read-only, city-wide
ADMIN = frozenset({"admin"})  # acts city-wide
A = lambda *keys: frozenset(f"A.{k}" for k in keys)  # noqa: E731
NOBODY: frozenset[str] = frozenset()
STAFF = frozenset(
    {f"{c}.{k}" for c in "AB" for k in (
        "window", "mediator", "supervisor", "court", "bureau", "legalaid", "lawyer",
        "village", "vmediator", "tmediator",
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
    return row(name, methods, EVERYONE, anon="ok", **kw)


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
    excluded("api-schema", "the OpenAPI schema: public documentation, no object"),
    excluded("api-docs", "the Swagger page: public documentation, no object"),
    excluded("admin:*", "Django admin: staff flag and model permissions, not organisation scope"),
    # Arrived with the statistics area after this table was written: not yet tried. Its owner
    # replaces each line with a row saying who may (scopes of stats.scopes.may_use_stats).
    *(excluded(name, "statistics: rule to be declared by the statistics area") for name in (
        "stats:dashboard", "stats:report", "stats:activities", "stats:activity-new",
        "stats:mark-case", "stats:upcoming", "api-stats-overview", "api-stats-report",
        "api-stats-activities", "api-stats-upcoming",
    )),
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
    own("mediation:board"),  # an empty board for whoever supervises nothing
    row("api-mediation-board", GET, A("supervisor") | {"B.supervisor"}, STAFF - A("supervisor") - {"B.supervisor"}, either=frozenset({"inactive"})),
    own("api-mediation-desk"),
    own("api-transfers"),
    own("api-mediation-rules"),
    own("courts:dashboard"),
    row("courts:new", GET, A("court") | {"B.court"} | ADMIN, STAFF - A("court") - {"B.court"} - ADMIN, either=frozenset({"inactive"})),
    own("courts:enquiry"),
    # -- a case of the centre's family workroom; "failed" is still assigned to the switched-off
    # mediator who failed it --------------------------------------------------------------------
    row("case-detail", GET, ROOM_READERS, params=case_("failed")),
    row("api-case-detail", GET, ROOM_READERS, params=case_("failed")),
    row("case-party-reveal", POST, ROOM_WORKERS | CENTRE_WINDOW, LEADER, params={"pk": obj("accepted"), "party_pk": lambda w: w["accepted"].parties.order_by("pk").first().pk}),
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
