from rest_framework.test import APIRequestFactory

from motcua.core.api import problem_exception_handler
from motcua.core.errors import DomainError, ValidationFailedError


class SecondSupplementError(DomainError):
    code = "supplement_already_requested"
    status = 409
    message_template = "Dossier %(code)s already had its one supplement request."


def test_domain_error_becomes_problem_json_with_stable_code():
    response = problem_exception_handler(SecondSupplementError(code="X-1"), {})
    assert response is not None
    assert response.status_code == 409
    assert response.content_type == "application/problem+json"
    assert response.data["code"] == "supplement_already_requested"
    assert response.data["detail"] == "Dossier X-1 already had its one supplement request."
    assert response.data["type"] == "urn:motcua:problem:supplement_already_requested"


def test_validation_error_lists_field_errors():
    response = problem_exception_handler(ValidationFailedError(errors={"code": ["bad"]}), {})
    assert response is not None
    assert response.status_code == 400
    assert response.data["errors"] == {"code": ["bad"]}


def test_drf_exceptions_get_codes():
    from rest_framework.exceptions import MethodNotAllowed

    request = APIRequestFactory().delete("/api/v1/x")
    response = problem_exception_handler(MethodNotAllowed("DELETE"), {"request": request})
    assert response is not None
    assert response.status_code == 405
    assert response.data["code"] == "method_not_allowed"
