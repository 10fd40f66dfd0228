"""Many hands at once: the helper every concurrency test uses."""

import threading

from django.db import connections


def run_threads(count, target, *, timeout=120):
    """Run ``target(index)`` in ``count`` threads released together by a barrier; returns
    (results, errors), the errors collected for the caller to assert on."""
    barrier = threading.Barrier(count)
    results, errors = [], []

    def body(index):
        try:
            barrier.wait(timeout=30)
            results.append(target(index))
        except Exception as exc:  # collected and asserted by the caller
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=body, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
    return results, errors
