"""The staff console's presentation: its pages (sign-in, cases, knowledge-base editor, review
inbox), the view models the pages and the JSON API (``assistant/web/api/``) share, and the
console's web plumbing (session cookie, CSRF, language, page rendering, addresses).

The domain it shows lives in ``assistant/staff/``, ``assistant/cases/``, ``assistant/kb/`` and
``assistant/inbox/``, which import nothing from here.
"""
