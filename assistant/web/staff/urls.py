"""The staff console's addresses that views and redirects link to."""

from __future__ import annotations

HOME = "/staff"
KB_LIST = "/staff/kb"
INBOX = "/staff/inbox"
INSIGHTS = "/staff/insights"
PRIVACY = "/staff/privacy"


def editor_url(entry_id: str) -> str:
    """The page where a knowledge-base entry (published or draft) is edited."""
    return f"{KB_LIST}/{entry_id}"


def case_url(case_id: int) -> str:
    return f"{HOME}/cases/{case_id}"

ACCOUNTS = "/staff/accounts"  # admins: the staff accounts
ACCOUNT_AUDIT = "/staff/accounts/audit"
MY_ACCOUNT = "/staff/account"  # anyone signed in: their own password


def account_action_url(staff_id: int, action: str) -> str:
    return f"{ACCOUNTS}/{staff_id}/{action}"
