from ninja import Router, Schema

from mpp.api.auth import STAFF

router = Router(tags=["staff"])


class MembershipOut(Schema):
    site: str
    role: str
    agency: str | None


class MeOut(Schema):
    username: str
    name: str
    is_superuser: bool
    memberships: list[MembershipOut]


@router.get("/me", response=MeOut, auth=STAFF)
def me(request):
    """Who the token or session belongs to, and what they may do where."""
    user = request.auth
    memberships = [
        {"site": m.site.slug, "role": m.role, "agency": m.agency.slug if m.agency else None}
        for m in user.memberships.select_related("site", "agency")
    ]
    return {
        "username": user.username,
        "name": user.get_full_name(),
        "is_superuser": user.is_superuser,
        "memberships": memberships,
    }
