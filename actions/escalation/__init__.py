"""The escalation form: notice and consent first, then contact details and a few fields for the
visitor's audience, a confirmation the visitor can correct, and the case.

Nothing personal is stored unless the visitor consents; cancelling at any point keeps nothing
(the form's slots are cleared). After two unusable answers to the same question the form says
what it needs and offers to stop. The form's rules (fields, accepted answers) are in
``assistant/cases/intake.py``; these actions read the tracker, ask it, and say the result.
"""

from actions.escalation.form import ValidateEscalationForm
from actions.escalation.outcome import ActionCancelEscalation, ActionSubmitEscalation
from actions.escalation.questions import (
    ActionAskConsent,
    ActionAskEscalationConfirmed,
    ActionAskSlot,
)

__all__ = [
    "ActionAskConsent",
    "ActionAskEscalationConfirmed",
    "ActionAskSlot",
    "ActionCancelEscalation",
    "ActionSubmitEscalation",
    "ValidateEscalationForm",
]
