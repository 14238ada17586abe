"""Catalog search latency: 5,000 generated procedures, realistic queries, p50/p95 per database.

Usage::

    .venv/bin/python bench/catalog.py                      # SQLite, and PostgreSQL if it answers
    .venv/bin/python bench/catalog.py --database-url postgresql://postgres@127.0.0.1:5432/motcua_bench
    .venv/bin/python bench/catalog.py --sqlite-only --count 20000

The SQLite database is a file in a temporary folder. The PostgreSQL database named in the URL is a
throwaway: it is dropped and created again, then dropped at the end. Each database runs in its own
child process (Django is configured once per process). What is timed is what the list page
``/thu-tuc/?q=…`` asks of ``procedure_search``: the count and the first 20 results.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PG_URL = "postgresql://postgres@127.0.0.1:5432/motcua_bench_catalog"
PAGE_SIZE = 20
TARGET_P95_MS = 30.0

# (query, what it exercises)
QUERIES = [
    ("Cấp giấy phép xây dựng", "with diacritics"),
    ("cap giay phep xay dung", "without diacritics"),
    ("giấy phép xây", "unfinished last word"),
    ("cap giay phep xay dugn", "one typo (swap)"),
    ("giay phep xay dungg", "one typo (extra letter)"),
    ("đăng ký khai sinh", "with diacritics"),
    ("dang ky ket hon", "without diacritics"),
    ("ho kinh doanh", "without diacritics"),
    ("chung thuc ban sao", "without diacritics"),
    ("giấy phép lái xe", "with diacritics"),
    ("quyen su dung dat", "without diacritics"),
    ("thue", "one broad word"),
    ("cấp lại", "two very common words"),
    ("1.000123", "procedure code"),
    ("moi truong xa thai", "without diacritics"),
]

SECTORS = {
    "Hoạt động xây dựng": [
        "giấy phép xây dựng",
        "giấy phép xây dựng có thời hạn",
        "chứng chỉ hành nghề hoạt động xây dựng",
        "chứng chỉ năng lực hoạt động xây dựng",
        "giấy phép di dời công trình",
        "thẩm định thiết kế xây dựng triển khai sau thiết kế cơ sở",
    ],
    "Hộ tịch": [
        "khai sinh",
        "kết hôn",
        "khai tử",
        "nhận cha, mẹ, con",
        "giám hộ",
        "thay đổi, cải chính, bổ sung thông tin hộ tịch",
        "xác nhận tình trạng hôn nhân",
    ],
    "Thành lập và hoạt động của hộ kinh doanh": [
        "thành lập hộ kinh doanh",
        "thay đổi nội dung đăng ký hộ kinh doanh",
        "tạm ngừng hoạt động hộ kinh doanh",
        "chấm dứt hoạt động hộ kinh doanh",
    ],
    "Chứng thực": [
        "bản sao từ bản chính giấy tờ, văn bản",
        "chữ ký trong các giấy tờ, văn bản",
        "hợp đồng, giao dịch liên quan đến tài sản là động sản",
        "văn bản thỏa thuận phân chia di sản",
    ],
    "Đường bộ": [
        "giấy phép lái xe",
        "giấy đăng ký xe máy chuyên dùng",
        "giấy phép lưu hành xe quá tải trọng",
        "phù hiệu xe kinh doanh vận tải",
    ],
    "Đất đai": [
        "giấy chứng nhận quyền sử dụng đất",
        "biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất",
        "chuyển mục đích sử dụng đất",
        "tách thửa hoặc hợp thửa đất",
    ],
    "Thuế": [
        "mã số thuế cá nhân",
        "miễn, giảm thuế sử dụng đất phi nông nghiệp",
        "hoàn thuế thu nhập cá nhân",
    ],
    "Môi trường": [
        "giấy phép môi trường",
        "xác nhận hoàn thành công trình bảo vệ môi trường",
        "giấy phép xả thải vào nguồn nước",
        "kế hoạch quản lý chất thải rắn",
    ],
    "Giáo dục và Đào tạo": [
        "văn bằng, chứng chỉ",
        "thành lập trường mầm non",
        "chuyển trường đối với học sinh trung học",
        "công nhận trường đạt chuẩn quốc gia",
    ],
    "Y tế": [
        "chứng chỉ hành nghề khám bệnh, chữa bệnh",
        "giấy phép hoạt động khám bệnh, chữa bệnh",
        "giấy chứng nhận đủ điều kiện kinh doanh dược",
    ],
    "Lao động": [
        "giấy phép lao động cho người nước ngoài",
        "trợ cấp thất nghiệp",
        "nội quy lao động",
    ],
    "Văn hóa": [
        "giấy phép tổ chức lễ hội",
        "giấy phép kinh doanh karaoke",
        "di tích cấp tỉnh",
    ],
}
ACTIONS = [
    "Cấp",
    "Cấp lại",
    "Cấp đổi",
    "Gia hạn",
    "Điều chỉnh",
    "Thu hồi",
    "Đăng ký",
    "Đăng ký lại",
    "Xác nhận",
    "Thẩm định",
    "Công nhận",
    "Phê duyệt",
    "Chứng thực",
]
QUALIFIERS = [
    "",
    "",
    "",
    " đối với cá nhân",
    " đối với tổ chức",
    " cho doanh nghiệp",
    " có yếu tố nước ngoài",
    " trong trường hợp bị mất, hỏng",
    " tại cấp xã",
    " tại cấp tỉnh",
    " đối với công trình cấp III",
    " đối với nhà ở riêng lẻ",
    " trên địa bàn tỉnh",
    " theo thủ tục rút gọn",
]


def generate_names(count: int, seed: int = 2025) -> list[tuple[str, str]]:
    """``count`` distinct (name, sector name) pairs, always including "Cấp giấy phép xây dựng"."""
    rng = random.Random(seed)
    names: dict[str, str] = {"Cấp giấy phép xây dựng": "Hoạt động xây dựng"}
    sectors = list(SECTORS)
    suffix = 0
    while len(names) < count:
        sector = rng.choice(sectors)
        name = f"{rng.choice(ACTIONS)} {rng.choice(SECTORS[sector])}{rng.choice(QUALIFIERS)}"
        if name in names:
            suffix += 1
            name = f"{name} (mẫu {suffix})"
        names[name] = sector
    return list(names.items())


def load(count: int) -> None:
    """Write ``count`` procedures (one version each, a tenth with an older or future one)."""
    import datetime as dt

    from django.db import transaction

    from motcua.catalog.models import OnlineLevel, Procedure, ProcedureVersion, Sector
    from motcua.catalog.search import search_text_for

    rng = random.Random(7)
    pairs = generate_names(count)
    with transaction.atomic():
        sectors = {
            name: Sector.objects.create(code=f"BENCH-{i:02d}", name=name)
            for i, name in enumerate(SECTORS)
        }
        procedures = Procedure.objects.bulk_create(
            Procedure(code=f"1.{n:06d}") for n in range(1, len(pairs) + 1)
        )
        levels = [OnlineLevel.FULL, OnlineLevel.PARTIAL, OnlineLevel.NONE]
        versions = []
        for procedure, (name, sector_name) in zip(procedures, pairs, strict=True):
            sector = sectors[sector_name]
            common = {
                "procedure": procedure,
                "name": name,
                "sector": sector,
                "online_level": rng.choice(levels),
                "content_hash": f"{procedure.code:0>64}"[-64:],
                "search_text": search_text_for(
                    code=procedure.code, name=name, sector_name=sector_name
                ),
            }
            versions.append(
                ProcedureVersion(number=1, effective_from=dt.date(2024, 1, 1), **common)
            )
            if rng.random() < 0.1:
                later = dt.date(2025, 7, 1) if rng.random() < 0.5 else dt.date(2099, 1, 1)
                versions.append(ProcedureVersion(number=2, effective_from=later, **common))
        ProcedureVersion.objects.bulk_create(versions, batch_size=1000)


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def measure(repeats: int) -> dict[str, object]:
    import datetime as dt

    from motcua.catalog.models import ProcedureVersion
    from motcua.catalog.selectors import procedure_search, search_vocabulary

    today = dt.date(2025, 9, 1)
    started = time.perf_counter()
    search_vocabulary()
    vocabulary_ms = (time.perf_counter() - started) * 1000

    def one(query: str) -> tuple[float, int, list[ProcedureVersion]]:
        started = time.perf_counter()
        results = procedure_search(query=query, on=today)
        total = results.count()
        first = list(results[:PAGE_SIZE])
        elapsed = (time.perf_counter() - started) * 1000
        return elapsed, total, first

    for query, _ in QUERIES:  # warm-up: plans, caches
        one(query)
    samples: list[float] = []
    per_query = []
    for query, kind in QUERIES:
        times = []
        for _ in range(repeats):
            elapsed, total, first = one(query)
            times.append(elapsed)
        samples.extend(times)
        per_query.append(
            {
                "query": query,
                "kind": kind,
                "results": total,
                "top": first[0].name if first else "",
                "page": [version.procedure.code for version in first],
                "p50": statistics.median(times),
                "p95": percentile(times, 0.95),
            }
        )
    return {
        "vocabulary_ms": vocabulary_ms,
        "p50": statistics.median(samples),
        "p95": percentile(samples, 0.95),
        "samples": len(samples),
        "per_query": per_query,
    }


def child(database_url: str, count: int, repeats: int) -> None:
    """Run in a fresh process: configure Django for ``database_url``, load, measure, print JSON."""
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings")
    sys.path.insert(0, str(ROOT))
    import django
    from django.core.management import call_command
    from django.db import connection

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)
    started = time.perf_counter()
    load(count)
    load_s = time.perf_counter() - started
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    result = measure(repeats)
    result |= {"vendor": connection.vendor, "count": count, "load_s": load_s}
    print(json.dumps(result))


def postgres_admin(url: str, statement: str) -> None:
    """Run one statement on the server's ``postgres`` database (to create or drop ours)."""
    import psycopg
    from psycopg.conninfo import make_conninfo

    with psycopg.connect(
        make_conninfo(url, dbname="postgres"), autocommit=True, connect_timeout=3
    ) as conn:
        conn.execute(statement)


