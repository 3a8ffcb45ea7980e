"""Configuration files: discovery, parsing, errors a user can act on (exit 2)."""

from __future__ import annotations

import pytest
from helpers import run_cli, write_files

from archlint.api import load_config, rules_of
from archlint.config import Config, ConfigError
from archlint.config.files import find_config
from archlint.config.selection import enabled

SERVICE = """\
apiVersion: archlint/v1
kind: Service
metadata: {name: orders, context: orders}
spec:
  produces: [{topic: orders, events: [OrderPlaced]}]
"""


def test_defaults_when_no_config(tmp_path):
    assert load_config(cwd=str(tmp_path)) == Config()


def test_found_upwards_from_the_working_directory(tmp_path):
    write_files(tmp_path, {"archlint.yaml": "fail-on: warning\n", "a/b/.keep": ""})
    assert find_config(tmp_path / "a" / "b") == tmp_path / "archlint.yaml"
    assert load_config(cwd=str(tmp_path / "a" / "b")).fail_on == "warning"


def test_pyproject_tool_section(tmp_path):
    write_files(
        tmp_path, {"pyproject.toml": '[tool.archlint]\nselect = ["SW"]\nfail-on = "info"\n'}
    )
    config = load_config(cwd=str(tmp_path))
    assert config.fail_on == "info"
    assert config.select and all(code.startswith("SW") for code in config.select)


def test_pyproject_without_section_is_not_a_config(tmp_path):
    write_files(tmp_path, {"pyproject.toml": "[project]\nname = 'x'\n"})
    assert find_config(tmp_path) is None


def test_rule_settings_severity_options_and_off(tmp_path):
    write_files(
        tmp_path,
        {
            "archlint.yaml": """\
        rules:
          SY002: {max-depth: 5, severity: error}
          cross-context-command: error
          RF003: off
        """
        },
    )
    config = load_config(cwd=str(tmp_path))
    assert config.options["SY002"] == {"max-depth": 5}
    assert config.severity == {"SY002": "error", "CX002": "error"}
    assert "RF003" in config.ignore and "RF003" not in enabled(config, rules_of(config))


def test_paths_are_relative_to_the_config_file(tmp_path):
    write_files(tmp_path, {"archlint.yaml": "paths: [services]\n", "sub/.keep": ""})
    assert load_config(cwd=str(tmp_path)).paths == ("services",)
    assert load_config(cwd=str(tmp_path / "sub")).paths == ("../services",)


@pytest.mark.parametrize(
    "text, message",
    [
        ("selct: [SW]\n", "unknown key 'selct'; did you mean 'select'?"),
        ("select: [XX999]\n", "unknown rule 'XX999'"),
        ("fail-on: sometimes\n", "'fail-on' must be one of"),
        (
            "rules: {SY002: {max-dept: 4}}\n",
            "SY002 has no option 'max-dept'; did you mean 'max-depth'?",
        ),
        ("rules: {SY002: {max-depth: deep}}\n", "must be a whole number"),
        ("rules: {CX001: {severity: fatal}}\n", "severity must be one of"),
        ("rules: {SY002: {max-depth: -1}}\n", "rules.SY002.max-depth must be at least 0, got -1"),
        ("rules: {SY003: {assumed-availability: 101}}\n", "must be between 0 and 100, got 101"),
        ("ruleset: lenient\n", "unknown ruleset 'lenient'"),
        ("- a\n- b\n", "must be a mapping"),
        ("paths: [a\n", "not valid YAML"),
        ("custom-rules: [{code: sw001, forbid: {kind: query}}]\n", "letters then digits"),
    ],
)
def test_bad_config_is_one_line_and_exit_2(tmp_path, text, message):
    write_files(tmp_path, {"archlint.yaml": text, "s.yaml": SERVICE})
    with pytest.raises(ConfigError) as err:
        load_config(cwd=str(tmp_path))
    assert message in str(err.value)
    result = run_cli(["lint", "s.yaml"], cwd=tmp_path)
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_explicit_config_file_overrides_discovery(tmp_path):
    write_files(tmp_path, {"archlint.yaml": "fail-on: never\n", "other.yaml": "fail-on: info\n"})
    assert load_config(str(tmp_path / "other.yaml"), cwd=str(tmp_path)).fail_on == "info"
    result = run_cli(
        ["lint", "--config", "other.yaml", "--format", "json", "--allow-empty", "."], cwd=tmp_path
    )
    assert result.exit_code == 0


def test_missing_explicit_config_is_exit_2(tmp_path):
    result = run_cli(["lint", "--config", "nope.yaml", "."], cwd=tmp_path)
    assert result.exit_code == 2
    assert "config file not found" in result.output
