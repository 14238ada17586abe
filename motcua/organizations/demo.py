"""The demo province: a fictional but plausible province after the 2025 reform (no districts).

"Tỉnh An Hòa" uses the QCVN 102 identifier ``000.00.00.H99`` — H99 is not assigned to any real
province, so the demo never impersonates one. Departments are ``000.00.0N.H99``; communes and
wards, directly under the province since 01/07/2025, are ``000.00.4N.H99``. Every commune has a
Trung tâm Phục vụ hành chính công (one-stop reception) and specialized units; the province has
its provincial Trung tâm Phục vụ hành chính công. Every account's password is ``motcua-demo``.

Loading is idempotent: what exists is left as it is.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction

from motcua.organizations.models import Agency, AgencyLevel, Role, UnitKind
from motcua.organizations.services import (
    agency_create,
    official_ensure,
    staff_role_grant,
    unit_ensure,
)

DEMO_PASSWORD = "motcua-demo"  # noqa: S105 - published demo credential, printed by demo_load
ADMIN_USERNAME = "admin"
PROVINCE_IDENTIFIER = "000.00.00.H99"


@dataclass(frozen=True, slots=True)
class StaffSeat:
    username: str
    full_name: str  # "Họ Tên đệm Tên"
    unit: str
    role: Role
    title: str


@dataclass(frozen=True, slots=True)
class DemoAgency:
    identifier: str
    name: str
    short_name: str
    level: AgencyLevel
    address: str
    units: tuple[tuple[str, UnitKind], ...]
    staff: tuple[StaffSeat, ...]
    sectors: tuple[str, ...] = ()  # sector codes of the demo packet this agency handles


def _commune(number: int, kind: str, name: str, slug: str, people: tuple[str, ...]) -> DemoAgency:
    """A commune or ward: TTPVHCC, two specialized units, leadership, office (post-2025 model)."""
    reception = f"Trung tâm Phục vụ hành chính công {kind.lower()} {name}"
    economy = "Phòng Kinh tế" if kind == "Xã" else "Phòng Kinh tế, Hạ tầng và Đô thị"
    office = "Văn phòng HĐND và UBND"
    return DemoAgency(
        identifier=f"000.00.{40 + number:02d}.H99",
        name=f"Ủy ban nhân dân {kind.lower()} {name}",
        short_name=f"UBND {kind.lower()} {name}",
        level=AgencyLevel.COMMUNE,
        address=f"Trụ sở UBND {kind.lower()} {name}, tỉnh An Hòa",
        units=(
            (reception, UnitKind.RECEPTION),
            (office, UnitKind.DEPARTMENT),
            (economy, UnitKind.DEPARTMENT),
            ("Phòng Văn hóa - Xã hội", UnitKind.DEPARTMENT),
            ("Lãnh đạo UBND", UnitKind.LEADERSHIP),
        ),
        staff=(
            StaffSeat(
                f"{slug}.tiepnhan",
                people[0],
                reception,
                Role.RECEPTION_OFFICER,
                "Công chức một cửa",
            ),
            StaffSeat(
                f"{slug}.tuphap", people[1], office, Role.SPECIALIST, "Công chức Tư pháp - Hộ tịch"
            ),
            StaffSeat(f"{slug}.kinhte", people[2], economy, Role.SPECIALIST, "Chuyên viên"),
            StaffSeat(
                f"{slug}.lanhdao", people[3], "Lãnh đạo UBND", Role.LEADER, "Phó Chủ tịch UBND"
            ),
            StaffSeat(f"{slug}.quantri", people[4], office, Role.AGENCY_ADMIN, "Quản trị hệ thống"),
        ),
    )


def _department(
    number: int,
    name: str,
    slug: str,
    unit: str,
    people: tuple[str, str, str],
    sectors: tuple[str, ...],
) -> DemoAgency:
    return DemoAgency(
        identifier=f"000.00.{number:02d}.H99",
        name=name,
        short_name=name,
        level=AgencyLevel.DEPARTMENT,
        address=f"{name}, số {number} đường Trần Hưng Đạo, phường An Hòa, tỉnh An Hòa",
        units=((unit, UnitKind.DEPARTMENT), ("Ban Giám đốc", UnitKind.LEADERSHIP)),
        staff=(
            StaffSeat(f"{slug}.chuyenvien", people[0], unit, Role.SPECIALIST, "Chuyên viên"),
            StaffSeat(f"{slug}.lanhdao", people[1], "Ban Giám đốc", Role.LEADER, "Phó Giám đốc"),
            StaffSeat(f"{slug}.quantri", people[2], unit, Role.AGENCY_ADMIN, "Quản trị hệ thống"),
        ),
        sectors=sectors,
    )


PROVINCE_CENTRE = "Trung tâm Phục vụ hành chính công tỉnh"

PROVINCE = DemoAgency(
    identifier=PROVINCE_IDENTIFIER,
    name="Ủy ban nhân dân tỉnh An Hòa",
    short_name="UBND tỉnh An Hòa",
    level=AgencyLevel.PROVINCE,
    address="Số 1 đường Trần Hưng Đạo, phường An Hòa, tỉnh An Hòa",
    units=(
        (PROVINCE_CENTRE, UnitKind.RECEPTION),
        ("Phòng Kiểm soát thủ tục hành chính", UnitKind.DEPARTMENT),
        ("Lãnh đạo UBND tỉnh", UnitKind.LEADERSHIP),
    ),
    staff=(
        StaffSeat(
            "tinh.tiepnhan",
            "Nguyễn Thị Lan",
            PROVINCE_CENTRE,
            Role.RECEPTION_OFFICER,
            "Công chức một cửa",
        ),
        StaffSeat(
            "tinh.tiepnhan2",
            "Trần Văn Hùng",
            PROVINCE_CENTRE,
            Role.RECEPTION_OFFICER,
            "Công chức một cửa",
        ),
        StaffSeat(
            "tinh.kiemsoat",
            "Lê Minh Tâm",
            "Phòng Kiểm soát thủ tục hành chính",
            Role.SPECIALIST,
            "Chuyên viên",
        ),
        StaffSeat(
            "tinh.lanhdao", "Phạm Quốc Bảo", PROVINCE_CENTRE, Role.LEADER, "Giám đốc Trung tâm"
        ),
        StaffSeat(
            "tinh.quantri",
            "Hoàng Thu Trang",
            PROVINCE_CENTRE,
            Role.AGENCY_ADMIN,
            "Quản trị hệ thống",
        ),
    ),
)

DEPARTMENTS = (
    _department(
        4,
        "Sở Tài chính",
        "stc",
        "Phòng Đăng ký kinh doanh",
        ("Vũ Thị Hạnh", "Đặng Văn Long", "Bùi Thanh Hà"),
        ("H99-DN",),
    ),
    _department(
        5,
        "Sở Tư pháp",
        "stp",
        "Phòng Hành chính tư pháp",
        ("Đỗ Thị Mai", "Ngô Văn Thành", "Dương Minh Châu"),
        ("H99-HT", "H99-CT", "H99-LLTP"),
    ),
    _department(
        6,
        "Sở Xây dựng",
        "sxd",
        "Phòng Quản lý hoạt động xây dựng",
        ("Lý Văn Phúc", "Mai Thị Hồng", "Trịnh Công Sơn"),
        ("H99-XD", "H99-NHAO", "H99-GPLX", "H99-PTGT"),
    ),
    _department(
        7,
        "Sở Nông nghiệp và Môi trường",
        "snnmt",
        "Văn phòng Đăng ký đất đai",
        ("Phan Thị Ngọc", "Tạ Văn Dũng", "Hồ Thị Yến"),
        ("H99-DD",),
    ),
    _department(
        8,
        "Công an tỉnh",
        "congan",
        "Phòng Cảnh sát quản lý hành chính về trật tự xã hội",
        ("Lương Văn Tú", "Châu Minh Đức", "Kiều Thị Thảo"),
        ("H99-CUTRU", "H99-CANCUOC", "H99-DDDT"),
    ),
)

COMMUNES = (
    _commune(
        1,
        "Phường",
        "An Hòa",
        "anhoa",
        ("Nguyễn Thị Thu", "Trần Thị Kim", "Lê Văn Nam", "Phạm Văn Quang", "Võ Thị Liên"),
    ),
    _commune(
        2,
        "Phường",
        "Thanh Bình",
        "thanhbinh",
        ("Đinh Thị Hoa", "Huỳnh Văn Tài", "Cao Thị Diệu", "Lâm Văn Hải", "Tô Thị Nga"),
    ),
    _commune(
        3,
        "Xã",
        "Tân Phú",
        "tanphu",
        ("Quách Thị Vân", "Mạc Văn Hòa", "Lục Thị Huyền", "Thái Văn Sang", "Khúc Thị Oanh"),
    ),
    _commune(
        4,
        "Xã",
        "Long Sơn",
        "longson",
        ("Triệu Thị Bích", "Âu Văn Lực", "Giang Thị Hương", "Doãn Văn Mạnh", "Kim Thị Loan"),
    ),
    _commune(
        5,
        "Xã",
        "Đông Hưng",
        "donghung",
        ("Nghiêm Thị Tuyết", "Ông Văn Trọng", "Phí Thị Quỳnh", "La Văn Khải", "Hà Thị Duyên"),
    ),
    _commune(
        6,
        "Xã",
        "Phước An",
        "phuocan",
        ("Lạc Thị Xuân", "Văn Đức Thắng", "Khổng Thị Ánh", "Tăng Văn Lộc", "Chu Thị Ngân"),
    ),
)


@dataclass(frozen=True, slots=True)
class DemoAccount:
    username: str
    full_name: str
    agency: str
    role: str


def _ensure_agency(spec: DemoAgency, parent: Agency | None) -> Agency:
    agency = Agency.objects.filter(identifier=spec.identifier).first()
    if agency is None:
        agency = agency_create(
            identifier=spec.identifier,
            name=spec.name,
            level=spec.level,
            parent_id=parent.pk if parent is not None else None,
            short_name=spec.short_name,
            address=spec.address,
        )
    return agency


def _ensure_staff(spec: DemoAgency, agency: Agency, password_hash: str) -> list[DemoAccount]:
    units = {
        name: unit_ensure(agency_id=agency.pk, name=name, kind=kind) for name, kind in spec.units
    }
    accounts = []
    for seat in spec.staff:
        family, _space, given = seat.full_name.rpartition(" ")
        user = official_ensure(
            username=seat.username,
            password_hash=password_hash,
            first_name=given,
            last_name=family,
        )
        staff_role_grant(
            user_id=user.pk, unit_id=units[seat.unit].pk, role=seat.role, title=seat.title
        )
        accounts.append(
            DemoAccount(seat.username, seat.full_name, agency.short_name, str(seat.role.label))
        )
    return accounts


@transaction.atomic
def demo_province_load() -> list[DemoAccount]:
    """Create the demo province, its departments, communes, units and staff (idempotent).

    Returns the demo accounts (all with the password ``DEMO_PASSWORD``), the superuser first.
    """
    # One hash for every demo account: hashing 50 passwords would take ~20 s.
    password_hash = make_password(DEMO_PASSWORD)
    user_model = get_user_model()
    if not user_model.objects.filter(username=ADMIN_USERNAME).exists():
        user_model.objects.create_superuser(
            username=ADMIN_USERNAME, email="admin@example.org", password=DEMO_PASSWORD
        )
    accounts = [DemoAccount(ADMIN_USERNAME, "", "", "superuser")]
    province = _ensure_agency(PROVINCE, None)
    accounts += _ensure_staff(PROVINCE, province, password_hash)
    for spec in (*DEPARTMENTS, *COMMUNES):
        agency = _ensure_agency(spec, province)
        accounts += _ensure_staff(spec, agency, password_hash)
    return accounts


def demo_agencies_by_sector() -> dict[str, list[str]]:
    """Identifiers of the demo departments per sector code they handle at province level."""
    result: dict[str, list[str]] = {}
    for spec in DEPARTMENTS:
        for sector in spec.sectors:
            result.setdefault(sector, []).append(spec.identifier)
    return result


def demo_commune_identifiers() -> list[str]:
    return [spec.identifier for spec in COMMUNES]
