"""The URL map: API and health check outside any language prefix, pages under it."""

from allauth.account.decorators import secure_admin_login
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from lifeline.core import views as core_views
from lifeline.portal import views as portal_views

# The admin site has no sign-in of its own: it sends people to the one sign-in page, where staff
# give their authenticator code (docs/decisions/0053-second-factor-everywhere.md).
admin.site.login = secure_admin_login(admin.site.login)  # type: ignore[method-assign]

# An unreachable database answers 503 with Retry-After instead of 500 (ADR 0092).
handler500 = "lifeline.core.outage.server_error"

urlpatterns = [
    path("", include("config.api")),
    path("healthz", core_views.health, name="health"),
    path("admin/", admin.site.urls),
    path("language/", portal_views.set_language, name="set_language"),
]

# Pages: English at /, every other language under its prefix (/es/, /ar/, /fa-af/, ...).
urlpatterns += i18n_patterns(
    path("", portal_views.home, name="home"),
    path("workspace/", include("config.workspace_urls")),
    path("", include("lifeline.notices.urls")),
    path("accounts/", include("lifeline.accounts.urls")),
    path("analytics/", include("lifeline.analytics.urls")),
    path("audit/", include("lifeline.audit.urls")),
    path("integrity/", include("lifeline.integrity.urls")),
    path("pathways/", include("lifeline.pathways.urls")),
    path("", include("lifeline.portal.urls")),
    prefix_default_language=False,
)
