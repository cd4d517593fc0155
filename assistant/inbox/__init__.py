"""The KB review inbox: questions the assistant failed on, masked, grouped, acted upon.

sources (where failures come from) → masking → collector (counted items) → grouping
(embeddings) → service (the open groups and the editor's actions, through the KB store).
The console's pages and JSON API are in ``assistant/web/staff/`` and ``assistant/web/api/``.
"""
