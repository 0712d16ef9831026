"""The research portal's addresses (Dutch, under /onderzoek/)."""

from django.urls import path

from aimonitor.web.research import views

app_name = "research"

urlpatterns = [
    path("", views.home, name="home"),
    path("log/", views.log, name="log"),
    path("<int:year>/", views.wave, name="wave"),
    path("<int:year>/data/", views.wave_dates, name="dates"),
    path("<int:year>/status/", views.wave_status, name="status"),
    path("<int:year>/contacten/", views.contacts, name="contacts"),
    path("<int:year>/uitnodigen/", views.invite_all, name="invite"),
    path("<int:year>/belijst.csv", views.call_list, name="call_list"),
    path("<int:year>/heropenen/<str:code>/", views.reopen, name="reopen"),
    path("<int:year>/mail/<str:kind>/<str:language>/", views.mail_texts, name="mail"),
]
