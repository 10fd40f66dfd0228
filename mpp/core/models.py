from django.db import models


class Heartbeat(models.Model):
    """One row the health check writes, to prove the database accepts writes."""

    at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M:%S}"
