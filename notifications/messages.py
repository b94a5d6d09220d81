"""The wording of every message, per event, in Chinese (English comes from locale/en).

Senders name an event and give its facts; the words live here so that they are written,
reviewed and translated in one place."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

# event -> (title, body); placeholders are filled with str.format(**facts).
TEMPLATES = {
    "deadline_before": (
        _("{case_number}：{rule}还有 {days} 天届满"),
        _("案件 {case_number} 的“{rule}”期限将于 {due} 届满，请及时处理。"),
    ),
    "deadline_due": (
        _("{case_number}：{rule}今天届满"),
        _("案件 {case_number} 的“{rule}”期限今天（{due}）届满，请今天内处理。"),
    ),
    "deadline_overdue": (
        _("{case_number}：{rule}已逾期 {days} 天"),
        _("案件 {case_number} 的“{rule}”期限已于 {due} 届满，至今未完成。"),
    ),
    "deadline_escalated": (
        _("督办：{case_number} {rule}逾期 {days} 天"),
        _(
            "您所辖的案件 {case_number} 的“{rule}”期限已于 {due} 届满，"
            "逾期已超过 {working_days} 个工作日，承办人：{responsible}。"
        ),
    ),
    "deadline_escalated_digest": (
        _("督办：{count} 件期限逾期超过规定工作日"),
        _("您所辖的以下案件期限逾期未完成：{cases}。请在“逾期督办”中查看。"),
    ),
    # Messages to parties go out as SMS in Chinese only, whatever language the sender's page uses.
    "party_invitation": (
        "{org}通知",
        "【{org}】{name}您好：您的纠纷（编号{case_number}）{purpose}，请于{due}前办理。{note}",
    ),
    "session_scheduled": (
        "{org}通知",
        "【{org}】{name}您好：您的纠纷（编号{case_number}）定于{when}在{place}调解，请准时参加。",
    ),
    "session_moved": (
        "{org}通知",
        "【{org}】{name}您好：您的纠纷（编号{case_number}）的调解改在{when}在{place}进行，请准时参加。",
    ),
    "session_cancelled": (
        "{org}通知",
        "【{org}】{name}您好：您的纠纷（编号{case_number}）原定{when}的调解已取消，另行通知。",
    ),
    "decision_made": (
        "{org}通知",
        "【{org}】{name}您好：您的纠纷（编号{case_number}）已有处理结果，请凭查询码查看。",
    ),
    # The notices of people's mediation (mediation.notices); the printed notice is a PDF.
    "mediation_accepted": (
        "{org}通知",
        "【{org}】{name}您好：您的纠纷（编号{case_number}）已于{date}受理，由调解员{mediator}"
        "主持调解，人民调解不收费。调解时间另行通知，受理通知书可到调解组织领取。",
    ),
    "mediation_not_accepted": (
        "{org}通知",
        "【{org}】{name}您好：您的纠纷（编号{case_number}）不予受理，原因：{reason}。{routes}",
    ),
    "mediation_terminated": (
        "{org}通知",
        "【{org}】{name}您好：您的纠纷（编号{case_number}）已终止调解，原因：{reason}。{routes}",
    ),
    "send_failed": (
        _("短信/邮件发送失败：{to}"),
        _("{sender}发给 {to} 的{channel}在 {attempts} 次尝试后仍未发出：{error}。内容：{body}"),
    ),
}


def render(event: str, **facts) -> tuple[str, str]:
    title, body = TEMPLATES[event]
    return str(title).format(**facts), str(body).format(**facts).strip()
