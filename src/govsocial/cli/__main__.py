"""``python -m govsocial.cli``: the same as the ``govsocial`` command."""

import sys

from govsocial.cli.main import main

sys.exit(main())
