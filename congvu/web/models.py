from django.db import models


class FormToken(models.Model):
    """A rendered form's one-time token, claimed by its first POST (congvu/web/once.py). The primary key
    refuses a second claim on every database and server alike. Rows older than a day are deleted as new
    ones are claimed."""

    token = models.CharField(max_length=64, primary_key=True)
    claimed_at = models.DateTimeField(db_index=True)
    # Where the first submission's answer sent the browser; "" when it was no redirect; NULL while the
    # first submission is still being acted on.
    location = models.CharField(max_length=2000, null=True, blank=True)

    def __str__(self) -> str:
        return self.token
