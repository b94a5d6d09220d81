"""Demo: the 坡头 petition office's officer and head, and one petition in each state. Safe to
run again (keyed by the petitioner's name at the office)."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from accounts.demo import DEMO_PASSWORD, _demo_user
from accounts.models import Membership, Organisation, Role

from . import services
from .models import Petition, PetitionChannel, PetitionStatus

STAFF = [
    ("petition", "苏梅", Role.PETITION_OFFICER, "petition-440804"),
    ("petitionhead", "邓刚", Role.CENTRE_SUPERVISOR, "petition-440804"),
]
# (petitioner, channel, group size, the state it is brought to)
DEMO = [
    ("梁某（演示·待决定）", PetitionChannel.VISIT, 1, PetitionStatus.REGISTERED),
    ("吴某（演示·不予受理）", PetitionChannel.LETTER, 1, PetitionStatus.NOT_ACCEPTED),
    ("黄某等（演示·集体访）", PetitionChannel.VISIT, 12, PetitionStatus.ACCEPTED),
    ("陈某（演示·已交办）", PetitionChannel.ONLINE, 1, PetitionStatus.TRANSFERRED),
    ("李某（演示·已答复）", PetitionChannel.PHONE, 1, PetitionStatus.REPLIED),
    ("周某（演示·复查中）", PetitionChannel.LETTER, 1, PetitionStatus.REVIEW_REQUESTED),
    ("杨某（演示·复查已答复）", PetitionChannel.VISIT, 1, PetitionStatus.REVIEWED),
]
STEPS = [
    PetitionStatus.REGISTERED,
    PetitionStatus.ACCEPTED,
    PetitionStatus.TRANSFERRED,
    PetitionStatus.REPLIED,
    PetitionStatus.REVIEW_REQUESTED,
    PetitionStatus.REVIEWED,
]


def seed() -> list[tuple[str, str, str]]:
    logins = []
    office = Organisation.objects.get(code="petition-440804")
    for username, full_name, role, org_code in STAFF:
        user = _demo_user(username, full_name, is_admin=False)
        Membership.objects.get_or_create(
            user=user, organisation=Organisation.objects.get(code=org_code), role=role
        )
        logins.append((username, DEMO_PASSWORD, f"{role.label}（{office.name}）"))
    officer = get_user_model().objects.get(username="petition")
    for name, channel, size, state in DEMO:
        if Petition.objects.filter(office=office, petitioner_name=name).exists():
            continue
        petition, _password = services.register_petition(
            data=services.PetitionInput(
                office=office,
                petitioner_name=name,
                petitioner_phone="13800138000",
                matter="反映与邻居因排水沟改道产生的纠纷，要求有关部门协调处理。",
                channel=channel,
                village_code="440804104207",
                is_group=size >= 5,
                group_size=size,
            ),
            actor=officer,
        )
        _advance(petition, state, officer)
    return logins


def _advance(petition: Petition, state: str, officer) -> None:
    if state == PetitionStatus.REGISTERED:
        return
    if state == PetitionStatus.NOT_ACCEPTED:
        services.decide(
            petition,
            accepted=False,
            notice="来信告知：属诉讼途径解决的事项，不予受理。",
            actor=officer,
        )
        return
    petition = services.decide(
        petition, accepted=True, notice="当面告知已受理，60日内书面答复。", actor=officer
    )
    target_index = STEPS.index(state)
    if target_index >= STEPS.index(PetitionStatus.TRANSFERRED) and state != PetitionStatus.REPLIED:
        room = Organisation.objects.get(code="room-440804-family")
        petition = services.hand_over(
            petition,
            target=room,
            note="请婚姻家庭纠纷调解工作室调处。",
            has_consent=True,
            actor=officer,
        )
    if target_index >= STEPS.index(PetitionStatus.REPLIED):
        petition = services.reply(
            petition, text="经调查核实，已协调村委会恢复排水沟原状。", actor=officer
        )
    if target_index >= STEPS.index(PetitionStatus.REVIEW_REQUESTED):
        petition = services.request_review(
            petition, reason="对答复不满意，排水仍不畅。", actor=officer
        )
    if state == PetitionStatus.REVIEWED:
        services.answer_review(petition, text="复查认为原答复正确，予以维持。", actor=officer)
