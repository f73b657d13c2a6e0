from django.urls import URLPattern, URLResolver, get_resolver

from spil.core.permissions import AUTHENTICATED, PUBLIC, Action

# Third-party URL trees that bring their own access rules.
THIRD_PARTY_PREFIXES = ("admin/", "accounts/", "i18n/")


def _walk(patterns, prefix=""):
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            yield route, pattern.callback


def _spil_views():
    return [
        (route, view)
        for route, view in _walk(get_resolver().url_patterns)
        if not route.startswith(THIRD_PARTY_PREFIXES)
    ]


def test_every_spil_view_declares_a_permission_rule():
    missing = [route for route, view in _spil_views() if not hasattr(view, "spil_permission")]
    assert missing == [], f"views without a permission rule: {missing}"


def test_every_declared_rule_is_known():
    known = {PUBLIC, AUTHENTICATED, *Action}
    unknown = [(route, view.spil_permission) for route, view in _spil_views() if view.spil_permission not in known]
    assert unknown == []


def test_the_walk_sees_the_network_pages():
    routes = [route for route, _ in _spil_views()]
    assert len(routes) >= 25
    assert any(route.startswith("n/<slug:network>/partners/") for route in routes)
