import pytest
from django.utils import timezone

from motcua.dossiers.exceptions import DossierNotFoundError
from motcua.dossiers.lifecycle import DossierStatus
from motcua.dossiers.tests.factories import dossier_in, make_world
from motcua.evaluation.exceptions import RatingNotAllowedError
from motcua.evaluation.models import SatisfactionRating
from motcua.evaluation.services.ratings import RATABLE_STATUSES, rating_submit
from motcua.organizations.tests.factories import UserFactory


@pytest.mark.django_db
@pytest.mark.parametrize("status", sorted(RATABLE_STATUSES))
def test_the_applicant_rates_once_after_the_result(status):
    world = make_world()
    dossier = dossier_in(status, world)
    rating = rating_submit(
        dossier_id=dossier.pk,
        actor=world.applicant,
        level="satisfied",
        timeliness_score=5,
        now=timezone.now(),
    )
    assert (rating.level, rating.timeliness_score, rating.rated_by_id) == (
        "satisfied",
        5,
        world.applicant.pk,
    )
    with pytest.raises(RatingNotAllowedError):
        rating_submit(
            dossier_id=dossier.pk, actor=world.applicant, level="dissatisfied", now=timezone.now()
        )
    assert SatisfactionRating.objects.filter(dossier=dossier).count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("status", sorted(set(DossierStatus) - RATABLE_STATUSES))
def test_no_rating_before_the_result(status):
    world = make_world()
    dossier = dossier_in(status, world)
    with pytest.raises(RatingNotAllowedError):
        rating_submit(
            dossier_id=dossier.pk, actor=world.applicant, level="satisfied", now=timezone.now()
        )
    assert not SatisfactionRating.objects.exists()


@pytest.mark.django_db
def test_only_the_applicant_rates():
    world = make_world()
    dossier = dossier_in(DossierStatus.FINISHED, world)
    with pytest.raises(RatingNotAllowedError):
        rating_submit(
            dossier_id=dossier.pk, actor=world.officer, level="satisfied", now=timezone.now()
        )
    with pytest.raises(DossierNotFoundError):
        rating_submit(
            dossier_id=dossier.pk, actor=UserFactory(), level="satisfied", now=timezone.now()
        )
    assert not SatisfactionRating.objects.exists()
