"""Citizen portal pages (readable Vietnamese paths, the same in every language).

* ``/tai-khoan/…`` — sign up, sign in, verify, reset the password, OpenID Connect
* ``/nop-ho-so/<procedure>/`` and ``/ho-so-nhap/<id>/…`` — online submission with drafts
* ``/ho-so-cua-toi/…`` — my dossiers: list, one dossier, receipt, files, supplement, rating
* ``/tra-cuu/…`` — public lookup by code (status and due date), details with a one-time code
"""

from __future__ import annotations

from django.urls import path

from motcua.portal.views import accounts, dossiers, lookup, submit

app_name = "portal"

urlpatterns = [
    path("tai-khoan/dang-nhap/", accounts.login_view, name="login"),
    path("tai-khoan/dang-xuat/", accounts.logout_view, name="logout"),
    path("tai-khoan/dang-ky/", accounts.register_view, name="register"),
    path("tai-khoan/xac-minh/", accounts.verify_view, name="verify"),
    path("tai-khoan/quen-mat-khau/", accounts.reset_request_view, name="reset-request"),
    path("tai-khoan/dat-lai-mat-khau/", accounts.reset_confirm_view, name="reset-confirm"),
    path("tai-khoan/oidc/<slug:provider>/", accounts.oidc_start_view, name="oidc-start"),
    path(
        "tai-khoan/oidc/<slug:provider>/callback/",
        accounts.oidc_callback_view,
        name="oidc-callback",
    ),
    path("nop-ho-so/<str:code>/", submit.submit_start_view, name="submit-start"),
    path("ho-so-nhap/<int:draft_id>/", submit.draft_edit_view, name="draft-edit"),
    path("ho-so-nhap/<int:draft_id>/xem-lai/", submit.draft_review_view, name="draft-review"),
    path("ho-so-nhap/<int:draft_id>/xoa/", submit.draft_delete_view, name="draft-delete"),
    path("ho-so-cua-toi/", dossiers.my_dossiers_view, name="my-dossiers"),
    path("ho-so-cua-toi/<str:code>/", dossiers.dossier_detail_view, name="dossier"),
    path("ho-so-cua-toi/<str:code>/bien-nhan/", dossiers.receipt_view, name="receipt"),
    path("ho-so-cua-toi/<str:code>/bien-nhan.pdf", dossiers.receipt_pdf_view, name="receipt-pdf"),
    path(
        "ho-so-cua-toi/<str:code>/tep/<int:document_id>/",
        dossiers.document_download_view,
        name="document",
    ),
    path("ho-so-cua-toi/<str:code>/bo-sung/", dossiers.supplement_view, name="supplement"),
    path("ho-so-cua-toi/<str:code>/rut/", dossiers.withdraw_view, name="withdraw"),
    path("ho-so-cua-toi/<str:code>/danh-gia/", dossiers.rate_view, name="rate"),
    path("tra-cuu/", lookup.lookup_view, name="lookup"),
    path("tra-cuu/<str:code>/", lookup.lookup_code_view, name="lookup-code"),
    path("tra-cuu/<str:code>/gui-ma/", lookup.lookup_send_code_view, name="lookup-send-code"),
    path("tra-cuu/<str:code>/xac-thuc/", lookup.lookup_check_code_view, name="lookup-check-code"),
    path("tra-cuu/<str:code>/chi-tiet/", lookup.lookup_details_view, name="lookup-details"),
]
