import pytest


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    # Factories hash a password per user; PBKDF2 would dominate these tests' run time.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
