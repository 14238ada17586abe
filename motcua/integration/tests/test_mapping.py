"""Every field of the dossier and progress packets, as the fake portal received it, against the model.

The dossier is driven through the real services (documents, a supplement, a payment, the result),
delivered by the real outbox, and each field checked by a test of its own; expected values are
computed here independently of mapping.py (timestamps with strftime in Asia/Ho_Chi_Minh).
"""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import override_settings

from motcua.dossiers.lifecycle import DossierStatus
from motcua.dossiers.models import DocumentKind, Dossier, DossierEvent
from motcua.dossiers.services import transitions as t
from motcua.dossiers.services.documents import dossier_document_add
from motcua.dossiers.tests.factories import MONDAY, make_world, submit
from motcua.integration.fake_portal.server import FakePortalServer
from motcua.integration.national_portal import schemas
from motcua.integration.national_portal.client import PortalClient, PortalConfig
from motcua.integration.services.national_portal import PortalSender
from motcua.integration.services.outbox import outbox_drain, receiver_national_portal_get

from .conftest import later

VN = ZoneInfo("Asia/Ho_Chi_Minh")
# The module fixture writes (then rolls back) in the test database: make pytest-django set it up.
pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


def stamp(value):
    return value.astimezone(VN).strftime("%Y%m%d%H%M%S") if value else None


class _RollbackError(Exception):
    pass


@pytest.fixture(scope="module")
def delivered(django_db_setup, django_db_blocker, tmp_path_factory):
    """A dossier with every kind of fact, delivered once for the module (then rolled back).

    Returns the portal's packet, its progress entries and the values expected from the model.
    """
    server = FakePortalServer(0, api_key="test-key").start()
    urls = {
        f"NATIONAL_PORTAL_{name}_URL": f"{server.url}/{path}"
        for name, path in [
            ("CREATE", "dossiers/create"),
            ("UPDATE", "dossiers/update"),
            ("PROGRESS", "dossiers/progress"),
            ("PROCEDURES", "procedures"),
        ]
    }
    result = {}
    with (
        django_db_blocker.unblock(),
        override_settings(
            NATIONAL_PORTAL_API_KEY="test-key",
            MEDIA_ROOT=tmp_path_factory.mktemp("media"),
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
            **urls,
        ),
    ):
        try:
            with transaction.atomic():
                result = _scenario(server)
                raise _RollbackError
        except _RollbackError:
            pass
    server.stop()
    return result


def _scenario(server):
    world = make_world("000.00.01.H29")
    world.officer.first_name, world.officer.last_name = "Lan", "Trần Thị"
    world.officer.save()
    roles = world.officer.staff_roles.all()
    roles.update(title="Cán bộ tiếp nhận")
    h = dt.timedelta(hours=1)
    d = submit(world, now=MONDAY)
    upload = SimpleUploadedFile("don-de-nghi.pdf", PDF)
    dossier_document_add(dossier_id=d.pk, actor=world.applicant, upload=upload, name="don.pdf")
    t.dossier_receive(dossier_id=d.pk, actor=world.officer, checklist=[], now=MONDAY + h)
    t.dossier_assign(
        dossier_id=d.pk, actor=world.officer, assignee_id=world.specialist.pk, now=MONDAY + 2 * h
    )
    t.dossier_request_supplement(
        dossier_id=d.pk,
        actor=world.specialist,
        reason="Thiếu bản sao sổ đỏ",
        missing_documents=["Bản sao giấy chứng nhận"],
        now=MONDAY + 3 * h,
    )
    t.dossier_submit_supplement(dossier_id=d.pk, actor=world.applicant, now=MONDAY + 4 * h)
    t.dossier_request_payment(
        dossier_id=d.pk,
        actor=world.specialist,
        amount=75000,
        description="Lệ phí cấp phép",
        now=MONDAY + 5 * h,
    )
    t.dossier_confirm_payment(
        dossier_id=d.pk, actor=world.officer, reference="BL-01", now=MONDAY + 6 * h
    )
    t.dossier_finish(
        dossier_id=d.pk,
        actor=world.specialist,
        result={"documents": ["Giấy phép xây dựng số 12"]},
        now=MONDAY + 7 * h,
    )
    result_file = SimpleUploadedFile("giay-phep.pdf", PDF)
    dossier_document_add(
        dossier_id=d.pk,
        actor=world.specialist,
        upload=result_file,
        name="giay-phep.pdf",
        kind=DocumentKind.RESULT,
    )
    t.dossier_return_result(
        dossier_id=d.pk, actor=world.officer, delivery="post", now=MONDAY + 8 * h
    )
    client = PortalClient(PortalConfig.from_settings())
    outbox_drain(
        receiver=receiver_national_portal_get(), sender=PortalSender(client), now=later(600)
    )
    client.close()
    dossier = Dossier.objects.select_related(
        "procedure_version__procedure", "procedure_version__sector", "agency"
    ).get(pk=d.pk)
    state = server.state.snapshot()
    events = list(
        DossierEvent.objects.filter(dossier=dossier)
        .order_by("sequence")
        .values_list("sequence", "action", "to_status")
    )
    return {
        "code": dossier.code,
        "packet": state["dossiers"][dossier.code],
        "progress": state["progress"][dossier.code],
        "expected": expected_dossier_fields(dossier, world),
        "expected_receive": expected_receive_step(dossier, world),
        "events": events,
    }


