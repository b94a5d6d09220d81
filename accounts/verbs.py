"""Who may act: each verb is declared once, and the service, the page and the API read it.

A declaration says who may do the verb (a rule over the user and the object, asked through
``accounts.access`` like every question of reach), from which states, what it records on the
timeline, and the message a person is shown when it succeeds. The service checks it before it
changes anything, so no surface can allow what another refuses; pages read it to decide which
buttons to show, and the API to answer a refusal with a machine-readable code and the moves that
are open to the caller now.

Each area keeps its declarations in ``<app>/verbs.py`` as a :class:`VerbSet`::

    VERBS = VerbSet(
        Verb("accept", _("受理"), may=access.may_work, allowed_from=(S.ROUTED,),
             records="accepted", done=_("已受理。下一步：安排调解。")),
        ...
    )

and a service starts with ``VERBS.check("accept", actor, case)``. ``actor=None`` is the system
itself (a sweep, a task, an automatic rule): it passes the rule of who, never the rule of state.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# Machine-readable refusal codes, shared by every area.
FORBIDDEN = "forbidden"  # this person may not do this to this object (HTTP 403)
WRONG_STATE = "wrong_state"  # not from the object's current state (HTTP 409)
CONFLICT = "conflict"  # someone else changed the object meanwhile (HTTP 409)
REFUSED = "refused"  # a rule of the field forbids it here and now (HTTP 409)
INVALID_TARGET = "invalid_target"  # a target (organisation, room, person) not on offer (HTTP 409)

STATUS_FOR_CODE = {FORBIDDEN: 403}
NOT_YOURS = gettext_lazy("您不能对该案件执行此操作。")


class ActionRefused(Exception):
    """The one refusal of an action, on every surface: a page shows ``message``; the API
    answers ``status`` with ``{"code", "detail", "allowed"}``. ``allowed`` names the moves the
    person may make now (verb names); ``allowed_states`` the states the verb starts from."""

    def __init__(
        self,
        message: str | Promise,
        allowed: Iterable[str] = (),
        *,
        code: str = REFUSED,
        allowed_states: Iterable[str] = (),
        status: int | None = None,
    ):
        super().__init__(message)
        self.message = str(message)
        self.code = code
        self.allowed = list(allowed)
        self.allowed_states = list(allowed_states)
        self.status = status or STATUS_FOR_CODE.get(code, 409)

    def as_data(self) -> dict:
        return {
            "code": self.code,
            "detail": self.message,
            "allowed": self.allowed,
            "allowed_states": self.allowed_states,
        }


class TransitionRefused(ActionRefused):
    """Not from the object's current state (HTTP 409, ``wrong_state``); the message names the
    states that allow it."""

    def __init__(
        self,
        message: str,
        allowed_states: Iterable[str] = (),
        *,
        allowed: Iterable[str] = (),
        code: str = WRONG_STATE,
    ):
        super().__init__(message, allowed, code=code, allowed_states=allowed_states)


def _status_of(obj) -> str:
    return obj.status


@dataclass(frozen=True)
class Verb:
    name: str
    label: str | Promise
    # Who may: a rule over (user, object) answered through accounts.access.
    may: Callable[[Any, Any], bool]
    # The object's states the verb starts from; empty means any state.
    allowed_from: tuple[str, ...] = ()
    # The timeline event kind the verb writes (for the record and the access-matrix test).
    records: str = ""
    # What the person is told when it worked (page message; the API returns the new state).
    done: str | Promise = ""
    # What a person who may not do it is told; a function of (user, object) where the
    # reason depends on the object (a case already given to someone else).
    refusal: str | Promise | Callable[[Any, Any], str] = NOT_YOURS
    # How to read the object's state (most objects have ``status``).
    state: Callable[[Any], str] = _status_of
    # How to word the allowed states in a refusal (a TextChoices class's label lookup).
    state_label: Callable[[str], str] = str

    def in_state(self, obj) -> bool:
        return not self.allowed_from or self.state(obj) in self.allowed_from

    def permits(self, user, obj) -> bool:
        """The rule of who; the system (``None``) always passes it."""
        return user is None or bool(self.may(user, obj))

    def refusal_for(self, user, obj) -> str:
        if callable(self.refusal) and not isinstance(self.refusal, Promise):
            return self.refusal(user, obj)
        return str(self.refusal)

    def state_refusal(self, obj) -> str:
        return _("当前状态为“%(status)s”，“%(verb)s”只能在以下状态进行：%(allowed)s。") % {
            "status": self.state_label(self.state(obj)),
            "verb": self.label,
            "allowed": "、".join(str(self.state_label(s)) for s in self.allowed_from),
        }


class VerbSet:
    """An area's verbs, by name, in the order a page lists them."""

    def __init__(self, *verbs: Verb):
        self._verbs = {verb.name: verb for verb in verbs}

    def __getitem__(self, name: str) -> Verb:
        return self._verbs[name]

    def __contains__(self, name: str) -> bool:
        return name in self._verbs

    def __iter__(self):
        return iter(self._verbs.values())

    def names(self) -> list[str]:
        return list(self._verbs)

    def available(self, user, obj) -> list[str]:
        """The verbs this person may do to this object now: the page's buttons, and the
        ``allowed`` of a refusal."""
        return [v.name for v in self._verbs.values() if v.in_state(obj) and v.permits(user, obj)]

    def check(self, name: str, user, obj) -> Verb:
        """Refuse, before anything changes, what this person may not do to this object now."""
        verb = self._verbs[name]
        if not verb.permits(user, obj):
            raise ActionRefused(
                verb.refusal_for(user, obj),
                self.available(user, obj),
                code=FORBIDDEN,
                allowed_states=verb.allowed_from,
            )
        if not verb.in_state(obj):
            raise TransitionRefused(
                verb.state_refusal(obj), verb.allowed_from, allowed=self.available(user, obj)
            )
        return verb
