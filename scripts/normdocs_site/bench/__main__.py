"""``python -m normdocs_site.bench``: the same as ``python scripts/bench.py``."""

import sys

from normdocs_site.bench.cli import main

sys.exit(main())
