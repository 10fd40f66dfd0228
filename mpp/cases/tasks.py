from django_tasks import task

from mpp.cases import services


@task()
def check_overdue_applications() -> int:
    """Mark overdue applications and tell their agency admins (run every few minutes)."""
    return services.check_overdue()
