"""Start the test identity provider in a second process, for as long as a `with` block lasts."""

import json
import os
import select
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

PASSWORD = "mat-khau-cua-tinh-2026"  # noqa: S105 - every test person's password at the provider
STARTUP_SECONDS = 120  # migrating a new database on a busy 2-core machine; a hung start fails the test


@dataclass(frozen=True)
class IdentityProvider:
    url: str  # http://127.0.0.1:PORT
    client_id: str
    client_secret: str

    @property
    def issuer(self) -> str:
        return f"{self.url}/o"


@contextmanager
def running(folder: Path, redirect_uris: list[str], people: list[dict], unverified: tuple[str, ...] = ()
            ) -> Iterator[IdentityProvider]:
    """The provider, knowing congvu as a confidential client with these redirect URIs and these
    people (username, email; all with PASSWORD). Its log is `folder/provider.log`."""
    client = {"id": "congvu-test", "secret": "bi-mat-cua-congvu-tai-tinh", "redirect_uris": redirect_uris}
    config = folder / "provider.json"
    config.write_text(json.dumps({
        "database": str(folder / "provider.sqlite3"), "client": client, "unverified": list(unverified),
        "people": [{**person, "password": PASSWORD} for person in people],
    }))
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")}
    with open(folder / "provider.log", "w") as log:
        process = subprocess.Popen([sys.executable, "-m", "congvu.web.tests.oidc_provider", str(config)],
                                   stdout=subprocess.PIPE, stderr=log, text=True, env=env)
        try:
            yield IdentityProvider(f"http://127.0.0.1:{first_line(process, folder)}", client["id"], client["secret"])
        finally:
            process.terminate()
            process.wait(timeout=30)


def first_line(process: subprocess.Popen, folder: Path) -> int:
    """The port the provider printed once it was ready."""
    ready, _, _ = select.select([process.stdout], [], [], STARTUP_SECONDS)
    line = process.stdout.readline() if ready else ""
    if not line.strip().isdigit():
        raise RuntimeError(f"the identity provider did not start:\n{(folder / 'provider.log').read_text()}")
    return int(line)
