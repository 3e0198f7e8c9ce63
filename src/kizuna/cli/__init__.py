"""The `kizuna` command.

`kizuna match` and `kizuna schedule` run the engine on spreadsheet files with no
database and import only what they use (no Django), so they start fast; `kizuna
serve` becomes gunicorn's master, which imports no Django either. Every other
command (`kizuna worker`, `kizuna periodic`, `kizuna demo`, `kizuna import
organisations FILE`, `kizuna migrate` …) is a Django management command.
"""

from __future__ import annotations

import importlib
import os
import sys

# name -> "module:function"; each function takes argv (without the command name)
# and returns the process exit code.
ENGINE_COMMANDS = {
    "match": "kizuna.cli.match:main",
    "schedule": "kizuna.cli.schedule:main",
    "serve": "kizuna.cli.serve:main",
}


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in ENGINE_COMMANDS:
        module, func = ENGINE_COMMANDS[argv[0]].split(":")
        return int(getattr(importlib.import_module(module), func)(argv[1:]) or 0)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kizuna.site.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["kizuna", *argv])
    return 0


if __name__ == "__main__":
    sys.exit(main())
