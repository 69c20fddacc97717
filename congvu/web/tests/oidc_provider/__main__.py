"""Run the test identity provider: `python -m congvu.web.tests.oidc_provider CONFIG.json`.

CONFIG names the database file, the client congvu is (id, secret, redirect URIs) and the people
(username, password, e-mail). The provider listens on a free port of 127.0.0.1 and prints that port
as its first line, then serves (several threads: a browser opens more than one connection) until
it is stopped."""

import json
import os
import sys


def main(config_path: str) -> None:
    with open(config_path) as config_file:
        config = json.load(config_file)
    os.environ["IDP_DATABASE"] = config["database"]
    os.environ["IDP_UNVERIFIED"] = json.dumps(config.get("unverified", []))
    os.environ["DJANGO_SETTINGS_MODULE"] = "congvu.web.tests.oidc_provider.settings"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    create(config)
    serve()


def create(config: dict) -> None:
    from django.contrib.auth import get_user_model
    from oauth2_provider.models import Application

    for person in config["people"]:
        get_user_model().objects.create_user(person["username"], email=person["email"], password=person["password"])
    client = config["client"]
    Application.objects.create(
        name="congvu", client_id=client["id"], client_secret=client["secret"],
        client_type=Application.CLIENT_CONFIDENTIAL, authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        redirect_uris=" ".join(client["redirect_uris"]), algorithm=Application.RS256_ALGORITHM,
        skip_authorization=True,  # the province's own application: no consent page
    )


def serve() -> None:
    from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler
    from django.core.wsgi import get_wsgi_application

    server = ThreadedWSGIServer(("127.0.0.1", 0), WSGIRequestHandler)
    server.set_app(get_wsgi_application())
    print(server.server_port, flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main(sys.argv[1])
