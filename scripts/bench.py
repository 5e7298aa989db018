#!/usr/bin/env python
"""The benchmark of the Performance page: :mod:`normdocs_site.bench` (how it measures)."""

import sys

from normdocs_site.bench.cli import main

sys.exit(main())
