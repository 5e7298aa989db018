#!/usr/bin/env python3
"""Check or rewrite the ``#>`` lines of the examples: ``python scripts/snippets.py --help``.

The code is :mod:`normdocs_site.examples` (scripts/normdocs_site/examples.py).
"""

import sys

from normdocs_site.examples import main

sys.exit(main())
