"""API tokens: how another system (the province's e-office software, the national document axis)
acts as a named official. Only the SHA-256 of a token is stored; the token itself is shown once,
when it is issued (`congvu apitoken <username>`), and can only be revoked, never read back.

A token works only while it is neither revoked nor expired and its official's account is active;
the row keeps who issued and who revoked it, and when."""

from datetime import datetime

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from congvu.org.models import Official


class ApiToken(models.Model):
    official = models.ForeignKey(Official, models.PROTECT, related_name="api_tokens", verbose_name=_("official"))
    name = models.CharField(_("name (the system that uses it)"), max_length=100)
    key_hash = models.CharField(_("the token's SHA-256"), max_length=64, unique=True, editable=False)
    prefix = models.CharField(_("token prefix"), max_length=12, editable=False,
                              help_text=_("To recognise the token by; not enough to use it"))
    created_at = models.DateTimeField(_("issued"))
    issued_by = models.CharField(
        _("issued by"), max_length=150, blank=True,
        help_text=_("The administrator's account, or the server's user who ran congvu apitoken"),
    )
    expires_at = models.DateTimeField(_("expires"))
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked on"), null=True, blank=True)
    revoked_by = models.CharField(_("revoked by"), max_length=150, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["official"], condition=Q(revoked_at__isnull=True), name="api_live_tokens")]

    def __str__(self) -> str:
        return f"{self.prefix}… — {self.name} ({self.official})"

    def is_live_at(self, moment: datetime) -> bool:
        """Neither revoked nor expired at `moment` (the account's own state is checked at sign-in)."""
        return self.revoked_at is None and moment < self.expires_at
