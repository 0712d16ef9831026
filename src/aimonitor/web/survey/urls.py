"""The survey's addresses (Dutch, as the municipalities read them)."""

from django.urls import path

from aimonitor.web.survey import benchmark, views

app_name = "survey"

urlpatterns = [
    path("link/<str:token>/", views.open_token, name="open"),
    path("vragenlijst/", views.start, name="start"),
    path("vragenlijst/<int:year>/<str:code>/", views.overview, name="overview"),
    path("vragenlijst/<int:year>/<str:code>/thema/<str:theme_id>/", views.theme, name="theme"),
    path("vragenlijst/<int:year>/<str:code>/vraag/<str:item_id>/", views.item, name="item"),
    path("vragenlijst/<int:year>/<str:code>/uitnodigen/", views.invite, name="invite"),
    path("vragenlijst/<int:year>/<str:code>/antwoorden.pdf", views.response_pdf, name="pdf"),
    path("vragenlijst/<int:year>/<str:code>/indienen/", views.submit, name="submit"),
    path("vragenlijst/<int:year>/<str:code>/open-data/", views.naming, name="naming"),
    path("benchmark/<int:year>/<str:code>/", benchmark.benchmark, name="benchmark"),
    path(
        "benchmark/<int:year>/<str:code>/benchmark.pdf",
        benchmark.benchmark_pdf,
        name="benchmark-pdf",
    ),
]
