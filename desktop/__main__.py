"""``python -m desktop`` and the bundle's entry point: the ``onestop`` command line."""
import sys

from desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
