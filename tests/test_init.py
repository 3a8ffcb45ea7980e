"""`archlint init`: a commented configuration, the schema, example manifests with the
schema modeline that lint clean and validate against the schema; never overwrites."""

from __future__ import annotations

import json
import re

import jsonschema
import yaml
from helpers import run_cli

from archlint.api import load_config
from archlint.config.keys import KEYS

FILES = ["archlint.yaml", "archlint.schema.json", "services/orders.yaml", "services/shipping.yaml"]
MODELINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)$", re.MULTILINE)


def test_writes_the_starter_files_and_they_lint_clean(tmp_path):
    result = run_cli(["init"], cwd=tmp_path)
    assert result.exit_code == 0
    assert [line.split(":")[0] for line in result.output.splitlines()[:4]] == FILES
    assert all((tmp_path / name).is_file() for name in FILES)
    lint = run_cli(["lint"], cwd=tmp_path)  # paths come from the written archlint.yaml
    assert (lint.exit_code, lint.output) == (0, "All checks passed (2 files, 2 services).\n")


def test_into_a_new_directory(tmp_path):
    result = run_cli(["init", "estate"], cwd=tmp_path)
    assert result.exit_code == 0
    assert run_cli(["lint"], cwd=tmp_path / "estate").exit_code == 0


def test_configuration_is_commented_and_valid(tmp_path):
    run_cli(["init"], cwd=tmp_path)
    text = (tmp_path / "archlint.yaml").read_text()
    assert text.count("\n#") >= 10
    for key in ("# select:", "# ignore:", "# rules:", "# baseline:", "# exclude:"):
        assert key in text  # every option is shown, commented out
    config = load_config(tmp_path / "archlint.yaml", cwd=str(tmp_path))
    assert config.paths == ("services",) and config.fail_on == "error"
    # The commented-out examples work as they are once uncommented.
    example = re.compile(r"^# (?=({}):|  )".format("|".join(KEYS)))
    uncommented = "".join(example.sub("", line) for line in text.splitlines(keepends=True))
    assert text.count("\n#") - uncommented.count("\n#") == 8  # exclude ... baseline
    (tmp_path / "archlint.yaml").write_text(uncommented)
    full = load_config(tmp_path / "archlint.yaml", cwd=str(tmp_path))
    assert full.baseline == "archlint-baseline.json" and full.exclude == ("legacy/**",)
    assert "RF003" in full.ignore and full.options["SY002"] == {"max-depth": 4}


def test_schema_is_what_archlint_schema_prints(tmp_path):
    run_cli(["init"], cwd=tmp_path)
    assert (tmp_path / "archlint.schema.json").read_text() == run_cli(["schema"]).output


def test_manifests_carry_a_modeline_to_the_schema_and_validate_against_it(tmp_path):
    run_cli(["init"], cwd=tmp_path)
    schema = json.loads((tmp_path / "archlint.schema.json").read_text())
    validator = jsonschema.validators.validator_for(schema)(schema)
    for name in ("services/orders.yaml", "services/shipping.yaml"):
        path = tmp_path / name
        text = path.read_text()
        target = MODELINE.search(text).group(1)  # what the YAML language server follows
        assert (path.parent / target).resolve() == (tmp_path / "archlint.schema.json").resolve()
        for document in yaml.safe_load_all(text):
            assert list(validator.iter_errors(document)) == []
        broken = yaml.safe_load(text.replace("consumes:", "consume:").replace("owns:", "own:"))
        assert list(validator.iter_errors(broken)), "the editor would flag a typo"


def test_never_overwrites(tmp_path):
    (tmp_path / "archlint.yaml").write_text("paths: [mine]\n")
    (tmp_path / "services").mkdir()
    (tmp_path / "services/orders.yaml").write_text("# my own\n")
    result = run_cli(["init"], cwd=tmp_path)
    assert result.exit_code == 0
    assert "archlint.yaml: exists, left unchanged" in result.output
    assert "services/orders.yaml: exists, left unchanged" in result.output
    assert "services/shipping.yaml: created" in result.output
    assert (tmp_path / "archlint.yaml").read_text() == "paths: [mine]\n"
    assert (tmp_path / "services/orders.yaml").read_text() == "# my own\n"
    again = run_cli(["init"], cwd=tmp_path)
    assert again.output.count("exists, left unchanged") == len(FILES)


def test_a_file_where_a_folder_is_needed_is_a_usage_error(tmp_path):
    (tmp_path / "services").write_text("not a folder")
    result = run_cli(["init"], cwd=tmp_path)
    assert result.exit_code == 2 and "cannot write services/orders.yaml" in result.output


def test_listed_in_help():
    commands = run_cli(["--help"]).output.split("Commands:")[1].split()
    assert "init" in commands and "baseline" in commands
