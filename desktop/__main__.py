"""``python -m desktop`` and the bundle's entry point: the ``onestop`` command line.

Started from the bundle with no arguments (a double-click), it opens the kiosk window.
"""
import sys

from desktop.cli import main

if __name__ == "__main__":
    frozen = getattr(sys, "frozen", False)
    sys.exit(main(sys.argv[1:] or (["gui"] if frozen else [])))
