"""``python -m assistant.nlu.rasa_main ARGS``: Rasa's own command line (``rasa ARGS``), with
the action server's responses validated against a schema compiled once.

Rasa 3.6 checks every response of the action server with ``jsonschema.validate``, which first
re-checks the schema itself against the JSON Schema meta-schema: 22 ms of every action call on
the 2-core machine, a third of a KB turn (``make bench``). Here the same schema is checked once
and compiled; a valid response costs under a millisecond, and an invalid one still goes through
Rasa's own check, which raises Rasa's own error. Nothing else of Rasa changes.
"""

from __future__ import annotations

import sys
from typing import Any


def validate_responses_with_a_compiled_schema() -> None:
    import jsonschema
    from rasa.core.actions.action import RemoteAction

    schema = RemoteAction.action_response_format_spec()
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    validator = validator_class(schema)
    rasa_validation = RemoteAction._validate_action_result

    def validate(self: RemoteAction, result: dict[str, Any]) -> bool:
        return validator.is_valid(result) or rasa_validation(self, result)

    RemoteAction._validate_action_result = validate  # type: ignore[method-assign]


def main() -> int:
    from rasa.__main__ import main as rasa_main

    validate_responses_with_a_compiled_schema()
    sys.argv[0] = "rasa"
    rasa_main()
    return 0


if __name__ == "__main__":
    sys.exit(main())