def expected_dossier_fields(dossier, world):
    docs = list(dossier.documents.order_by("id"))
    submitted = [x for x in docs if x.kind != DocumentKind.RESULT]
    results = [x for x in docs if x.kind == DocumentKind.RESULT]
    pause = dossier.pauses.get()
    returned = DossierEvent.objects.get(dossier=dossier, action="return_result").occurred_at
    version = dossier.procedure_version
    return {
        "MaHoSo": dossier.code,
        "MaTTHC": version.procedure.code,
        "TenTTHC": version.name,
        "MaLinhVuc": version.sector.code,
        "TenLinhVuc": version.sector.name,
        "KenhThucHien": 2,
        "SoGiayToChuHoSo": "001203012345",
        "ChuHoSo": "Nguyễn Văn An",
        "LoaiDoiTuong": 1,
        "MaDoiTuong": "001203012345",
        "ThongTinKhac": "Số 1, Hà Nội",
        "Email": "an@example.vn",
        "Fax": "",
        "SoDienThoai": "0912345678",
        "TrichYeuHoSo": f"{version.name} - Nguyễn Văn An - Cấp mới",
        "NgayTiepNhan": stamp(MONDAY + dt.timedelta(hours=1)),
        "NgayHenTra": stamp(dossier.due_at),
        "TrangThaiHoSo": 10,
        "NgayTra": stamp(returned),
        "ThongTinTra": "Giấy phép xây dựng số 12",
        "HinhThuc": 2,
        "NgayKetThucXuLy": stamp(MONDAY + dt.timedelta(hours=7)),
        "DonViXuLy": "000.00.01.H29",
        "GhiChu": "",
        "TaiLieuNop": [
            {
                "TepDinhKemId": str(x.pk),
                "TenTepDinhKem": "don.pdf",
                "IsDeleted": False,
                "MaThanhPhanHoSo": "",
                "DuongDanTaiTepTin": f"/api/v1/dossiers/{dossier.code}/documents/{x.pk}",
                "DuocSoHoa": 0,
                "DuocTaiSuDung": 0,
                "DuocLayTuKhoDMQG": 0,
                "MaKetQuaThayThe": "",
            }
            for x in submitted
        ],
        "DanhSachLePhi": [
            {
                "TenPhiLePhi": "Lệ phí cấp phép",
                "MaPhiLePhi": "",
                "HinhThucThu": 1,
                "Gia": 75000,
                "LoaiPhiLePhi": 2,
            }
        ],
        "DanhSachTepDinhKemKhac": [],
        "DanhSachHoSoBoSung": [
            {
                "HoSoBoSungId": str(pause.pk),
                "NguoiYeuCauBoSung": world.agency.name,
                "NoiDungBoSung": "Thiếu bản sao sổ đỏ",
                "NgayBoSung": stamp(MONDAY + dt.timedelta(hours=3)),
                "NguoiTiepNhanBoSung": world.reception.name,
                "ThongTinTiepNhan": "",
                "NgayTiepNhanBoSung": stamp(MONDAY + dt.timedelta(hours=4)),
                "TrangThaiBoSung": 1,
                "DanhSachGiayToBoSung": [{"TenGiayTo": "Bản sao giấy chứng nhận"}],
                "DanhSachLePhiBoSung": [],
                "NgayHenTraTruoc": None,
                "NgayHenTraMoi": None,
            }
        ],
        "DanhSachGiayToKetQua": [
            {
                "TenGiayTo": "giay-phep.pdf",
                "MaThanhPhanHoSo": "",
                "GiayToId": str(x.pk),
                "DuongDanTepTinKetQua": f"/api/v1/dossiers/{dossier.code}/documents/{x.pk}",
                "MaGiayToKetQua": f"{dossier.code}-{x.pk}",
            }
            for x in results
        ],
        "NoiNopHoSo": 1,
        "HoSoCoThanhPhanSoHoa": 0,
        "TaiKhoanDuocXacThucVoiVNeID": 0,
        "DuocThanhToanTrucTuyen": 3,
        "NgayTuChoi": None,
        "DinhDanhCHS": [{"LoaiDinhDanh": "1", "SoDinhDanh": "001203012345"}],
        "NgayNopHoSo": stamp(MONDAY),
        "DSKetNoiCSDL": [],
    }


