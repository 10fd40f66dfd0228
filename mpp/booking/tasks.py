from django_tasks import task

from mpp.booking import services


@task()
def sweep_bookings() -> dict:
    """Expire unconfirmed holds, mark no-shows, send reminders (run every few minutes)."""
    return services.sweep()
