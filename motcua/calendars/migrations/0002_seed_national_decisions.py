"""Seed the nationwide decisions legal-spec §6.2 confirms for 2024–2026.

The rows are a frozen copy of motcua/worktime/data/vietnam_decisions.json at the time of writing
(a test checks both agree); later years come in later migrations and in that file.
"""

import datetime as dt

from django.db import migrations

DECISIONS = [
    {'kind': 'day_off', 'first_on': '2024-02-08', 'last_on': '2024-02-14', 'name': 'Tết Nguyên đán', 'reference': '', 'decided_on': None, 'source': 'legal-spec §6.2: Tết 2024 Thu 08/02 – Wed 14/02/2024 (5 Tết days + 2 compensatory, Labour Code Art 111.3); sucsongtre.vn'},
    {'kind': 'day_off', 'first_on': '2024-04-29', 'last_on': '2024-04-29', 'name': 'hoán đổi ngày làm việc', 'reference': '2450/VPCP-KGVX', 'decided_on': '2024-04-12', 'source': 'legal-spec §6.2: 30/4–1/5 2024, Mon 29/04 swapped with Sat 04/05/2024 (CV 2450/VPCP-KGVX 12/04/2024)'},
    {'kind': 'working_day', 'first_on': '2024-05-04', 'last_on': '2024-05-04', 'name': 'làm bù cho ngày 29/04/2024', 'reference': '2450/VPCP-KGVX', 'decided_on': '2024-04-12', 'source': 'legal-spec §6.2: make-up Saturday 04/05/2024 (CV 2450/VPCP-KGVX 12/04/2024)'},
    {'kind': 'day_off', 'first_on': '2024-09-02', 'last_on': '2024-09-03', 'name': 'Quốc khánh', 'reference': '', 'decided_on': None, 'source': 'legal-spec §6.2: National Day 2024 Sat 31/08 – Tue 03/09/2024; sucsongtre.vn'},
    {'kind': 'day_off', 'first_on': '2025-01-27', 'last_on': '2025-01-31', 'name': 'Tết Nguyên đán', 'reference': '8726/VPCP-KGVX', 'decided_on': '2024-11-26', 'source': 'legal-spec §6.2: Tết 2025 official days Mon 27/01 – Fri 31/01/2025 (CV 8726/VPCP-KGVX 26/11/2024; TB 6150/TB-BLĐTBXH)'},
    {'kind': 'day_off', 'first_on': '2025-05-02', 'last_on': '2025-05-02', 'name': 'hoán đổi ngày làm việc', 'reference': '6150/TB-BLĐTBXH', 'decided_on': None, 'source': 'legal-spec §6.2: 30/4–1/5 2025, Fri 02/05 swapped with Sat 26/04/2025 (kntb.vn; reference per §6.2a)'},
    {'kind': 'working_day', 'first_on': '2025-04-26', 'last_on': '2025-04-26', 'name': 'làm bù cho ngày 02/05/2025', 'reference': '6150/TB-BLĐTBXH', 'decided_on': None, 'source': 'legal-spec §6.2: make-up Saturday 26/04/2025'},
    {'kind': 'day_off', 'first_on': '2025-09-01', 'last_on': '2025-09-02', 'name': 'Quốc khánh', 'reference': '8726/VPCP-KGVX', 'decided_on': '2024-11-26', 'source': 'legal-spec §6.2: National Day 2025 Sat 30/08 – Tue 02/09/2025 (news on CV 8726/VPCP-KGVX)'},
    {'kind': 'day_off', 'first_on': '2026-01-02', 'last_on': '2026-01-02', 'name': 'Tết Dương lịch', 'reference': '', 'decided_on': '2025-12-25', 'source': 'legal-spec §6.2: New Year 2026 Thu 01/01 – Sun 04/01/2026 (Ministry of Home Affairs proposal approved 25/12/2025); make-up day not found'},
    {'kind': 'day_off', 'first_on': '2026-02-16', 'last_on': '2026-02-20', 'name': 'Tết Nguyên đán', 'reference': '', 'decided_on': None, 'source': 'legal-spec §6.2: Tết 2026 Sat 14/02 – Sun 22/02/2026, official 5 days Mon 16/02 – Fri 20/02; congan.com.vn, vietnammedia.vnanet.vn'},
]


def parse(value):
    return dt.date.fromisoformat(value) if value else None


def seed(apps, schema_editor):
    CalendarDecision = apps.get_model("calendars", "CalendarDecision")
    for row in DECISIONS:
        CalendarDecision.objects.get_or_create(
            agency=None,
            kind=row["kind"],
            first_on=parse(row["first_on"]),
            last_on=parse(row["last_on"]),
            defaults={
                "name": row["name"],
                "reference": row["reference"],
                "decided_on": parse(row["decided_on"]),
                "source": row["source"],
            },
        )


def unseed(apps, schema_editor):
    CalendarDecision = apps.get_model("calendars", "CalendarDecision")
    for row in DECISIONS:
        CalendarDecision.objects.filter(
            agency=None,
            kind=row["kind"],
            first_on=parse(row["first_on"]),
            last_on=parse(row["last_on"]),
        ).delete()


class Migration(migrations.Migration):
    dependencies = [("calendars", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
