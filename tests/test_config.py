from pathlib import Path

import pytest

from newsparse import ConfigError
from newsparse.config import load_config_file, merge_config, parse_set_options


def test_set_options_parse_json_values_and_strings() -> None:
    assert parse_set_options(["quotes.max_chars=500", "quotes.mode=strict", "x.flag=true"]) == {
        "quotes": {"max_chars": 500, "mode": "strict"},
        "x": {"flag": True},
    }


@pytest.mark.parametrize("option", ["quotes", "quotes=1", ".x=1", "quotes.=1"])
def test_malformed_set_options(option: str) -> None:
    with pytest.raises(ConfigError, match=r"EXTRACTOR.KEY=VALUE"):
        parse_set_options([option])


def test_toml_file_and_merge(tmp_path: Path) -> None:
    path = tmp_path / "newsparse.toml"
    path.write_text('[pipeline]\ndisable = ["stance"]\n\n[quotes]\nmax_chars = 300\nx = 1\n')
    config = load_config_file(path)
    merged = merge_config(config, parse_set_options(["quotes.max_chars=900"]))
    assert merged == {"pipeline": {"disable": ["stance"]}, "quotes": {"max_chars": 900, "x": 1}}


def test_bad_toml_is_a_config_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text("[quotes\n")
    with pytest.raises(ConfigError, match=r"cannot read config file"):
        load_config_file(path)
    with pytest.raises(ConfigError, match=r"cannot read config file"):
        load_config_file(tmp_path / "missing.toml")
