import pytest


@pytest.fixture(autouse=True)
def _isolated_files(settings, tmp_path):
    # Uploaded files and the notification outbox go to a temporary folder; fast password hashing.
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.NOTIFICATION_FILE_DIR = tmp_path / "notifications"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
