#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys


def settings_from_argv(argv: list[str]) -> str | None:
    """The ``--settings`` option as Django reads it (``--settings=x`` or ``--settings x``).

    The settings are loaded below, before Django parses the command line, to report a
    configuration error in one line; without this the option was ignored and the local settings
    ran whatever the command line said.
    """
    for index, arg in enumerate(argv):
        if arg == "--":
            break
        if arg.startswith("--settings="):
            return arg.split("=", 1)[1]
        if arg == "--settings" and index + 1 < len(argv):
            return argv[index + 1]
    return None


def main() -> None:
    chosen = settings_from_argv(sys.argv[1:])
    if chosen:
        os.environ["DJANGO_SETTINGS_MODULE"] = chosen
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    from django.core.exceptions import ImproperlyConfigured

    try:
        from django.conf import settings

        settings.INSTALLED_APPS  # noqa: B018 - load the settings now, to report them plainly
    except ImproperlyConfigured as exc:
        sys.exit(f"Configuration error: {exc}")

    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
