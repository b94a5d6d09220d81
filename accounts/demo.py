"""Demo staff: one login per role, all around 坡头区 so that their work meets.

Run through ``python manage.py seed_demo``; idempotent.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model

from .models import Membership, Organisation, OrganisationKind, Role

DEMO_PASSWORD = "zj-demo-2026"

# (username, full name, role, organisation code)
DEMO_STAFF = [
    ("window", "李敏", Role.WINDOW_CLERK, "window-440804"),
    ("mediator", "陈海", Role.MEDIATOR, "room-440804-family"),
    ("supervisor", "王强", Role.CENTRE_SUPERVISOR, "centre-440804"),
    ("clerk", "林芳", Role.COURT_CLERK, "court-0804"),
    ("bureau", "黄伟", Role.BUREAU_OFFICER, "bureau-440804"),
    ("legalaid", "吴静", Role.LEGAL_AID_OFFICER, "legalaid-440804"),
    ("lawyer", "张明", Role.LAWYER, "lawfirm-demo"),
    ("village", "梁东", Role.VILLAGE_CLERK, "vc-440804104207"),
    # "Small matters stay in the village": 高岭村's mediation committee and its town's.
    ("villagemediator", "梁秀兰", Role.MEDIATOR, "pmc-440804104207"),
    ("town", "冯涛", Role.MEDIATOR, "pmc-440804104"),
    ("town", "冯涛", Role.CENTRE_SUPERVISOR, "pmc-440804104"),
    ("leader", "周立", Role.CITY_LEADER, "plc-city"),
    ("admin", "系统管理员", Role.ADMINISTRATOR, "plc-city"),
]


def seed() -> list[tuple[str, str, str]]:
    """Create the demo staff; returns (username, password, role name) for printing."""
    Organisation.objects.get_or_create(
        code="lawfirm-demo",
        defaults={
            "name": "广东湛江海湾律师事务所（演示）",
            "kind": OrganisationKind.LAW_FIRM,
            "region_id": "440804",
        },
    )
    roles: dict[str, list[str]] = {}
    for username, full_name, role, org_code in DEMO_STAFF:
        user = _demo_user(username, full_name, is_admin=role == Role.ADMINISTRATOR)
        organisation = Organisation.objects.get(code=org_code)
        Membership.objects.get_or_create(user=user, organisation=organisation, role=role)
        roles.setdefault(username, []).append(f"{role.label}（{organisation.name}）")
    return [(username, DEMO_PASSWORD, "、".join(labels)) for username, labels in roles.items()]


def _demo_user(username: str, full_name: str, *, is_admin: bool):
    user, _created = get_user_model().objects.get_or_create(
        username=username,
        defaults={
            "last_name": full_name[:1],
            "first_name": full_name[1:],
            "is_staff": is_admin,
            "is_superuser": is_admin,
        },
    )
    # Re-hashing would change the row on every run; only set a password that does not match.
    if not user.check_password(DEMO_PASSWORD):
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    return user
