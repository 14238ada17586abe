import pytest

from motcua.notifications.backends import Backend, DeliveryError, read_outbox
from motcua.notifications.models import Delivery, DeliveryStatus
from motcua.notifications.services.delivery import notification_send

sent: list[str] = []


class FlakyBackend(Backend):
    fail = True

    def send(self, message):
        if FlakyBackend.fail:
            raise DeliveryError("gateway down")
        sent.append(message.key)


@pytest.mark.django_db
def test_the_same_key_is_sent_once():
    for _ in range(3):
        notification_send(
            channel="sms", recipient="0912345678", subject="", body="Xin chào", key="k1"
        )
    assert [m["key"] for m in read_outbox()] == ["k1"]
    delivery = Delivery.objects.get(key="k1")
    assert (delivery.status, delivery.attempts, delivery.body) == (
        DeliveryStatus.SENT,
        1,
        "Xin chào",
    )


@pytest.mark.django_db
def test_secrets_are_redacted_in_the_log_but_sent():
    notification_send(
        channel="email",
        recipient="a@example.vn",
        subject="Mã",
        body="Mã 123456",
        key="k2",
        secret=True,
    )
    assert Delivery.objects.get(key="k2").body == "[redacted]"
    assert read_outbox()[-1]["body"] == "Mã 123456"


@pytest.mark.django_db
def test_a_failed_delivery_is_retried_then_not_again(settings):
    settings.NOTIFICATION_BACKENDS = {
        "sms": f"{__name__}.FlakyBackend",
        "email": f"{__name__}.FlakyBackend",
    }
    FlakyBackend.fail = True
    first = notification_send(channel="sms", recipient="0912", subject="", body="x", key="k3")
    assert (first.status, first.error) == (DeliveryStatus.FAILED, "gateway down")
    FlakyBackend.fail = False
    notification_send(channel="sms", recipient="0912", subject="", body="x", key="k3")
    notification_send(channel="sms", recipient="0912", subject="", body="x", key="k3")
    assert sent.count("k3") == 1
    assert Delivery.objects.get(key="k3").attempts == 2


def test_unknown_channel_is_a_programming_error():
    with pytest.raises(ValueError, match="unknown channel"):
        notification_send(channel="fax", recipient="x", subject="", body="", key="k")
