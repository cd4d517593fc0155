"""Privacy under Québec's Law 25: retention of every store, the staff access log, the register
of confidentiality incidents, the public privacy notice, consent records and a person's rights."""
