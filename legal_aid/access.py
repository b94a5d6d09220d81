"""Who reaches a legal-aid object: the centre's officers (and those above them), the assigned
lawyer, the justice bureau over the centre, and the arbitration committee a matter went to.
Anything else answers 404, like a missing object."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from accounts.access import may_act, scope_of
from accounts.models import Role

from .models import Application, ArbitrationLink, FileAccess

OFFICER_ROLES = {Role.LEGAL_AID_OFFICER}
BUREAU_ROLES = {Role.BUREAU_OFFICER}
ARBITRATION_ROLES = {Role.ARBITRATION_CLERK}


def applications_for_user(user) -> QuerySet[Application]:
    """The applications of the centres the user sees, and those assigned to them as lawyer."""
    scope = scope_of(user)
    if scope.city_wide:
        return Application.objects.all()
    if not getattr(user, "is_authenticated", False):
        return Application.objects.none()
    return Application.objects.filter(Q(centre_id__in=sorted(scope.visible)) | Q(lawyer_id=user.pk))


def get_application_for_user(user, pk) -> Application:
    try:
        return applications_for_user(user).select_related("case", "centre", "lawyer").get(pk=pk)
    except (Application.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("application not found") from exc


def get_arbitration_link_for_user(user, pk) -> ArbitrationLink:
    """The committee's staff reach the links sent to them; the centre's, their own."""
    scope = scope_of(user)
    links = ArbitrationLink.objects.select_related("application__case", "committee", "transfer")
    if not scope.city_wide:
        links = links.filter(
            Q(committee_id__in=sorted(scope.visible))
            | Q(application__centre_id__in=sorted(scope.visible))
        )
    try:
        return links.get(pk=pk)
    except (ArbitrationLink.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("link not found") from exc


def get_file_access_for_lawyer(user, pk) -> FileAccess:
    try:
        return FileAccess.objects.select_related("case", "lawyer").get(pk=pk, lawyer_id=user.pk)
    except (FileAccess.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("access not found") from exc


def get_file_access_for_grantor(user, pk) -> FileAccess:
    """The handling organisation of the case decides on a request to read its file."""
    try:
        access = FileAccess.objects.select_related("case", "lawyer").get(pk=pk)
    except (FileAccess.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("access not found") from exc
    if not scope_of(user).sees(access.case.organisation_id):
        raise Http404("access not found")
    return access


def is_officer(user, application: Application) -> bool:
    return may_act(user, application.centre_id, OFFICER_ROLES)


def is_lawyer(user, application: Application) -> bool:
    return application.lawyer_id is not None and application.lawyer_id == user.pk


def is_officer_or_lawyer(user, application: Application) -> bool:
    return is_officer(user, application) or is_lawyer(user, application)


def is_bureau(user, application: Application) -> bool:
    return may_act(user, application.centre_id, BUREAU_ROLES)


def is_committee(user, link: ArbitrationLink) -> bool:
    return may_act(user, link.committee_id, ARBITRATION_ROLES)


def may_grant_file(user, access: FileAccess) -> bool:
    return may_act(user, access.case.organisation_id)


def counties_for_user(user) -> list[str] | None:
    """The counties whose totals a user may read: city-wide roles and the city's centre all
    of them (None), a county centre's staff their county."""
    from accounts.models import Organisation, OrganisationKind

    scope = scope_of(user)
    if scope.city_wide:
        return None
    regions = set(
        Organisation.objects.filter(
            pk__in=sorted(scope.visible), kind=OrganisationKind.LEGAL_AID_CENTRE
        ).values_list("region_id", flat=True)
    )
    if "440800" in regions:
        return None
    return sorted(r for r in regions if r)
