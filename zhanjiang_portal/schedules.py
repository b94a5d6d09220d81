"""The periodic tasks every deployment runs, kept in django-celery-beat's tables so that an
administrator can see and change them in the admin."""

from __future__ import annotations

# (name, task, every N seconds)
SCHEDULES = [
    ("工作进程心跳 / worker heartbeat", "portal.heartbeat", 60),
    ("期限提醒巡检 / deadline reminder sweep", "deadlines.sweep_reminders", 300),
    ("重发滞留短信 / requeue stuck messages", "notifications.requeue_stuck", 600),
    ("移送补偿投递 / transfer sweep", "transfers.sweep", 60),
    ("移送催办督办 / transfer reminders", "transfers.remind", 3600),
    ("自动分派补漏 / route cases missed at filing", "mediation.sweep_unrouted", 120),
    ("统计汇总刷新 / statistics rollups", "stats.sweep", 600),
    ("无人办理案件上移 / move up cases nobody can act on", "mediation.sweep_stranded", 600),
    ("三务公开逾期提醒 / late village postings", "village_affairs.flag_late_postings", 3600),
    (
        "法律援助逾期未补材料视为撤回 / legal aid: withdraw on silence",
        "legal_aid.sweep_silent",
        3600,
    ),
]


def load_schedules(apps) -> None:
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    for name, task, seconds in SCHEDULES:
        interval, _ = IntervalSchedule.objects.get_or_create(every=seconds, period="seconds")
        PeriodicTask.objects.get_or_create(name=name, defaults={"task": task, "interval": interval})
