"""python3 -m thyme export <module.py> [--out DIR]: one job spec per dataset with a source."""

import argparse
import sys

from ._export import export
from ._rules import ThymeError


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python3 -m thyme")
    commands = parser.add_subparsers(dest="command", required=True)
    export_cmd = commands.add_parser("export", help="write job specs for a module's datasets")
    export_cmd.add_argument("module", help="a Python file that declares datasets")
    export_cmd.add_argument("--out", default="jobs", help="directory for the specs (default: jobs)")
    args = parser.parse_args(argv)
    try:
        written = export(args.module, args.out)
    except ThymeError as e:
        print("%s: %s" % (args.module, e), file=sys.stderr)
        return 1
    if not written:
        print("%s declares no dataset with a @source; nothing written" % args.module,
              file=sys.stderr)
        return 1
    for path in written:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
