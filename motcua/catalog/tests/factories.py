"""factory_boy factories for the catalog (shared by every app's tests)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factory

from motcua.catalog.models import (
    Channel,
    Fee,
    OnlineLevel,
    Procedure,
    ProcedureChannel,
    ProcedureVersion,
    RequiredDocument,
    Sector,
    TimeLimit,
    TimeLimitUnit,
)
from motcua.catalog.search import search_text_for
from motcua.organizations.tests.factories import AgencyFactory  # noqa: F401 - re-exported


class SectorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Sector
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"H99-{n:03d}")
    name = factory.Sequence(lambda n: f"Lĩnh vực {n}")


class ProcedureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Procedure

    code = factory.Sequence(lambda n: f"1.{n:06d}")


class ProcedureVersionFactory(factory.django.DjangoModelFactory):
    """A procedure version; `search_text` is derived like the importer does."""

    class Meta:
        model = ProcedureVersion
        skip_postgeneration_save = True

    procedure = factory.SubFactory(ProcedureFactory)
    number = 1
    effective_from = dt.date(2025, 7, 1)
    name = factory.Sequence(lambda n: f"Thủ tục số {n}")
    sector = factory.SubFactory(SectorFactory)
    online_level = OnlineLevel.PARTIAL
    content_hash = factory.Sequence(lambda n: f"{n:064d}")
    search_text = factory.LazyAttribute(
        lambda o: search_text_for(code=o.procedure.code, name=o.name, sector_name=o.sector.name)
    )

    @factory.post_generation
    def with_channel(self, create: bool, extracted: object, **kwargs: object) -> None:
        """Give every version a counter channel of 5 working days with a 50,000 VND fee."""
        if not create or extracted is False:
            return
        channel = ProcedureChannel.objects.create(
            version=self, position=0, channel=Channel.COUNTER, name="Trực tiếp"
        )
        limit = TimeLimit.objects.create(
            channel=channel,
            position=0,
            amount=Decimal(5),
            unit=TimeLimitUnit.WORKING_DAY,
            unit_label="Ngày làm việc",
        )
        Fee.objects.create(
            time_limit=limit, position=0, amount=Decimal(50000), description="Lệ phí"
        )
        RequiredDocument.objects.create(
            version=self, position=0, name="Tờ khai theo mẫu", originals=1, copies=0
        )
