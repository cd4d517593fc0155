"""The Bureau staff console's domain: accounts, passwords, sign-in, sessions, roles. Its pages and
API are in ``assistant/web/``."""
