"""The fake portal itself: it checks packets against the specification and guards its door."""

import json
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from motcua.integration.national_portal import schemas

PROGRESS = {
    "MaHoSo": "000.00.01.H29-260302-0001",
    "NguoiXuLy": "Trần Thị Lan",
    "ChucDanh": "Cán bộ",
    "ThoiDiemXuLy": "20260302080000",
    "PhongBanXuLy": "Một cửa",
    "NoiDungXuLy": "Tiếp nhận hồ sơ",
    "TrangThai": 2,
    "NgayBatDau": "20260302080000",
    "NgayKetThucTheoQuyDinh": None,
}
HEADERS = {"Authorization": "Bearer test-key"}


def post(portal, path, packet, keys):
    return portal.http.post(
        path,
        content=json.dumps(packet).encode(),
        headers=HEADERS | {"X-Motcua-Event-Keys": ",".join(keys)},
    )


def test_a_packet_breaking_the_specification_is_refused(portal):
    bad = dict(PROGRESS, TrangThai=11, ThoiDiemXuLy="2026-03-02 08:00")
    response = post(portal, "/dossiers/progress", [bad], ["k/1"])
    assert response.status_code == 400
    reply = response.json()
    assert reply["error_code"] == "1"
    assert "TrangThai" in reply["message"]
    assert "ThoiDiemXuLy" in reply["message"]
    assert portal.state()["counters"]["rejected_packets"] == 1


def test_more_than_ten_progress_entries_are_refused(portal):
    response = post(portal, "/dossiers/progress", [PROGRESS] * 11, [f"k/{n}" for n in range(11)])
    assert response.json()["message"].endswith("at most 10 entries per packet, got 11")


def test_progress_of_an_unknown_dossier_is_not_found(portal):
    response = post(portal, "/dossiers/progress", [PROGRESS], ["k/1"])
    assert response.json() == {"error_code": "2", "message": schemas.NOT_FOUND_MESSAGE}


def test_every_element_needs_its_key(portal):
    response = post(portal, "/dossiers/progress", [PROGRESS, PROGRESS], ["k/1"])
    assert response.status_code == 400


def test_a_wrong_key_or_path_is_refused(portal):
    response = portal.http.post(
        "/dossiers/progress", content=b"[]", headers={"Authorization": "Bearer nope"}
    )
    assert response.status_code == 401
    assert portal.http.get("/nowhere").status_code == 404
    assert portal.http.post("/_control/faults", json={"mode": "explode"}).status_code == 400


def test_reset_forgets_everything_but_the_procedures(portal):
    portal.http.put("/_control/procedures", json=[{"MaTTHC": "1.000001", "TENTTHC": "x"}])
    portal.control("outage", seconds=60)
    portal.control("reset")
    state = portal.state()
    assert (state["in_outage"], state["procedures"]) == (False, 1)


def test_the_command_serves_a_real_port(tmp_path):
    procedures = tmp_path / "procedures.json"
    procedures.write_text(json.dumps([{"MaTTHC": "1.000001", "TENTTHC": "Thủ tục"}]))
    port = 18000 + int(time.time() * 1000) % 1000
    repo = Path(__file__).resolve().parents[3]
    command = [sys.executable, "-m", "motcua.cli", "fake_portal", "--port", str(port)]
    command += ["--api-key", "k", "--procedures", str(procedures)]
    process = subprocess.Popen(  # noqa: S603 - our interpreter, fixed arguments
        command,
        cwd=repo,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        assert (
            process.stdout.readline().strip() == f"fake national portal on http://127.0.0.1:{port}"
        )
        page = httpx.get(
            f"http://127.0.0.1:{port}/procedures",
            headers={"Authorization": "Bearer k"},
            timeout=5,
        ).json()
        assert page == {"data": [{"MaTTHC": "1.000001", "TENTTHC": "Thủ tục"}], "next": None}
    finally:
        process.terminate()
        process.wait(timeout=10)
        if process.stdout is not None:
            process.stdout.close()


@pytest.mark.parametrize(
    ("packet", "errors"),
    [
        ([], ["the packet must be a non-empty array"]),
        ({"MaHoSo": "x"}, ["the packet must be a non-empty array"]),
        ([dict(PROGRESS, Extra=1)], ["[0].Extra: unknown field"]),
        ([{k: v for k, v in PROGRESS.items() if k != "MaHoSo"}], ["[0].MaHoSo: missing"]),
        ([dict(PROGRESS, NguoiXuLy="x" * 51)], [f"[0].NguoiXuLy: invalid value {'x' * 51!r}"]),
        ([dict(PROGRESS, TrangThai=True)], ["[0].TrangThai: invalid value True"]),
        (["text"], ["[0]: not an object"]),
    ],
)
def test_progress_packet_errors(packet, errors):
    assert schemas.progress_packet_errors(packet) == errors


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ({"error_code": "0", "message": "Thành công"}, True),
        ({"error_code": 0, "message": "Thành công"}, None),
        ("Thành công", None),
    ],
)
def test_replies_are_read_strictly(raw, expected):
    reply = schemas.reply_of(raw)
    assert (schemas.is_success(reply) if reply else None) == expected


def test_already_exists_needs_its_words():
    assert schemas.is_already_exists({"error_code": "-3", "message": "Hồ sơ đã tồn tại"})
    assert not schemas.is_already_exists({"error_code": "3", "message": "Lỗi khác"})


def test_procedure_pages_are_checked():
    assert schemas.procedure_page_errors({"data": [], "next": None}) == []
    assert schemas.procedure_page_errors([]) == ["a page is an object with a data array"]
    assert schemas.procedure_page_errors({"data": [], "next": "2"}) == [
        "next must be a page number or null"
    ]
