"""Building, signing and posting intake packets (shared by the intake tests)."""

import datetime as dt
import json
import time

from django.contrib.auth.models import Permission
from django.utils import timezone
from rest_framework.test import APIClient

from motcua.accounts.services.tokens import token_create
from motcua.integration.retry import signature_header
from motcua.organizations.tests.factories import UserFactory

SECRET = "intake-secret-for-tests"
URL = "/api/v1/intake/national-portal"


def packet(world, portal_id="G22.99-250101-0001", **changes):
    submitted = timezone.localtime(timezone.now() - dt.timedelta(hours=1))
    content = {
        "MaHoSoQG": portal_id,
        "MaTTHC": world.version.procedure.code,
        "MaDonVi": world.agency.identifier,
        "ChuHoSo": "Phạm Thị Bình",
        "LoaiDoiTuong": 1,
        "SoGiayToChuHoSo": "001199004321",
        "SoDienThoai": "0987654321",
        "Email": "binh@example.vn",
        "DiaChi": "Thôn 2, xã Tân Lập",
        "NgayNopHoSo": submitted.strftime("%Y%m%d%H%M%S"),
        "DuLieuBieuMau": {"purpose": "Cấp mới"},
    }
    content.update(changes)
    return content


def integration_client(*, scopes=("dossiers:write",), integrate=True, username="dvcqg"):
    user = UserFactory(username=username)
    if integrate:
        user.user_permissions.add(Permission.objects.get(codename="integrate"))
    _, raw = token_create(user=user, name="national portal", scopes=list(scopes))
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
    return client


def post_signed(client, content, *, secret=SECRET, timestamp=None, body=None):
    raw = body if body is not None else json.dumps(content, ensure_ascii=False).encode()
    stamp = str(int(time.time()) if timestamp is None else timestamp)
    return client.post(
        URL,
        data=raw,
        content_type="application/json",
        HTTP_MOTCUA_SIGNATURE=signature_header(secret, stamp, raw),
    )
