"""The `congvu` command: Django's management commands with congvu's settings.

    congvu serve     migrate, (with --demo) load the demo province, serve the site and run the sweeps
    congvu demo      build the deterministic demo province into an empty database
    congvu sweep     run the due sweeps once (the server runs them every minute on its own)
    congvu deadline  DD/MM/YYYY N — the due date of an N-working-day period, and why
    congvu bench     the standard workload of DESIGN §8 on the configured database
    congvu audit     verify | seal — the tamper-evident trail
    congvu apitoken  USERNAME — issue an API token for an official (printed once)
"""

import os
import sys

# Everything congvu writes — the SQLite database and its journals, the generated secret key, media
# files, notices, collected static files, scratch benchmark databases — is for the server's account
# only. Set before settings load, so it covers the files they create too; settings and storage also
# set these permissions explicitly, for servers started some other way (e.g. gunicorn congvu.wsgi).
PRIVATE_UMASK = 0o077


def main(argv: list[str] | None = None) -> None:
    os.umask(PRIVATE_UMASK)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "congvu.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["congvu", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    main()
