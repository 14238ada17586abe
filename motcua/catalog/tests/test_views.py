"""Public catalog pages: home, list and search, procedure page, unknown code (in Vietnamese)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from motcua.catalog.models import (
    Channel,
    Fee,
    OnlineLevel,
    ProcedureChannel,
    RequiredDocument,
    TimeLimit,
    TimeLimitUnit,
)
from motcua.catalog.tests.factories import (
    ProcedureFactory,
    ProcedureVersionFactory,
    SectorFactory,
)
from motcua.organizations.tests.factories import AgencyFactory

MAX_PAGE_BYTES = 100_000


def html(response):
    return response.content.decode()


@pytest.fixture
def building_permit(db):
    sector = SectorFactory(code="G12-XD", name="Hoạt động xây dựng")
    version = ProcedureVersionFactory(
        procedure=ProcedureFactory(code="1.009995"),
        name="Cấp giấy phép xây dựng",
        sector=sector,
        online_level=OnlineLevel.FULL,
        effective_from=dt.date(2025, 7, 1),
        levels=[{"TENCAP": "Cấp tỉnh"}],
        applicant_types=[{"TENDOITUONG": "Công dân Việt Nam"}, {"TENDOITUONG": "Doanh nghiệp"}],
        reception_address="Trung tâm Phục vụ hành chính công tỉnh, 01 Lê Lợi",
        implementing_agencies=[{"TENDONVI": "Sở Xây dựng"}],
        conditions="Phù hợp quy hoạch chi tiết xây dựng.",
        steps=[
            {
                "TRUONGHOP": "",
                "TRINHTU": [
                    {"TENTRINHTU": "Nộp hồ sơ tại Bộ phận một cửa"},
                    {"TENTRINHTU": "Nhận kết quả"},
                ],
            }
        ],
        results=[
            {"MAKETQUA": "KQ1", "TENKETQUA": "Giấy phép xây dựng"},
            {"TENKETQUA": "Thông báo", "URL": "https://example.org/thong-bao.pdf"},
        ],
        legal_basis=[
            {
                "SOVANBAN": "15/2021/NĐ-CP",
                "TENVANBAN": "Nghị định quy định chi tiết về quản lý dự án",
                "NGAYBANHANH": "03/03/2021",
            }
        ],
        with_channel=False,
    )
    counter = ProcedureChannel.objects.create(
        version=version, position=0, channel=Channel.COUNTER, name="Trực tiếp"
    )
    limit = TimeLimit.objects.create(
        channel=counter, position=0, amount=Decimal("20.00"), unit=TimeLimitUnit.WORKING_DAY
    )
    Fee.objects.create(
        time_limit=limit, position=0, amount=Decimal(150000), description="Lệ phí cấp giấy phép"
    )
    online = ProcedureChannel.objects.create(
        version=version, position=1, channel=Channel.ONLINE, name="Trực tuyến"
    )
    TimeLimit.objects.create(
        channel=online, position=0, amount=Decimal("0.5"), unit=TimeLimitUnit.WORKING_HOUR
    )
    RequiredDocument.objects.create(
        version=version,
        position=0,
        case="Trường hợp nhà ở riêng lẻ",
        case_position=0,
        name="Đơn đề nghị cấp giấy phép xây dựng",
        originals=1,
        copies=0,
        template_name="Mẫu số 01",
        template_url="https://example.org/mau-01.docx",
    )
    RequiredDocument.objects.create(
        version=version,
        position=1,
        case="Trường hợp nhà ở riêng lẻ",
        case_position=0,
        name="Bản vẽ thiết kế",
        originals=0,
        copies=2,
    )
    RequiredDocument.objects.create(
        version=version,
        position=2,
        case="Trường hợp công trình không theo tuyến",
        case_position=1,
        name="Quyết định phê duyệt dự án",
        originals=1,
        copies=1,
    )
    return version


def test_home_lists_sectors_and_search_box(client, building_permit):
    ProcedureVersionFactory(
        name="Đăng ký khai sinh", sector=SectorFactory(code="HT", name="Hộ tịch")
    )
    response = client.get("/")
    page = html(response)
    assert response.status_code == 200
    assert '<html lang="vi">' in page
    assert 'role="search"' in page
    assert 'name="q"' in page
    assert "Hoạt động xây dựng" in page
    assert "/thu-tuc/?sector=G12-XD" in page
    assert "Hộ tịch" in page
    assert 'Trực tuyến toàn trình <span class="count">1 thủ tục</span>' in page
    assert len(response.content) < MAX_PAGE_BYTES


def test_search_from_the_list_page(client, building_permit):
    ProcedureVersionFactory(name="Gia hạn giấy phép xây dựng")
    ProcedureVersionFactory(name="Đăng ký khai sinh")
    response = client.get("/thu-tuc/", {"q": "giay phep xay dugn"})
    page = html(response)
    assert response.status_code == 200
    first = page.index("Cấp giấy phép xây dựng</a>")
    assert first < page.index("Gia hạn giấy phép xây dựng</a>")
    assert "Đăng ký khai sinh" not in page
    assert "Tìm thấy 2 thủ tục cho “giay phep xay dugn”" in page


def test_list_filters_by_sector_agency_and_level(client, building_permit):
    agency = AgencyFactory(name="Sở Xây dựng")
    building_permit.agencies.add(agency)
    other = ProcedureVersionFactory(name="Đăng ký khai sinh", online_level=OnlineLevel.PARTIAL)
    by_sector = html(client.get("/thu-tuc/", {"sector": "G12-XD"}))
    by_agency = html(client.get("/thu-tuc/", {"agency": agency.identifier}))
    by_level = html(client.get("/thu-tuc/", {"level": "partial"}))
    assert "Cấp giấy phép xây dựng" in by_sector
    assert other.name not in by_sector
    assert "Cấp giấy phép xây dựng" in by_agency
    assert other.name not in by_agency
    assert other.name in by_level
    assert "Cấp giấy phép xây dựng</a>" not in by_level
    assert f'<option value="{agency.identifier}" selected>Sở Xây dựng (1)</option>' in by_agency


def test_list_paginates_with_counts(client, db):
    sector = SectorFactory(code="CT", name="Chứng thực")
    for n in range(25):
        ProcedureVersionFactory(
            procedure=ProcedureFactory(code=f"2.{n:06d}"),
            name=f"Chứng thực loại {n}",
            sector=sector,
        )
    first = html(client.get("/thu-tuc/", {"sector": "CT"}))
    second = html(client.get("/thu-tuc/", {"sector": "CT", "page": "2"}))
    assert "25 thủ tục" in first
    assert "Trang 1/2" in first
    assert 'href="?sector=CT&amp;page=2"' in first
    assert first.count('<a href="/thu-tuc/2.') == 20
    assert second.count('<a href="/thu-tuc/2.') == 5
    assert '<ol class="results" start="21">' in second


def test_procedure_page_tells_everything(client, building_permit):
    response = client.get("/thu-tuc/1.009995/")
    page = html(response)
    assert response.status_code == 200
    assert "<h1>Cấp giấy phép xây dựng</h1>" in page
    assert "1.009995" in page
    assert "Trực tuyến toàn trình" in page
    assert "Cấp tỉnh" in page
    assert "Công dân Việt Nam; Doanh nghiệp" in page
    assert "01/07/2025" in page
    # where to submit
    assert "Trung tâm Phục vụ hành chính công tỉnh, 01 Lê Lợi" in page
    assert "Sở Xây dựng" in page
    # time limit and fees per channel
    assert "20 ngày làm việc" in page
    assert "0,5 giờ làm việc" in page
    assert "150.000 đồng" in page
    assert "Lệ phí cấp giấy phép" in page
    # documents grouped by case, with counts and the form template
    assert page.index("Trường hợp nhà ở riêng lẻ") < page.index("Bản vẽ thiết kế")
    assert page.index("Bản vẽ thiết kế") < page.index("Trường hợp công trình không theo tuyến")
    assert "Bản sao: 2" in page
    assert '<a href="https://example.org/mau-01.docx">Mẫu số 01</a>' in page
    # steps, conditions, results, legal basis
    assert "Nộp hồ sơ tại Bộ phận một cửa" in page
    assert "Phù hợp quy hoạch chi tiết xây dựng." in page
    assert "Giấy phép xây dựng</li>" in page
    assert '<a href="https://example.org/thong-bao.pdf">Thông báo</a>' in page
    assert "<strong>15/2021/NĐ-CP</strong>" in page
    assert "Nghị định quy định chi tiết về quản lý dự án (03/03/2021)" in page
    assert len(response.content) < MAX_PAGE_BYTES


def test_free_procedure_says_free(client, db):
    version = ProcedureVersionFactory(procedure=ProcedureFactory(code="1.001193"))
    Fee.objects.filter(time_limit__channel__version=version).update(amount=0)
    assert "Miễn phí" in html(client.get("/thu-tuc/1.001193/"))


def test_unknown_code_is_a_vietnamese_404(client, db):
    response = client.get("/thu-tuc/1.999999/")
    page = html(response)
    assert response.status_code == 404
    assert '<html lang="vi">' in page
    assert "Không tìm thấy thủ tục" in page
    assert "1.999999" in page


def test_future_version_is_not_shown_yet(client, db):
    ProcedureVersionFactory(
        procedure=ProcedureFactory(code="1.000777"),
        effective_from=timezone.localdate() + dt.timedelta(days=30),
    )
    assert client.get("/thu-tuc/1.000777/").status_code == 404


def test_unknown_page_is_a_vietnamese_404(client, db, settings):
    settings.DEBUG = False
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in html(response)
