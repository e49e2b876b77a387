"""The one SYNTHETIC dashboard user of the tests (tests/conftest.py `users_file` writes it)."""
from __future__ import annotations

NAME, PASSWORD = "test.gebruiker", "SYNTHETISCH-wachtwoord-42"
DISPLAY_NAME = "Test Gebruiker (SYNTHETISCH)"
# Settings a developer's shell may have set that would change what the login and serving tests see.
CLEARED_SETTINGS = ("DASHBOARD_SECRET_KEY", "DASHBOARD_THROTTLE_STORAGE", "DASHBOARD_FRAME_ANCESTORS",
                    "DASHBOARD_MAX_CONTENT_LENGTH", "DASHBOARD_TRUSTED_PROXIES", "DASHBOARD_SECURE_COOKIE")
