from django import template
from django.urls import translate_url
from django.utils.translation import get_language
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def rupiah(amount: int) -> str:
    """Rp30.000, the way Indonesian offices write fees; zero is "free"."""
    if not amount:
        return _("Free")
    return "Rp" + f"{int(amount):,}".replace(",", ".")


@register.simple_tag(takes_context=True)
def switch_language(context) -> dict:
    """The other language's address of the current page."""
    request = context["request"]
    target = "en" if (get_language() or "id").startswith("id") else "id"
    return {"code": target, "url": translate_url(request.get_full_path(), target)}
