"""The Bureau staff console's domain: accounts, passwords, sign-in, sessions, roles, CSRF."""
