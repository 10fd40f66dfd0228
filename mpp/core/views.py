from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST, require_safe

from mpp.core import clock
from mpp.core.db import write_transaction
from mpp.core.models import Heartbeat


@require_safe
@never_cache
def health(request):
    """For the load balancer and the hall's monitor: the app answers and the database too."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


@csrf_exempt
@require_POST
@never_cache
def health_write(request):
    """The database takes a write: one short write transaction, like every change the hall makes.

    Monitoring uses it to see a full disk or a locked database; the queue benchmark
    uses it as the bare endpoint that call-next is measured against.
    """
    with write_transaction():
        updated = Heartbeat.objects.filter(pk=1).update(at=clock.now())
        if not updated:
            Heartbeat.objects.update_or_create(pk=1, defaults={"at": clock.now()})
    return JsonResponse({"status": "ok"})
