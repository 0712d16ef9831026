"""URL routes of the web front end."""

from django.contrib import admin
from django.urls import include, path

from aimonitor.web.api.api import api
from aimonitor.web.public import dashboard
from aimonitor.web.public import views as public_views

urlpatterns = [
    path("", public_views.index, name="index"),
    path("rapport/<int:year>/<str:lang>/", public_views.report, name="report"),
    path("rapport/<int:year>/<str:lang>/<str:filename>", public_views.report, name="report-file"),
    path("dashboard/", dashboard.dashboard_index, name="dashboard"),
    path("dashboard/<int:year>/", dashboard.dashboard_wave, name="dashboard-wave"),
    path("dashboard/<int:year>/<slug:theme>/", dashboard.dashboard_theme, name="dashboard-theme"),
    path(
        "dashboard/<int:year>/grafiek/<slug:name>.svg",
        dashboard.dashboard_chart,
        name="dashboard-chart",
    ),
    path("", include("aimonitor.web.survey.urls")),
    path("onderzoek/", include("aimonitor.web.research.urls")),
    path("account/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
]
