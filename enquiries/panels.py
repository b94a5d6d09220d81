"""The case page's 12368 panel: whether the parties have a password, and a button to give one."""

from __future__ import annotations

from accounts.access import may_act

from .models import EnquiryPassword


def case_password_context(request, case) -> dict:
    issued = EnquiryPassword.objects.filter(case=case).values_list("issued_at", flat=True).first()
    return {
        "enquiry_issued_at": issued,
        "may_issue_password": may_act(request.user, case.organisation_id),
    }
