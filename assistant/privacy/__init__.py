"""Privacy under Québec's Law 25: consent records, a person's rights, retention, access log,
confidentiality incidents and the privacy notice (one module per concept)."""
