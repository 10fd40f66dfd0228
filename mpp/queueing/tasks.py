"""Background work of the hall, run by ``manage.py db_worker``."""

from dataclasses import asdict

from django_tasks import task

from mpp.queueing.services import days


@task()
def close_days() -> dict:
    """Cancel what is still open from earlier days and close old counter sessions, every site."""
    return {slug: asdict(closed) for slug, closed in days.close_days().items()}
