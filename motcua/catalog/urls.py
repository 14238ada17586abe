"""Public catalog pages (readable Vietnamese paths, the same in every language).

* ``/`` — home: search box and sectors
* ``/thu-tuc/`` — list and search (``?q=``, ``sector=``, ``agency=``, ``level=``, ``page=``)
* ``/thu-tuc/<code>/`` — one procedure, e.g. ``/thu-tuc/1.001193/``

Pages are in Vietnamese unless the visitor chose English with the language switch (a cookie).
"""

from __future__ import annotations

from django.urls import path

from motcua.catalog import views

app_name = "catalog"

urlpatterns = [
    path("", views.home, name="home"),
    path("thu-tuc/", views.procedure_list, name="procedure-list"),
    path("thu-tuc/<str:code>/", views.procedure_detail, name="procedure-detail"),
]
