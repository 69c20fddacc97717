"""The `congvu` command: Django's management commands with congvu's settings.

    congvu serve     migrate, (with --demo) load the demo province, serve the site and run the sweeps
    congvu demo      build the deterministic demo province into an empty database
    congvu sweep     run the due sweeps once (the server runs them every minute on its own)
    congvu deadline  DD/MM/YYYY N — the due date of an N-working-day period, and why
    congvu bench     the standard workload of DESIGN §8 on the configured database
    congvu audit     verify | seal — the tamper-evident trail
    congvu listbench the item list page at N items, in a scratch database
    congvu simulate  --items N: two years of a synthetic province through the real actions, into an empty database
    congvu apitoken  USERNAME — issue an API token for an official (printed once)

`serve` and `demo` migrate the database themselves; any other command that needs it, on a database
not reachable or not migrated, says in Vietnamese what to run (`congvu migrate`) and exits with
status 1 instead of a traceback.
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
    from django.db import DatabaseError

    try:
        execute_from_command_line(["congvu", *(sys.argv[1:] if argv is None else argv)])
    except DatabaseError:
        # congvu's own commands check the database before they start (congvu/ops/dbcheck.py); this
        # covers the rest (Django's createsuperuser, changepassword, loaddata …) after the fact.
        from congvu.ops.dbcheck import exit_if_unmigrated

        exit_if_unmigrated()
        raise


if __name__ == "__main__":
    main()
