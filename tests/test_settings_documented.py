"""Every setting of etl/config.py is documented in the README table and in .env.example, with its default."""
from pathlib import Path

from etl.config import SETTINGS

REPO = Path(__file__).resolve().parent.parent


def test_settings_in_readme_and_env_example():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    example = (REPO / ".env.example").read_text(encoding="utf-8").splitlines()
    for name, (default, _) in SETTINGS.items():
        assert f"| `{name}` |" in readme, name
        assert f"{name}={default}" in example, name
