from django.conf import settings
from oauth2_provider.oauth2_validators import OAuth2Validator


class ClaimsValidator(OAuth2Validator):
    """The claims a province's provider gives: user name and e-mail (scopes profile and email)."""

    def get_additional_claims(self, request) -> dict:
        user = request.user
        return {"preferred_username": user.username, "name": user.get_full_name(), "email": user.email,
                "email_verified": user.username not in settings.UNVERIFIED}
