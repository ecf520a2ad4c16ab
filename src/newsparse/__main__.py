"""Run the command line: ``python -m newsparse``."""

import sys

from newsparse.cli import main

sys.exit(main())
