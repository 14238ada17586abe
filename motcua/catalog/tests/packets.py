"""Synthetic packet records for the importer's tests (every field of legal-spec §4.2)."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[3]
SHARED_DATA = REPO_ROOT.parent / "shared" / "data"
REAL_PACKET = SHARED_DATA / "procedures-national-portal-59.json"
REAL_PACKET_MISSING = f"{REAL_PACKET} is absent (the shared data folder is not next to the repo)"

FULL_RECORD: dict[str, Any] = {
    "ID": "7f3c1d2e-0001",
    "MaTTHC": "1.013225.H99",
    "TENTTHC": "Cấp giấy phép xây dựng mới đối với công trình cấp III, cấp IV",
    "MACOQUANCONGBO": "000.00.00.H99",
    "LOAITTHC": "TTHC được giao luật quy định chi tiết",
    "MOTADOITUONGTHUCHIEN": "Chủ đầu tư là tổ chức, cá nhân",
    "DIACHITIEPNHAN": "Trung tâm Phục vụ hành chính công xã",
    "QUYETDINH": "Quyết định công bố thủ tục hành chính lĩnh vực xây dựng",
    "SOQUYETDINHCONGBO": "1234/QĐ-UBND",
    "IDQUYETDINHCONGBO": "QD-5678",
    "YEUCAU": "Phù hợp quy hoạch được duyệt",
    "TUKHOA": "giấy phép xây dựng; xây nhà",
    "TRANGTHAI": "Còn hiệu lực",
    "MOTACOQUANTHUCHIEN": "Ủy ban nhân dân cấp xã",
    "MOTACOQUANTHAMQUYEN": "Chủ tịch Ủy ban nhân dân cấp xã",
    "MOTA": "Cấp phép xây dựng công trình",
    "MUCDOTRUCTUYEN": "Toàn trình",
    "TRINHTUTHUCHIEN": [
        {
            "TRUONGHOP": "Chung",
            "TRINHTU": [{"TENTRINHTU": "Nộp hồ sơ"}, {"TENTRINHTU": "Nhận kết quả"}],
        }
    ],
    "CAPTHUCHIEN": [{"CAPTHUCHIEN": "3", "TENCAP": "Cấp xã"}],
    "LINHVUCTHUCHIEN": [{"MALINHVUC": "G16-XD01", "TENLINHVUC": "Hoạt động xây dựng"}],
    "CACHTHUCTHUCHIEN": [
        {
            "KENH": "1",
            "TENKENH": "Trực tiếp",
            "THOIGIAN": [
                {
                    "THOIGIANGIAIQUYET": "20",
                    "DONVITINH": "Ngày",
                    "MOTA": "Kể từ ngày nhận đủ hồ sơ",
                    "PHILEPHI": [
                        {
                            "MAPHILEPHI": "LP-01",
                            "SOTIEN": "75000",
                            "DONVI": "Việt Nam Đồng",
                            "MOTA": "Lệ phí cấp phép: 75.000 đồng",
                            "TENTEP": "bieu-phi.pdf",
                            "URL": "https://example.gov.vn/bieu-phi.pdf",
                        }
                    ],
                }
            ],
        },
        {
            "KENH": "2",
            "TENKENH": "Trực tuyến",
            "THOIGIAN": [
                {
                    "THOIGIANGIAIQUYET": "12.5",
                    "DONVITINH": "Ngày làm việc",
                    "PHILEPHI": [{"SOTIEN": "Theo biểu phí", "DONVI": "VNĐ"}],
                    "GHICHU_NOIBO": "unknown time-limit field",
                },
                {"THOIGIANGIAIQUYET": "4", "DONVITINH": "Giờ"},
            ],
            "UUTIEN": True,
        },
        {"KENH": "3", "TENKENH": "Dịch vụ bưu chính", "THOIGIAN": [{"MOTA": "Như trực tiếp"}]},
    ],
    "DOITUONGTHUCHIEN": [
        {"MADOITUONG": "1", "TENDOITUONG": "Công dân Việt Nam"},
        {"MADOITUONG": "2", "TENDOITUONG": "Doanh nghiệp"},
    ],
    "THANHPHANHOSO": [
        {
            "TRUONGHOP": "Công trình không theo tuyến",
            "GIAYTO": [
                {
                    "MAGIAYTO": "GT-01",
                    "TENGIAYTO": "Đơn đề nghị cấp giấy phép xây dựng",
                    "SOBANCHINH": "1",
                    "SOBANSAO": "0",
                    "TENMAUDON": "Mẫu số 01",
                    "URL": "https://example.gov.vn/mau-01.docx",
                    "MA_KQ_THAYTHE": "KQ.G16.000001",
                },
                {"TENGIAYTO": "Bản vẽ thiết kế", "SOBANCHINH": "0", "SOBANSAO": "2"},
            ],
            "GHICHU": "unknown case field",
        },
        {
            "TRUONGHOP": "Công trình theo tuyến",
            "GIAYTO": [{"TENGIAYTO": "Lưu ý: nộp bản điện tử", "SOBANCHINH": "0", "SOBANSAO": "0"}],
        },
    ],
    "KETQUATHUCHIEN": [
        {
            "MAKETQUA": "KQ.G16.000001",
            "TENKETQUA": "Giấy phép xây dựng",
            "TENTEP": "gpxd.pdf",
            "URL": "https://example.gov.vn/gpxd.pdf",
        }
    ],
    "CANCUPHAPLY": [
        {
            "SOVANBAN": "50/2014/QH13",
            "TENVANBAN": "Luật Xây dựng",
            "NGAYBANHANH": "18/06/2014",
            "NGAYHIEULUC": "01/01/2015",
            "COQUANBANHANH": "Quốc hội",
            "DIACHITRUYCAP": "https://vbpl.vn/50-2014-qh13",
        }
    ],
    "TTHCLIENQUAN": [{"MaTTHC": "1.013229", "TENTTHC": "Cấp giấy phép sửa chữa"}],
    "TTHCLIENTHONG": ["1.013978"],
    "COQUANTHUCHIEN": [{"MADONVI": "000.00.41.H99", "TENDONVI": "UBND xã An Bình"}],
    "COQUANCOTHAMQUYEN": [{"MADONVI": "000.00.41.H99", "TENDONVI": "Chủ tịch UBND xã"}],
    "COQUANDUOCUYQUYEN": [{"MADONVI": "000.00.40.H99", "TENDONVI": "Phòng Kinh tế"}],
    "COQUANPHOIHOP": [{"MADONVI": "000.00.03.H99", "TENDONVI": "Sở Xây dựng"}],
    "NGUON": {"URL": "https://dichvucong.gov.vn/x", "GHICHU": "unknown top-level field"},
}


def full_record(**changes: Any) -> dict[str, Any]:
    """A deep copy of ``FULL_RECORD`` with top-level ``changes`` (``None`` removes a key)."""
    record = copy.deepcopy(FULL_RECORD)
    for key, value in changes.items():
        if value is None:
            record.pop(key, None)
        else:
            record[key] = value
    return record


def minimal_record(code: str = "1.001193", name: str = "Đăng ký khai sinh") -> dict[str, Any]:
    return {
        "MaTTHC": code,
        "TENTTHC": name,
        "LINHVUCTHUCHIEN": [{"MALINHVUC": "HT", "TENLINHVUC": "Hộ tịch"}],
        "CACHTHUCTHUCHIEN": [
            {
                "KENH": "1",
                "TENKENH": "Trực tiếp",
                "THOIGIAN": [{"THOIGIANGIAIQUYET": "1", "DONVITINH": "Ngày làm việc"}],
            }
        ],
        "THANHPHANHOSO": [
            {
                "TRUONGHOP": "Chung",
                "GIAYTO": [{"TENGIAYTO": "Tờ khai", "SOBANCHINH": "1", "SOBANSAO": "0"}],
            }
        ],
        "TRINHTUTHUCHIEN": [{"TRUONGHOP": "Chung", "TRINHTU": [{"TENTRINHTU": "Nộp hồ sơ"}]}],
        "DOITUONGTHUCHIEN": [{"TENDOITUONG": "Công dân Việt Nam"}],
        "COQUANTHUCHIEN": [{"TENDONVI": "UBND cấp xã"}],
    }
