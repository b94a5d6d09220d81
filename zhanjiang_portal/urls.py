from __future__ import annotations

from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from accounts import views as account_views

from .health import healthz

admin.site.site_header = "湛江矛盾纠纷调处化解平台 · 管理后台"
admin.site.site_title = "湛江矛盾纠纷调处化解平台"

urlpatterns = [
    path("", account_views.home, name="home"),
    path("desk/", account_views.desk, name="desk"),
    path("accounts/", include("accounts.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("healthz", healthz, name="healthz"),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("api/v1/", include("accounts.api_urls")),
    path("admin/", admin.site.urls),
]
