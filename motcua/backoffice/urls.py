"""The back office for officials, mounted at /can-bo/ (Vietnamese paths, as the public pages)."""

from django.contrib.auth import views as auth_views
from django.urls import path

from motcua.backoffice import admin_views, views

app_name = "backoffice"

urlpatterns = [
    path(
        "dang-nhap/",
        auth_views.LoginView.as_view(
            template_name="backoffice/login.html",
            redirect_authenticated_user=True,
            next_page="backoffice:queue",
        ),
        name="login",
    ),
    path("dang-xuat/", auth_views.LogoutView.as_view(next_page="backoffice:login"), name="logout"),
    path("", views.queue_view, name="queue"),
    path("phan-cong/", views.bulk_assign_view, name="bulk-assign"),
    path("tiep-nhan/", views.reception_view, name="reception"),
    path("tiep-nhan/nguoi-nop/", views.applicant_lookup_view, name="applicant-lookup"),
    path("ho-so/<str:code>/", views.dossier_view, name="dossier"),
    path("ho-so/<str:code>/thao-tac/<str:action>/", views.dossier_action_view, name="action"),
    path("ho-so/<str:code>/tai-lieu/", views.document_upload_view, name="document-upload"),
    path("ho-so/<str:code>/tai-lieu/<int:document_id>/", views.document_view, name="document"),
    path("ho-so/<str:code>/bieu-mau/<str:kind>.<str:fmt>", views.dossier_form_view, name="form"),
    path("ho-so/<str:code>/in/<str:kind>/", views.print_view, name="print"),
    path("so-theo-doi/", views.tracking_book_view, name="tracking-book"),
    path("xin-y-kien/", views.consultations_view, name="consultations"),
    path("xin-y-kien/<str:code>/", views.consultation_view, name="consultation"),
    path("quan-tri/", admin_views.agency_admin_view, name="agency-admin"),
    path(
        "quan-tri/quy-trinh/<int:procedure_id>/", admin_views.process_edit_view, name="process-edit"
    ),
    path("quan-tri/can-bo/", admin_views.staff_grant_view, name="staff-grant"),
    path("quan-tri/don-vi/", admin_views.unit_add_view, name="unit-add"),
    path("quan-tri/ngay-nghi/", admin_views.decision_add_view, name="decision-add"),
    path("quan-tri/gio-lam-viec/", admin_views.office_hours_view, name="office-hours"),
]