def expected_receive_step(dossier, world):
    return {
        "MaHoSo": dossier.code,
        "NguoiXuLy": "Lan Trần Thị",
        "ChucDanh": "Cán bộ tiếp nhận",
        "ThoiDiemXuLy": stamp(MONDAY + dt.timedelta(hours=1)),
        "PhongBanXuLy": world.reception.name,
        "NoiDungXuLy": None,  # checked below: a description of the action
        "TrangThai": 2,
        "NgayBatDau": stamp(MONDAY + dt.timedelta(hours=1)),
        "NgayKetThucTheoQuyDinh": stamp(dossier.due_at),
    }


def test_the_packets_have_exactly_the_specified_fields(delivered):
    packet, progress = delivered["packet"], delivered["progress"]
    assert set(packet) == set(delivered["expected"]) == set(schemas.DOSSIER_FIELDS)
    assert len(schemas.DOSSIER_FIELDS) == 37  # legal-spec §4.1, HoSoDongBoDVC
    assert {frozenset(p["entry"]) for p in progress} == {frozenset(schemas.PROGRESS_FIELDS)}
    assert len(schemas.PROGRESS_FIELDS) == 9  # QuaTrinhXuLyDongBoDVC


@pytest.mark.parametrize("field", schemas.DOSSIER_FIELDS)
def test_dossier_packet_field(delivered, field):
    assert delivered["packet"][field] == delivered["expected"][field]


def test_the_delivered_packets_pass_the_specification(delivered):
    assert schemas.dossier_packet_errors([delivered["packet"]]) == []
    entries = [p["entry"] for p in delivered["progress"]]
    assert schemas.progress_packet_errors(entries[:10]) == []


@pytest.mark.parametrize("field", [f for f in schemas.PROGRESS_FIELDS if f != "NoiDungXuLy"])
def test_progress_entry_field(delivered, field):
    sequence = next(n for n, action, _ in delivered["events"] if action == "receive")
    key = f"{delivered['code']}/{sequence}"
    entry = next(p["entry"] for p in delivered["progress"] if p["key"] == key)
    assert entry[field] == delivered["expected_receive"][field]


def test_progress_content_names_the_action_and_its_reason(delivered):
    by_key = {p["key"]: p["entry"] for p in delivered["progress"]}
    texts = {
        action: by_key[f"{delivered['code']}/{n}"]["NoiDungXuLy"]
        for n, action, _ in delivered["events"]
    }
    assert texts["request_supplement"].endswith(": Thiếu bản sao sổ đỏ")
    assert len(set(texts.values())) == len(texts)  # every action is told apart


def test_applicant_steps_name_the_applicant(delivered):
    first = delivered["progress"][0]["entry"]
    assert (first["NguoiXuLy"], first["TrangThai"], first["PhongBanXuLy"]) == (
        "Nguyễn Văn An",
        1,
        "",
    )


def test_every_event_is_one_progress_entry_in_order(delivered):
    code = delivered["code"]
    assert [p["key"] for p in delivered["progress"]] == [
        f"{code}/{n}" for n, _, _ in delivered["events"]
    ]
    statuses = [p["entry"]["TrangThai"] for p in delivered["progress"]]
    assert statuses == [status for _, _, status in delivered["events"]]
    assert statuses[-1] == DossierStatus.RESULT_RETURNED
