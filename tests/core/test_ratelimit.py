"""Whose address a rate limit counts: never one the caller wrote itself."""

import pytest
from django.test import RequestFactory

from mpp.core.ratelimit import client_ip


def request(forwarded=None, remote="10.0.0.9"):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_without_a_proxy_the_socket_address_counts_and_the_header_is_ignored(settings):
    settings.MPP_PROXY_HOPS = 0
    assert client_ip(request("203.0.113.7")) == "10.0.0.9"
    assert client_ip(request(remote="")) == "unknown"


@pytest.mark.parametrize(
    ("forwarded", "hops", "seen"),
    [
        ("198.51.100.4", 1, "198.51.100.4"),  # what the proxy appended
        ("1.2.3.4, 198.51.100.4", 1, "198.51.100.4"),  # a forged first entry changes nothing
        ("5.6.7.8, 1.2.3.4, 198.51.100.4", 1, "198.51.100.4"),
        ("1.2.3.4, 198.51.100.4, 10.1.1.1", 2, "198.51.100.4"),  # two proxies: the outer one's view
        ("198.51.100.4", 2, "198.51.100.4"),  # fewer entries than hops: the leftmost there is
        ("", 1, "10.0.0.9"),
    ],
)
def test_behind_proxies_the_address_the_outermost_saw_counts(settings, forwarded, hops, seen):
    settings.MPP_PROXY_HOPS = hops
    assert client_ip(request(forwarded)) == seen


def test_a_caller_that_varies_the_header_keeps_one_address(settings):
    settings.MPP_PROXY_HOPS = 1
    seen = {client_ip(request(f"192.0.2.{n}, 198.51.100.4")) for n in range(20)}
    assert seen == {"198.51.100.4"}
