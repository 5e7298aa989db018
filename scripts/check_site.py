#!/usr/bin/env python3
"""Post-build check of the built site: ``python scripts/check_site.py site``.

The code is :mod:`normdocs_site.check_site` (scripts/normdocs_site/check_site.py).
"""

import sys

from normdocs_site.check_site import main

sys.exit(main())
