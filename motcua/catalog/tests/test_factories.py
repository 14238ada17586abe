import pytest

from motcua.catalog.tests.factories import ProcedureVersionFactory
from motcua.organizations.tests.factories import AgencyFactory
from motcua.organizations.validators import is_agency_identifier


@pytest.mark.django_db
def test_factories_build_valid_rows():
    version = ProcedureVersionFactory(name="Cấp giấy phép xây dựng")
    agency = AgencyFactory()
    version.full_clean()
    agency.full_clean()
    assert is_agency_identifier(agency.identifier)
    assert "cap giay phep xay dung" in version.search_text
    assert version.channels.get().time_limits.get().fees.get().amount == 50000
