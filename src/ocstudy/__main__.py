"""``python -m ocstudy`` is the same as the ``ocstudy`` command."""

import sys

from ocstudy.cli import main

sys.exit(main())
