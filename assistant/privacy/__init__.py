"""Privacy under Québec's Law 25, one module per concept: consent records (``consent``,
``form_turns``), a person's rights — find, export, rectify, delete, audited (``rights*``) —,
retention of every store (``retention*``), the staff access log (``access_log``), the register
of confidentiality incidents (``incidents``) and the public privacy notice (``notice``)."""
