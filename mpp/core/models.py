from django.db import models


class Heartbeat(models.Model):
    """One row the health check writes, to prove the database accepts writes."""

    at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M:%S}"


class RateLimitHit(models.Model):
    """One attempt counted against a limit (a wrong tracking PIN, a booking, ...).

    Kept in the database, not in a process's memory, so that every server process
    counts the same attempts.
    """

    bucket = models.CharField(max_length=40)
    key = models.CharField(max_length=64)
    at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["bucket", "key", "at"], name="ratelimit_window")]

    def __str__(self) -> str:
        return f"{self.bucket}:{self.key}"
