from django_tasks import task

from mpp.complaints.services import deadlines


@task()
def check_complaint_deadlines() -> dict[str, int]:
    """Mark overdue complaints and close those left without a reply (run every few minutes)."""
    return deadlines.check_deadlines()
