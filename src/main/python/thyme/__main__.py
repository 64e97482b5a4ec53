"""python3 -m thyme COMMAND ...: the same as the `thyme` console script (see thyme.cli)."""

import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main())
