"""Every write to a village's registers: one function per verb, each checking the verb's
declaration first, moving state with a conditional UPDATE and writing an AffairsEvent in the
same transaction. Field rules refuse with a ValidationError keyed by field, in Chinese."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import pii
from accounts.identifiers import clean_resident_id, mask_resident_id
from accounts.verbs import CONFLICT, FORBIDDEN, ActionRefused

from . import access, rates
from .models import (
    OPEN_APPLICATION_STATES,
    AffairsEvent,
    ApplicationStatus,
    CommitteeMember,
    CommitteePosition,
    FinanceLine,
    HomesteadApplication,
    HouseholdMember,
    LatePosting,
    LedgerEntry,
    LedgerOutcome,
    LedgerSource,
    MeetingKind,
    Parcel,
    ParcelDispute,
    ParcelEvent,
    ParcelHolder,
    ParcelStatus,
    Posting,
    PostingKind,
    PostingPhoto,
    PostingStatus,
    Question,
    RoundReport,
    RuleStatus,
    RuleVersion,
    Terrain,
)
from .verbs import (
    APPLICATION_VERBS,
    LEDGER_VERBS,
    NOT_YOUR_VILLAGE,
    POSTING_VERBS,
    QUESTION_VERBS,
    RULE_VERBS,
)

CHANGED_MEANWHILE = _("该记录刚被他人修改，请刷新页面后再试。")


def record(obj, *, kind: str, actor, text: str) -> AffairsEvent:
    event = AffairsEvent(
        kind=kind,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        record_type=type(obj).__name__,
        record_id=obj.pk,
        text=str(text)[:500],
    )
    event.place_in(obj.village_id)
    event.save()
    return event


def _require_keeper(actor, village_code: str, *, mediator: bool = False) -> None:
    reach = access.reach_of(actor)
    allowed = reach.mediates(village_code) if mediator else reach.keeps(village_code)
    if actor is not None and not allowed:
        raise ActionRefused(NOT_YOUR_VILLAGE, code=FORBIDDEN)


def _move(obj, new_status: str, **fields) -> None:
    """The conditional UPDATE: from the state the verb was checked against, or a conflict."""
    model = type(obj)
    moved = model.objects.filter(pk=obj.pk, status=obj.status).update(status=new_status, **fields)
    if moved != 1:
        raise ActionRefused(CHANGED_MEANWHILE, code=CONFLICT)
    obj.status = new_status
    for name, value in fields.items():
        setattr(obj, name, value)


# -- village rules --------------------------------------------------------------------------


@dataclass(frozen=True)
class Vote:
    meeting_kind: str
    adopted_on: dt.date
    members_total: int
    present: int
    votes_for: int
    votes_against: int = 0
    votes_abstain: int = 0
    households_total: int | None = None
    households_represented: int | None = None


def check_vote(vote: Vote) -> None:
    """The quorum and majority of art. 22 and 26: a villagers' meeting needs more than half of
    the adult villagers or representatives of two thirds of the households; a representatives'
    meeting two thirds of its members; a decision more than half of those present."""
    errors: dict[str, str] = {}
    if vote.present > vote.members_total:
        errors["present"] = _("实到人数不能多于应到人数。")
    cast = vote.votes_for + vote.votes_against + vote.votes_abstain
    if cast > vote.present:
        errors["votes_for"] = _(
            "赞成、反对、弃权票合计（%(cast)s）不能多于实到人数（%(present)s）。"
        ) % {
            "cast": cast,
            "present": vote.present,
        }
    if vote.meeting_kind == MeetingKind.VILLAGERS:
        by_people = vote.present * 2 > vote.members_total
        by_households = bool(
            vote.households_total
            and vote.households_represented is not None
            and vote.households_represented * 3 >= vote.households_total * 2
        )
        if vote.households_represented and not vote.households_total:
            errors["households_total"] = _("填写到会户数时，请同时填写全村户数。")
        elif (vote.households_represented or 0) > (vote.households_total or 0):
            errors["households_represented"] = _("到会户数不能多于全村户数。")
        if not (by_people or by_households) and "present" not in errors:
            errors["present"] = _(
                "村民会议未达到法定人数：须有本村过半数的年满十八周岁村民参加，"
                "或者本村三分之二以上的户的代表参加。"
            )
    elif vote.meeting_kind == MeetingKind.REPRESENTATIVES:
        if vote.present * 3 < vote.members_total * 2 and "present" not in errors:
            errors["present"] = _("村民代表会议未达到法定人数：须有三分之二以上的组成人员参加。")
    else:
        errors["meeting_kind"] = _("请选择会议类型。")
    if "votes_for" not in errors and vote.votes_for * 2 <= vote.present:
        errors["votes_for"] = _("赞成票未超过到会人员的半数，决定不能通过。")
    if vote.adopted_on > timezone.localdate():
        errors["adopted_on"] = _("通过日期不能晚于今天。")
    if errors:
        raise ValidationError(errors)


def draft_rule(
    *, actor, village_code: str, title: str, text: str, change_note: str = ""
) -> RuleVersion:
    _require_keeper(actor, village_code)
    with transaction.atomic():
        last = (
            RuleVersion.objects.select_for_update()
            .filter(village_id=village_code)
            .order_by("-number")
            .first()
        )
        rule = RuleVersion(
            number=(last.number + 1) if last else 1,
            title=title,
            text=text,
            change_note=change_note,
            based_on=last if last and last.status != RuleStatus.DRAFT else None,
            created_by=actor,
        )
        rule.place_in(village_code)
        rule.save()
        record(rule, kind="rule_drafted", actor=actor, text=_("起草第%(n)s版") % {"n": rule.number})
    return rule


def revise_rule(*, actor, rule: RuleVersion) -> RuleVersion:
    """A change to adopted rules starts as a new draft with the adopted text."""
    RULE_VERBS.check("revise", actor, rule)
    if RuleVersion.objects.filter(village_id=rule.village_id, status=RuleStatus.DRAFT).exists():
        raise ActionRefused(_("本村已有一份草案，请先完成或修改该草案。"))
    return draft_rule(actor=actor, village_code=rule.village_id, title=rule.title, text=rule.text)


def edit_rule(*, actor, rule: RuleVersion, title: str, text: str, change_note: str = "") -> None:
    RULE_VERBS.check("edit", actor, rule)
    with transaction.atomic():
        _move(rule, RuleStatus.DRAFT, title=title, text=text, change_note=change_note)
        record(rule, kind="rule_edited", actor=actor, text=_("修改草案"))


def adopt_rule(*, actor, rule: RuleVersion, vote: Vote) -> None:
    RULE_VERBS.check("adopt", actor, rule)
    check_vote(vote)
    with transaction.atomic():
        _move(rule, RuleStatus.ADOPTED, **vote.__dict__)
        record(
            rule,
            kind="rule_adopted",
            actor=actor,
            text=_("%(meeting)s表决通过：到会%(present)s人，赞成%(yes)s票")
            % {
                "meeting": MeetingKind(vote.meeting_kind).label,
                "present": vote.present,
                "yes": vote.votes_for,
            },
        )


def file_rule(*, actor, rule: RuleVersion, filed_on: dt.date, receipt: str) -> None:
    RULE_VERBS.check("file", actor, rule)
    if rule.adopted_on and filed_on < rule.adopted_on:
        raise ValidationError({"filed_on": _("备案日期不能早于通过日期。")})
    with transaction.atomic():
        _move(rule, RuleStatus.FILED, filed_on=filed_on, filing_receipt=receipt)
        record(
            rule, kind="rule_filed", actor=actor, text=_("报镇备案，回执号 %(r)s") % {"r": receipt}
        )


def review_rule(*, actor, rule: RuleVersion, approved: bool, comment: str) -> None:
    RULE_VERBS.check("review", actor, rule)
    if not approved and not comment.strip():
        raise ValidationError({"review_comment": _("退回修改时请写明审查意见。")})
    new = RuleStatus.APPROVED if approved else RuleStatus.RETURNED
    with transaction.atomic():
        _move(
            rule,
            new,
            review_comment=comment,
            reviewed_on=timezone.localdate(),
            reviewed_by=actor,
        )
        record(rule, kind="rule_reviewed", actor=actor, text=f"{RuleStatus(new).label}：{comment}")


# -- public postings ------------------------------------------------------------------------


@dataclass(frozen=True)
class Line:
    is_income: bool
    category: str
    amount: Decimal
    note: str = ""


@dataclass(frozen=True)
class PostingInput:
    kind: str
    period_start: dt.date
    period_end: dt.date
    title: str
    body: str = ""
    opening_balance: Decimal | None = None
    closing_balance: Decimal | None = None
    lines: tuple[Line, ...] = ()


def check_posting(data: PostingInput) -> None:
    """A period that makes sense and, for finances, opening + income − expense = closing."""
    errors: dict[str, str] = {}
    if data.period_end < data.period_start:
        errors["period_end"] = _("期间止不能早于期间起。")
    if data.kind == PostingKind.FINANCE:
        if data.opening_balance is None:
            errors["opening_balance"] = _("财务公开须填写期初余额。")
        if data.closing_balance is None:
            errors["closing_balance"] = _("财务公开须填写期末余额。")
        if any(line.amount < 0 for line in data.lines):
            errors["lines"] = _("收支金额不能为负数；支出请选“支出”。")
        if not errors:
            income = sum((li.amount for li in data.lines if li.is_income), Decimal("0"))
            expense = sum((li.amount for li in data.lines if not li.is_income), Decimal("0"))
            expected = data.opening_balance + income - expense
            if expected != data.closing_balance:
                errors["closing_balance"] = _(
                    "收支不平：期初 %(o)s + 收入 %(i)s − 支出 %(e)s = %(x)s，与期末余额 %(c)s 不符。"
                ) % {
                    "o": data.opening_balance,
                    "i": income,
                    "e": expense,
                    "x": expected,
                    "c": data.closing_balance,
                }
    elif data.lines:
        errors["lines"] = _("只有财务公开才有收支明细。")
    if errors:
        raise ValidationError(errors)


def _write_posting(posting: Posting, data: PostingInput) -> None:
    for name in ("kind", "period_start", "period_end", "title", "body"):
        setattr(posting, name, getattr(data, name))
    posting.opening_balance = data.opening_balance if data.kind == PostingKind.FINANCE else None
    posting.closing_balance = data.closing_balance if data.kind == PostingKind.FINANCE else None
    posting.save()
    posting.lines.all().delete()
    FinanceLine.objects.bulk_create(
        FinanceLine(posting=posting, **line.__dict__) for line in data.lines
    )


def draft_posting(*, actor, village_code: str, data: PostingInput) -> Posting:
    _require_keeper(actor, village_code)
    check_posting(data)
    with transaction.atomic():
        posting = Posting(created_by=actor)
        posting.place_in(village_code)
        _write_posting(posting, data)
        record(posting, kind="posting_drafted", actor=actor, text=data.title)
    return posting


def edit_posting(*, actor, posting: Posting, data: PostingInput) -> None:
    POSTING_VERBS.check("edit", actor, posting)
    if data.kind != posting.kind and posting.corrects_id:
        raise ValidationError({"kind": _("更正稿不能改变公开类别。")})
    check_posting(data)
    with transaction.atomic():
        if not Posting.objects.filter(pk=posting.pk, status=PostingStatus.DRAFT).exists():
            raise ActionRefused(CHANGED_MEANWHILE, code=CONFLICT)
        _write_posting(posting, data)
        record(posting, kind="posting_edited", actor=actor, text=data.title)


def publish_posting(*, actor, posting: Posting) -> None:
    POSTING_VERBS.check("publish", actor, posting)
    lines = tuple(Line(li.is_income, li.category, li.amount, li.note) for li in posting.lines.all())
    check_posting(
        PostingInput(
            posting.kind,
            posting.period_start,
            posting.period_end,
            posting.title,
            posting.body,
            posting.opening_balance,
            posting.closing_balance,
            lines,
        )
    )
    now = timezone.now()
    with transaction.atomic():
        if posting.corrects_id:
            replaced = Posting.objects.filter(
                pk=posting.corrects_id, status=PostingStatus.PUBLISHED
            ).update(status=PostingStatus.SUPERSEDED)
            if replaced != 1:
                raise ActionRefused(CHANGED_MEANWHILE, code=CONFLICT)
        _move(posting, PostingStatus.PUBLISHED, published_at=now)
        LatePosting.objects.filter(
            village_id=posting.village_id,
            kind=posting.kind,
            period_end__lte=posting.period_end,
            resolved_at=None,
        ).update(resolved_at=now)
        text = _("公开：%(t)s") % {"t": posting.title}
        if posting.corrects_id:
            text = _("更正公开（第%(v)s版）：%(r)s") % {
                "v": posting.version,
                "r": posting.correction_reason,
            }
        record(posting, kind="posting_published", actor=actor, text=text)


def correct_posting(*, actor, posting: Posting, reason: str) -> Posting:
    """A published posting is never edited: its correction is a new version, a draft until it
    is published, carrying the reason."""
    POSTING_VERBS.check("correct", actor, posting)
    if not reason.strip():
        raise ValidationError({"correction_reason": _("请写明更正原因。")})
    if posting.corrections.filter(status=PostingStatus.DRAFT).exists():
        raise ActionRefused(_("该公开已有一份更正稿，请修改并公开那份更正稿。"))
    with transaction.atomic():
        new = Posting(
            kind=posting.kind,
            period_start=posting.period_start,
            period_end=posting.period_end,
            title=posting.title,
            body=posting.body,
            opening_balance=posting.opening_balance,
            closing_balance=posting.closing_balance,
            version=posting.version + 1,
            corrects=posting,
            correction_reason=reason.strip(),
            created_by=actor,
        )
        new.place_in(posting.village_id)
        new.save()
        FinanceLine.objects.bulk_create(
            FinanceLine(
                posting=new,
                is_income=li.is_income,
                category=li.category,
                amount=li.amount,
                note=li.note,
            )
            for li in posting.lines.all()
        )
        record(posting, kind="posting_corrected", actor=actor, text=reason.strip())
    return new


# Photos of the posting board: images only, checked by content like case evidence.
PHOTO_TYPES = ("image/jpeg", "image/png", "image/webp", "image/heic")
MAX_PHOTOS = 6


def add_photo(*, actor, posting: Posting, upload) -> PostingPhoto:
    from cases.evidence import max_bytes, sniff_type

    POSTING_VERBS.check("edit", actor, posting)
    if upload.size is None or upload.size > max_bytes():
        raise ValidationError(
            {"photo": _("文件太大：每个文件不能超过 %(mb)s MB。") % {"mb": max_bytes() // 2**20}}
        )
    if upload.size == 0:
        raise ValidationError({"photo": _("文件是空的，请重新选择。")})
    upload.seek(0)
    content_type = sniff_type(upload.read(8192))
    upload.seek(0)
    if content_type not in PHOTO_TYPES:
        raise ValidationError(
            {"photo": _("只能上传照片（JPG、PNG、WEBP、HEIC）；这个文件的内容不是照片。")}
        )
    if posting.photos.count() >= MAX_PHOTOS:
        raise ValidationError({"photo": _("每条公开最多 %(n)s 张照片。") % {"n": MAX_PHOTOS}})
    content = upload.read()
    photo = PostingPhoto(
        posting=posting,
        original_name=Path(upload.name or "photo").name[:200],
        content_type=content_type,
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
    )
    photo.file.save(secrets.token_hex(20), ContentFile(content), save=False)
    with transaction.atomic():
        photo.save()
        record(posting, kind="posting_photo", actor=actor, text=photo.original_name)
    return photo


def ask_question(*, posting: Posting, asker_name: str, text: str) -> Question:
    if posting.status != PostingStatus.PUBLISHED:
        raise ActionRefused(_("只能对正在公开的内容提问。"))
    if not text.strip():
        raise ValidationError({"text": _("请写下您的问题。")})
    return Question.objects.create(
        posting=posting, asker_name=asker_name.strip(), text=text.strip()
    )


def answer_question(*, actor, question: Question, answer: str) -> None:
    QUESTION_VERBS.check("answer", actor, question)
    if not answer.strip():
        raise ValidationError({"answer": _("请填写答复内容。")})
    with transaction.atomic():
        moved = Question.objects.filter(pk=question.pk, answered_at=None).update(
            answer=answer.strip(), answered_at=timezone.now(), answered_by=actor
        )
        if moved != 1:
            raise ActionRefused(CHANGED_MEANWHILE, code=CONFLICT)
        record(question.posting, kind="question_answered", actor=actor, text=answer.strip())


# -- homesteads -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Member:
    name: str
    relation: str
    id_number: str


def area_cap(terrain: str) -> Decimal:
    return Decimal(str(settings.HOMESTEAD_AREA_CAPS[terrain]))


def _member_hashes(members: list[Member]) -> list[tuple[Member, str, str]]:
    errors, rows, seen = [], [], set()
    for i, member in enumerate(members, start=1):
        try:
            number = clean_resident_id(member.id_number)
        except ValidationError as exc:
            errors.append(_("第%(i)s位成员：%(e)s") % {"i": i, "e": exc.messages[0]})
            continue
        digest = pii.lookup_hash(number)
        if digest in seen:
            errors.append(_("第%(i)s位成员的身份证号重复填写。") % {"i": i})
        seen.add(digest)
        rows.append((member, number, digest))
    if errors:
        raise ValidationError({"members": errors})
    return rows


def check_one_household(hashes: list[str], *, except_application: int | None = None) -> None:
    """One household, one homestead: no member may be in a household that holds a parcel on
    the register or has an application open, anywhere in the city."""
    held = (
        ParcelHolder.objects.filter(id_number_hash__in=hashes, parcel__status=ParcelStatus.ACTIVE)
        .select_related("parcel")
        .first()
    )
    if held:
        raise ValidationError(
            {
                "members": _(
                    "一户一宅：成员 %(name)s（%(id)s）所在户已有宅基地（宗地 %(parcel)s），不能再申请。"
                )
                % {"name": held.name, "id": held.id_number_masked, "parcel": held.parcel.number}
            }
        )
    pending = HouseholdMember.objects.filter(
        id_number_hash__in=hashes, application__status__in=OPEN_APPLICATION_STATES
    ).exclude(application_id=except_application)
    other = pending.select_related("application").first()
    if other:
        raise ValidationError(
            {
                "members": _(
                    "一户一宅：成员 %(name)s（%(id)s）已在申请 %(number)s 中，该申请尚未办结。"
                )
                % {
                    "name": other.name,
                    "id": other.id_number_masked,
                    "number": other.application.number,
                }
            }
        )


@dataclass(frozen=True)
class ApplicationInput:
    head_name: str
    members: tuple[Member, ...]
    requested_area: Decimal
    terrain: str
    location: str
    reason: str
    current_homesteads: str = ""
    has_transferred_house: bool = False


def submit_application(*, actor, village_code: str, data: ApplicationInput) -> HomesteadApplication:
    _require_keeper(actor, village_code)
    errors: dict[str, str] = {}
    if data.terrain not in Terrain.values:
        raise ValidationError({"terrain": _("请选择地形类别。")})
    cap = area_cap(data.terrain)
    if data.requested_area <= 0 or data.requested_area > cap:
        errors["requested_area"] = _("申请面积须大于0且不超过 %(cap)s ㎡（%(terrain)s标准）。") % {
            "cap": cap,
            "terrain": Terrain(data.terrain).label,
        }
    if data.has_transferred_house:
        errors["has_transferred_house"] = _("出卖、出租或赠与住宅后，依法不再批准宅基地。")
    if not data.members:
        errors["members"] = _("请至少填写户主本人。")
    if errors:
        raise ValidationError(errors)
    rows = _member_hashes(list(data.members))
    with transaction.atomic():
        # One application at a time takes the check, so two desks cannot both pass it.
        list(HomesteadApplication.objects.select_for_update().filter(village_id=village_code)[:1])
        check_one_household([digest for _m, _n, digest in rows])
        application = HomesteadApplication(
            number=f"pending-{secrets.token_hex(8)}",
            created_by=actor,
            **{k: v for k, v in data.__dict__.items() if k != "members"},
        )
        application.place_in(village_code)
        application.save()
        application.number = f"宅申{timezone.localdate():%Y}-{application.pk:05d}"
        application.save(update_fields=["number"])
        HouseholdMember.objects.bulk_create(
            HouseholdMember(
                application=application,
                name=member.name,
                relation=member.relation,
                id_number_encrypted=pii.encrypt(number),
                id_number_hash=digest,
                id_number_masked=mask_resident_id(number),
            )
            for member, number, digest in rows
        )
        record(application, kind="homestead_submitted", actor=actor, text=application.head_name)
    return application


def village_review(*, actor, application: HomesteadApplication, agree: bool, comment: str) -> None:
    APPLICATION_VERBS.check("village_review", actor, application)
    if not agree and not comment.strip():
        raise ValidationError({"village_comment": _("不同意时请写明理由。")})
    new = ApplicationStatus.VILLAGE_APPROVED if agree else ApplicationStatus.REFUSED
    extra = {} if agree else {"decision_reason": comment, "decided_at": timezone.now()}
    with transaction.atomic():
        _move(application, new, village_comment=comment, **extra)
        record(application, kind="homestead_village_reviewed", actor=actor, text=comment)


def post_notice(
    *, actor, application: HomesteadApplication, notice_from: dt.date, notice_until: dt.date
) -> None:
    APPLICATION_VERBS.check("notice", actor, application)
    if notice_until <= notice_from:
        raise ValidationError({"notice_until": _("公示截止日期须晚于开始日期。")})
    with transaction.atomic():
        _move(
            application,
            ApplicationStatus.NOTICE,
            notice_from=notice_from,
            notice_until=notice_until,
        )
        record(
            application,
            kind="homestead_noticed",
            actor=actor,
            text=_("公示 %(a)s 至 %(b)s") % {"a": notice_from, "b": notice_until},
        )


def approve_application(*, actor, application: HomesteadApplication, reason: str = "") -> Parcel:
    APPLICATION_VERBS.check("approve", actor, application)
    if application.notice_until and application.notice_until >= timezone.localdate():
        raise ActionRefused(
            _("公示期尚未届满（至 %(d)s），期满后才能批准。") % {"d": application.notice_until}
        )
    members = list(application.members.all())
    with transaction.atomic():
        check_one_household([m.id_number_hash for m in members], except_application=application.pk)
        _move(
            application,
            ApplicationStatus.APPROVED,
            decision_reason=reason,
            decided_at=timezone.now(),
            decided_by=actor,
        )
        parcel = Parcel(
            number=f"{application.village_id}-{application.number}",
            household_head=application.head_name,
            area=application.requested_area,
            location=application.location,
            application=application,
        )
        parcel.place_in(application.village_id)
        parcel.save()
        ParcelHolder.objects.bulk_create(
            ParcelHolder(
                parcel=parcel,
                name=m.name,
                id_number_hash=m.id_number_hash,
                id_number_masked=m.id_number_masked,
            )
            for m in members
        )
        ParcelEvent.objects.create(
            parcel=parcel,
            actor=actor,
            kind="approved",
            text=_("镇政府批准申请 %(n)s，登记入册") % {"n": application.number},
        )
        record(application, kind="homestead_approved", actor=actor, text=reason)
    return parcel


def refuse_application(*, actor, application: HomesteadApplication, reason: str) -> None:
    APPLICATION_VERBS.check("refuse", actor, application)
    if not reason.strip():
        raise ValidationError({"decision_reason": _("不予批准时须写明理由。")})
    with transaction.atomic():
        _move(
            application,
            ApplicationStatus.REFUSED,
            decision_reason=reason.strip(),
            decided_at=timezone.now(),
            decided_by=actor,
        )
        record(application, kind="homestead_refused", actor=actor, text=reason.strip())


def register_parcel(
    *,
    actor,
    village_code: str,
    number: str,
    household_head: str,
    area: Decimal,
    location: str,
    certificate_number: str = "",
    holders: tuple[Member, ...] = (),
) -> Parcel:
    """Enter a parcel that predates the portal into the register."""
    _require_keeper(actor, village_code)
    if Parcel.objects.filter(number=number).exists():
        raise ValidationError({"number": _("宗地编号 %(n)s 已在册。") % {"n": number}})
    rows = _member_hashes(list(holders))
    with transaction.atomic():
        check_one_household([digest for _m, _n, digest in rows])
        parcel = Parcel(
            number=number,
            household_head=household_head,
            area=area,
            location=location,
            certificate_number=certificate_number,
        )
        parcel.place_in(village_code)
        parcel.save()
        ParcelHolder.objects.bulk_create(
            ParcelHolder(
                parcel=parcel,
                name=m.name,
                id_number_hash=digest,
                id_number_masked=mask_resident_id(n),
            )
            for m, n, digest in rows
        )
        ParcelEvent.objects.create(
            parcel=parcel, actor=actor, kind="registered", text=_("登记入册")
        )
    return parcel


def link_dispute(*, actor, parcel: Parcel, case) -> ParcelDispute:
    """Link a homestead dispute case (one the actor can reach) to the parcel."""
    reach = access.reach_of(actor)
    if not (reach.keeps(parcel.village_id) or reach.mediates(parcel.village_id)):
        raise ActionRefused(NOT_YOUR_VILLAGE, code=FORBIDDEN)
    with transaction.atomic():
        link, created = ParcelDispute.objects.get_or_create(
            parcel=parcel, case=case, defaults={"linked_by": actor}
        )
        if created:
            ParcelEvent.objects.create(
                parcel=parcel,
                actor=actor,
                kind="dispute_linked",
                text=_("关联纠纷案件 %(n)s") % {"n": case.number},
            )
    return link


# -- committee and ledger -------------------------------------------------------------------


def add_committee_member(
    *, actor, village_code: str, name: str, position: str, phone: str = "", user=None
) -> CommitteeMember:
    _require_keeper(actor, village_code)
    if (
        position == CommitteePosition.CHAIR
        and CommitteeMember.objects.filter(
            village_id=village_code, position=CommitteePosition.CHAIR, is_active=True
        ).exists()
    ):
        raise ValidationError({"position": _("本村调委会已有主任；请先登记原主任离任。")})
    with transaction.atomic():
        member = CommitteeMember(name=name, position=position, phone=phone, user=user)
        member.place_in(village_code)
        member.save()
        record(member, kind="committee_member_added", actor=actor, text=name)
    return member


def end_committee_member(*, actor, member: CommitteeMember) -> None:
    _require_keeper(actor, member.village_id)
    with transaction.atomic():
        CommitteeMember.objects.filter(pk=member.pk).update(is_active=False)
        record(member, kind="committee_member_ended", actor=actor, text=member.name)


def month_of(day: dt.date) -> dt.date:
    return day.replace(day=1)


def record_ledger_entry(
    *,
    actor,
    village_code: str,
    found_on: dt.date,
    source: str,
    parties: str,
    category,
    summary: str,
    case=None,
) -> LedgerEntry:
    _require_keeper(actor, village_code, mediator=True)
    if found_on > timezone.localdate():
        raise ValidationError({"found_on": _("日期不能晚于今天。")})
    if source not in LedgerSource.values:
        raise ValidationError({"source": _("请选择来源。")})
    with transaction.atomic():
        entry = LedgerEntry(
            month=month_of(found_on),
            found_on=found_on,
            source=source,
            parties=parties,
            category=category,
            summary=summary,
            case=case,
            recorded_by=actor,
        )
        entry.place_in(village_code)
        entry.save()
        rates.count(entry, handled=1)
        record(entry, kind="ledger_recorded", actor=actor, text=parties)
    return entry


def close_ledger_entry(
    *, actor, entry: LedgerEntry, outcome: str, note: str = "", closed_on: dt.date | None = None
) -> None:
    LEDGER_VERBS.check("close", actor, entry)
    if outcome not in (LedgerOutcome.SETTLED, LedgerOutcome.REFERRED, LedgerOutcome.FAILED):
        raise ValidationError({"outcome": _("请选择化解结果。")})
    closed_on = closed_on or timezone.localdate()
    if closed_on < entry.found_on:
        raise ValidationError({"closed_on": _("办结日期不能早于发现日期。")})
    with transaction.atomic():
        moved = LedgerEntry.objects.filter(pk=entry.pk, outcome=LedgerOutcome.PENDING).update(
            outcome=outcome, outcome_note=note, closed_on=closed_on
        )
        if moved != 1:
            raise ActionRefused(CHANGED_MEANWHILE, code=CONFLICT)
        entry.outcome, entry.outcome_note, entry.closed_on = outcome, note, closed_on
        rates.count(entry, concluded=1, settled=int(outcome == LedgerOutcome.SETTLED))
        record(entry, kind="ledger_closed", actor=actor, text=str(LedgerOutcome(outcome).label))


def record_round(
    *,
    actor,
    village_code: str,
    month: dt.date,
    done_on: dt.date,
    found_count: int,
    note: str = "",
) -> RoundReport:
    """The month's screening round; zero found is a report too (零报告)."""
    _require_keeper(actor, village_code, mediator=True)
    month = month_of(month)
    if done_on > timezone.localdate():
        raise ValidationError({"done_on": _("排查日期不能晚于今天。")})
    if RoundReport.objects.filter(village_id=village_code, month=month).exists():
        raise ValidationError({"month": _("%(m)s 的排查已报告过。") % {"m": f"{month:%Y-%m}"}})
    with transaction.atomic():
        report = RoundReport(
            month=month, done_on=done_on, found_count=found_count, note=note, recorded_by=actor
        )
        report.place_in(village_code)
        report.save()
        record(
            report,
            kind="round_reported",
            actor=actor,
            text=_("%(m)s 排查：发现 %(n)s 件") % {"m": f"{month:%Y-%m}", "n": found_count},
        )
    return report
