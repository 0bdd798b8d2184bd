"""Settings: one declared table, documented in the README, resolved in a fixed order."""

from __future__ import annotations

from pathlib import Path

import pytest

from steppe.config import SETTINGS, load_settings
from steppe.errors import ConfigError

README = Path(__file__).resolve().parents[1] / "README.md"


@pytest.mark.parametrize("setting", SETTINGS, ids=lambda s: s.name)
def test_every_setting_is_documented_in_the_readme(setting):
    text = README.read_text(encoding="utf-8")
    assert f"`{setting.name}`" in text and f"`{setting.env}`" in text, f"document {setting.name} in README.md"


def test_flags_beat_environment_beat_file_beat_defaults(tmp_path):
    toml = tmp_path / "steppe.toml"
    toml.write_text('[web]\nport = 9001\nhost = "0.0.0.0"\n[ticker]\norientation = "usd_per_unit"\n')
    settings = load_settings(flags={"web.port": 9003}, env={"STEPPE_WEB_HOST": "127.0.0.2"}, toml_path=toml)
    assert settings["web.port"] == 9003
    assert settings["web.host"] == "127.0.0.2"
    assert settings["ticker.orientation"] == "usd_per_unit"
    assert settings["ingest.max_bytes"] == 20 * 1024 * 1024


def test_list_settings_split_on_commas():
    settings = load_settings(env={"STEPPE_FETCH_ALLOW_NETWORKS": "127.0.0.0/8, 10.0.0.0/8"}, toml_path="/nonexistent")
    assert settings["fetch.allow_networks"] == ("127.0.0.0/8", "10.0.0.0/8")


def test_a_bad_value_names_the_setting_and_where_it_came_from():
    with pytest.raises(ConfigError, match="STEPPE_WEB_PORT"):
        load_settings(env={"STEPPE_WEB_PORT": "eighty"}, toml_path="/nonexistent")


def test_an_unknown_setting_in_the_file_is_refused(tmp_path):
    toml = tmp_path / "steppe.toml"
    toml.write_text("[web]\nprot = 1\n")
    with pytest.raises(ConfigError, match="unknown setting 'web.prot'"):
        load_settings(env={}, toml_path=toml)


def test_db_defaults_to_the_user_data_directory():
    settings = load_settings(env={}, toml_path="/nonexistent")
    assert settings.db.endswith("steppe.db")
    assert load_settings(env={"STEPPE_DB": "/tmp/x.db"}, toml_path="/nonexistent").db == "/tmp/x.db"
