"""The KB review inbox: questions the assistant failed on, masked, grouped, acted upon.

sources (where failures come from) → masking → collector (counted items) → grouping
(embeddings) → service (the view and the editor's actions, through the KB store).
"""
