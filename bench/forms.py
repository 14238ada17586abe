"""Official forms: time to render a receipt (Mẫu 01) as HTML and as PDF, and the PDF's size.

Sets up a throwaway SQLite database with the demo province and catalog, receives dossiers at a
commune's counter through the real service, then renders each one's receipt. Prints the median and
95th percentile in milliseconds (the first PDF, which loads the fonts, is reported apart).

    .venv/bin/python bench/forms.py [--dossiers 50]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dossiers", type=int, default=50)
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="motcua-bench-forms-")
    os.environ["MOTCUA_VAR_DIR"] = folder
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from motcua.catalog.models import ProcedureVersion
    from motcua.dossiers.models import ApplicantKind
    from motcua.dossiers.services.transitions import ApplicantInput, dossier_receive_at_counter
    from motcua.official_forms.kinds import FormKind
    from motcua.official_forms.services import form_render
    from motcua.organizations.models import Role, StaffRole

    call_command("migrate", verbosity=0)
    with open(os.devnull, "w") as quiet:
        call_command("i18n_compile", stdout=quiet)
        call_command("demo_load", stdout=quiet, stderr=quiet)
    seat = (
        StaffRole.objects.filter(role=Role.RECEPTION_OFFICER, unit__agency__level="commune")
        .select_related("unit", "user")
        .order_by("id")
        .first()
    )
    assert seat is not None, "the demo has a commune reception officer"
    version = ProcedureVersion.objects.filter(agencies=seat.unit.agency_id).order_by("id").first()
    assert version is not None, "the demo commune handles a procedure"
    officer = get_user_model().objects.get(pk=seat.user_id)
    ids = []
    for n in range(args.dossiers):
        dossier = dossier_receive_at_counter(
            actor=officer,
            procedure_version_id=version.pk,
            receiving_unit_id=seat.unit_id,
            applicant=ApplicantInput(
                kind=ApplicantKind.PERSON,
                name="Nguyễn Văn An",
                identity_number=f"0012030{n:05d}",
                address="Số 1, phường An Hòa",
            ),
            form_data={},
            checklist=[],
        )
        ids.append(dossier.pk)

    def timed(fmt: str, dossier_id: int) -> tuple[float, int]:
        start = time.perf_counter()
        out = form_render(form=FormKind.RECEIPT, dossier_id=dossier_id, fmt=fmt)  # type: ignore[call-overload]
        return (time.perf_counter() - start) * 1000, len(out)

    first_pdf, _ = timed("pdf", ids[0])
    html = [timed("html", i)[0] for i in ids]
    pdf_runs = [timed("pdf", i) for i in ids]
    pdf = [ms for ms, _size in pdf_runs]
    sizes = [size for _ms, size in pdf_runs]
    print(f"receipts rendered: {len(ids)} ({version.procedure.code}, {seat.unit.name})")
    print(f"first PDF (fonts loaded): {first_pdf:.0f} ms")
    print(f"HTML: median {statistics.median(html):.1f} ms, p95 {percentile(html, 0.95):.1f} ms")
    print(f"PDF:  median {statistics.median(pdf):.0f} ms, p95 {percentile(pdf, 0.95):.0f} ms")
    print(f"PDF size: median {statistics.median(sizes) / 1024:.0f} KiB")
    shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
