import pytest
from django.core.management import CommandError, call_command

from motcua.dossiers.events import GENESIS_HASH, canonical_json, chain_breaks, event_hash
from motcua.dossiers.lifecycle import DossierStatus
from motcua.dossiers.models import DossierEvent
from motcua.dossiers.tests.factories import dossier_in, make_world

pytestmark = pytest.mark.django_db


def test_canonical_json_is_independent_of_key_order():
    assert canonical_json({"b": [1, {"y": 2, "x": 1}], "a": None}) == canonical_json(
        {"a": None, "b": [1, {"x": 1, "y": 2}]}
    )


def test_every_stored_event_hashes_to_its_hash_after_reloading():
    world = make_world()
    dossier = dossier_in(DossierStatus.RESULT_RETURNED, world)
    events = list(DossierEvent.objects.filter(dossier=dossier).order_by("sequence"))
    assert events[0].previous_hash == GENESIS_HASH
    assert all(event_hash(e.hashed_content()) == e.hash for e in events)
    assert chain_breaks((e.hashed_content(), e.hash) for e in events) == []


def test_verify_reports_intact_chains(capsys):
    world = make_world()
    dossier_in(DossierStatus.FINISHED, world)
    dossier_in(DossierStatus.WITHDRAWN, world)
    call_command("dossiers_verify")
    assert "2 dossier(s) checked: every chain is intact." in capsys.readouterr().out


def test_verify_finds_a_changed_event(capsys):
    world = make_world()
    dossier = dossier_in(DossierStatus.PROCESSING, world)
    DossierEvent.objects.filter(dossier=dossier, sequence=2).update(data={"checklist": [99]})
    with pytest.raises(CommandError, match="1 break"):
        call_command("dossiers_verify")
    assert f"{dossier.code}: event 2: content does not match its hash" in capsys.readouterr().out


def test_verify_finds_a_removed_event(capsys):
    world = make_world()
    dossier = dossier_in(DossierStatus.FINISHED, world)
    DossierEvent.objects.filter(dossier=dossier, sequence=2).delete()
    with pytest.raises(CommandError):
        call_command("dossiers_verify")
    out = capsys.readouterr().out
    assert f"{dossier.code}: event 3: expected sequence 2" in out
    assert "previous hash does not match" in out


def test_verify_finds_a_truncated_chain(capsys):
    world = make_world()
    dossier = dossier_in(DossierStatus.FINISHED, world)
    DossierEvent.objects.filter(dossier=dossier, sequence=4).delete()
    with pytest.raises(CommandError):
        call_command("dossiers_verify")
    assert "3 event(s) for version 4" in capsys.readouterr().out


def test_chain_check_reads_in_chunks_without_missing_a_dossier():
    from motcua.dossiers.selectors import dossier_chain_breaks

    world = make_world()
    made = [
        dossier_in(status, world)
        for status in (DossierStatus.NEW, DossierStatus.RECEIVED, DossierStatus.FINISHED)
    ]
    DossierEvent.objects.filter(dossier=made[2], sequence=1).update(actor_label="forged")
    rows = list(dossier_chain_breaks(chunk_size=2))
    assert [(code, count) for code, _breaks, count in rows] == [
        (made[0].code, 1),
        (made[1].code, 2),
        (made[2].code, 4),
    ]
    assert [len(breaks) for _code, breaks, _count in rows] == [0, 0, 1]