def postgres_database_name(url: str) -> str:
    from psycopg.conninfo import conninfo_to_dict

    name = str(conninfo_to_dict(url).get("dbname") or "")
    if not name.replace("_", "").isalnum():
        raise SystemExit(f"refusing database name {name!r}")
    return name


def run_child(database_url: str, count: int, repeats: int) -> dict[str, object]:
    process = subprocess.run(
        [
            sys.executable,
            __file__,
            "--child",
            "--database-url",
            database_url,
            "--count",
            str(count),
            "--repeats",
            str(repeats),
        ],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    if process.returncode != 0:
        raise SystemExit(f"benchmark on {database_url} failed:\n{process.stderr}")
    return dict(json.loads(process.stdout.strip().splitlines()[-1]))


def report(result: dict[str, object]) -> None:
    print(
        f"\n{result['vendor']}: {result['count']} procedures loaded in {result['load_s']:.1f} s; "
        f"vocabulary built in {result['vocabulary_ms']:.0f} ms (once per change)"
    )
    print(f"  {'query':<28} {'kind':<24} {'results':>7} {'p50 ms':>7} {'p95 ms':>7}  first result")
    for row in result["per_query"]:  # type: ignore[attr-defined]
        print(
            f"  {row['query']:<28} {row['kind']:<24} {row['results']:>7} "
            f"{row['p50']:>7.1f} {row['p95']:>7.1f}  {row['top'][:48]}"
        )
    verdict = "OK" if float(result["p95"]) <= TARGET_P95_MS else "ABOVE TARGET"  # type: ignore[arg-type]
    print(
        f"  all {result['samples']} searches: p50 {result['p50']:.1f} ms, "
        f"p95 {result['p95']:.1f} ms (target p95 <= {TARGET_P95_MS:.0f} ms: {verdict})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=5000, help="procedures to generate")
    parser.add_argument("--repeats", type=int, default=30, help="timed runs of each query")
    parser.add_argument(
        "--database-url",
        help="PostgreSQL throwaway database (dropped and recreated); default: "
        f"{DEFAULT_PG_URL} when the server answers",
    )
    parser.add_argument("--sqlite-only", action="store_true")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.database_url, args.count, args.repeats)
        return

    print(
        f"Catalog search benchmark: {args.count} procedures, {len(QUERIES)} queries x "
        f"{args.repeats} runs, count + first {PAGE_SIZE} results (python {sys.version.split()[0]}, "
        f"{os.cpu_count()} CPUs)"
    )
    results = []
    with tempfile.TemporaryDirectory(prefix="motcua-bench-") as folder:
        sqlite_url = f"sqlite:///{Path(folder) / 'catalog.sqlite3'}"
        results.append(run_child(sqlite_url, args.count, args.repeats))
    report(results[-1])

    if not args.sqlite_only:
        url = args.database_url or DEFAULT_PG_URL
        name = postgres_database_name(url)
        try:
            postgres_admin(url, f'DROP DATABASE IF EXISTS "{name}"')
            postgres_admin(url, f'CREATE DATABASE "{name}"')
        except Exception as error:  # the server is down or refuses us
            if args.database_url:
                raise SystemExit(f"PostgreSQL at {url} does not answer: {error}") from error
            print(f"\nPostgreSQL skipped: {error}")
        else:
            try:
                results.append(run_child(url, args.count, args.repeats))
            finally:
                postgres_admin(url, f'DROP DATABASE IF EXISTS "{name}"')
            report(results[-1])

    pages = [[row["page"] for row in r["per_query"]] for r in results]  # type: ignore[attr-defined]
    if len(pages) == 2:
        same = pages[0] == pages[1]
        print(
            f"\nSame first page (codes, in order) for every query on both databases: "
            f"{'yes' if same else 'NO'}"
        )


if __name__ == "__main__":
    main()
