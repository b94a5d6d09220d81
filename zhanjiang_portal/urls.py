from __future__ import annotations

from importlib.util import find_spec

from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import include, path
from django.utils.translation import gettext_lazy

from accounts import views as account_views

from .api_docs import DocsPage, SchemaApi
from .health import healthz

admin.site.site_header = gettext_lazy("湛江矛盾纠纷调处化解平台 · 管理后台")
admin.site.site_title = gettext_lazy("湛江矛盾纠纷调处化解平台")

# Each area's pages (<app>/urls.py) and API (<app>/api_urls.py, under /api/v1/) define their
# own full paths.
AREAS = [
    "accounts",
    "notifications",
    "cases",
    "deadlines",
    "transfers",
    "mediation",
    "courts",
    "legal_aid",
    "villages",
    "enquiries",
    "police",
    "petitions",
    "village_affairs",
    "stats",
]


def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico whatever the page says (and for JSON answers too)."""
    return redirect(static("favicon.ico"), permanent=True)


urlpatterns = [
    path("", account_views.home, name="home"),
    path("favicon.ico", favicon, name="favicon"),
    path("desk/", account_views.desk, name="desk"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("healthz", healthz, name="healthz"),
    path("api/schema/", SchemaApi.as_view(), name="api-schema"),
    path("api/docs/", DocsPage.as_view(url_name="api-schema"), name="api-docs"),
    path("admin/", admin.site.urls),
]
for area in AREAS:
    if find_spec(f"{area}.api_urls"):
        urlpatterns.append(path("api/v1/", include(f"{area}.api_urls")))
    if find_spec(f"{area}.urls"):
        urlpatterns.append(path("", include(f"{area}.urls")))
