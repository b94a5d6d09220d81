"""Who hears about an organisation's work: its working staff, and its supervisor.

The supervisor of an organisation is the centre supervisor (中心负责人) of that organisation
or, failing one, of its nearest ancestor. A directory loads the organisation tree and the
supervisors once, so that a sweep over thousands of deadlines asks a fixed number of queries.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth import get_user_model

from accounts.models import Membership, Organisation, Role

# Roles that carry a case's daily work. Lawyers, leaders and administrators only look on;
# supervisors hear of overdue work by escalation instead.
WORKING_ROLES = frozenset(
    {
        Role.WINDOW_CLERK,
        Role.MEDIATOR,
        Role.COURT_CLERK,
        Role.BUREAU_OFFICER,
        Role.LEGAL_AID_OFFICER,
        Role.VILLAGE_CLERK,
    }
)


class Directory:
    """Organisation tree, supervisors and staff, loaded lazily and kept for one job."""

    def __init__(self) -> None:
        self._parents: dict[int, int | None] | None = None
        self._supervisors: dict[int, list[int]] | None = None
        self._staff: dict[int, list[int]] = {}

    def parents(self) -> dict[int, int | None]:
        if self._parents is None:
            self._parents = dict(Organisation.objects.values_list("id", "parent_id"))
        return self._parents

    def _supervisor_map(self) -> dict[int, list[int]]:
        if self._supervisors is None:
            rows = _active(Membership.objects.filter(role=Role.CENTRE_SUPERVISOR))
            self._supervisors = {}
            for org_id, user_id in rows.values_list("organisation_id", "user_id"):
                self._supervisors.setdefault(org_id, []).append(user_id)
        return self._supervisors

    def supervisors_for(self, organisation_id: int | None) -> list[int]:
        """The nearest supervisors up the tree; the walk stops at a cycle or the root."""
        seen: set[int] = set()
        current = organisation_id
        while current is not None and current not in seen:
            seen.add(current)
            found = self._supervisor_map().get(current)
            if found:
                return sorted(found)
            current = self.parents().get(current)
        return []

    def load_staff(self, organisation_ids: Iterable[int]) -> None:
        missing = set(organisation_ids) - set(self._staff)
        if not missing:
            return
        for org_id in missing:
            self._staff[org_id] = []
        rows = _active(Membership.objects.filter(organisation_id__in=missing))
        for org_id, user_id in rows.filter(role__in=WORKING_ROLES).values_list(
            "organisation_id", "user_id"
        ):
            if user_id not in self._staff[org_id]:
                self._staff[org_id].append(user_id)

    def staff_for(self, organisation_id: int) -> list[int]:
        self.load_staff([organisation_id])
        return sorted(self._staff[organisation_id])


def _active(memberships):
    return memberships.filter(is_active=True, user__is_active=True)


def supervisors_of_user(user) -> list[int]:
    """A sender's supervisors: those over each organisation the sender works in."""
    directory = Directory()
    org_ids = (
        Membership.objects.active().filter(user=user).values_list("organisation_id", flat=True)
    )
    found = {uid for org_id in org_ids for uid in directory.supervisors_for(org_id)}
    found.discard(user.pk)
    if not found:
        found = set(
            get_user_model()
            .objects.filter(is_active=True, memberships__role=Role.ADMINISTRATOR)
            .values_list("pk", flat=True)
        )
    return sorted(found)
