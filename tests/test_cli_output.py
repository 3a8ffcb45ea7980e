"""The text formats for people and logs (`text`, `full`, `grouped`), colour and its
environment variables, and ruff's habits: --output-format, --exit-zero, --extend-select,
did-you-mean. Golden files under tests/golden/cli, from a copy of the request-driven sample
so that the repository's own configuration cannot change them."""

from __future__ import annotations

import shutil

import pytest
from helpers import REPO, check_golden, run_cli, write_files

GOLDEN = REPO / "tests" / "golden" / "cli"
SAMPLE = "samples/shop-request-driven"
ESC = "\x1b["


@pytest.fixture(scope="module")
def shop(tmp_path_factory):
    root = tmp_path_factory.mktemp("shop")
    shutil.copytree(REPO / SAMPLE, root / SAMPLE)
    return root


def lint(root, *args, env=None):
    return run_cli(["lint", SAMPLE, "--select", "CX,SW", *args], cwd=root, env=env)


@pytest.mark.parametrize("fmt", ["text", "full", "grouped"])
def test_format_matches_golden(shop, fmt):
    result = lint(shop, "--format", fmt)
    assert result.exit_code == 1
    assert ESC not in result.stdout  # a pipe: no colour
    check_golden(GOLDEN / f"{fmt}.txt", result.stdout)


def test_full_shows_the_line_a_caret_under_the_column_and_why(shop):
    lines = lint(shop, "--format", "full").stdout.splitlines()
    at = lines.index(next(line for line in lines if ": ERROR CX001 " in line))
    assert lines[at + 3] == "18 |     - to: catalogue"
    assert lines[at + 4] == "   |       ^"  # column 7
    assert lines[at + 7].startswith("  = why: A query into another bounded context")


@pytest.mark.parametrize(
    "args, env, coloured",
    [
        (["--color", "always"], {}, True),
        (["--color", "never"], {"FORCE_COLOR": "1"}, False),
        ([], {}, False),  # auto, and not a terminal
        ([], {"FORCE_COLOR": "1"}, True),
        ([], {"FORCE_COLOR": "1", "NO_COLOR": "1"}, False),
        ([], {"NO_COLOR": ""}, False),  # empty: as if unset
        (["--format", "json"], {"FORCE_COLOR": "1"}, False),
    ],
)
def test_color_choice_and_environment(shop, args, env, coloured):
    assert (ESC in lint(shop, *args, env=env).stdout) is coloured


def test_color_always_golden(shop):
    check_golden(GOLDEN / "text-color.txt", lint(shop, "--color", "always").stdout)


def test_no_color_golden_is_the_plain_text(shop):
    plain = lint(shop, env={"NO_COLOR": "1", "FORCE_COLOR": "1"}).stdout
    check_golden(GOLDEN / "text.txt", plain)


def test_files_never_get_escape_codes(shop, tmp_path):
    target = tmp_path / "out.txt"
    result = lint(shop, "--color", "always", "-o", str(target))
    assert result.exit_code == 1 and ESC not in target.read_text(encoding="utf-8")


def test_output_format_is_an_alias_of_format(shop):
    assert (
        lint(shop, "--output-format", "grouped").stdout == lint(shop, "--format", "grouped").stdout
    )


def test_exit_zero_reports_and_exits_0(shop):
    result = lint(shop, "--exit-zero")
    assert result.exit_code == 0 and ": ERROR CX001 " in result.stdout


def test_verdict_names_what_fails_the_run(shop):
    assert lint(shop).stdout.splitlines()[-1] == "The run failed: errors fail it (--fail-on error)."
    passed = lint(shop, "--select", "CX002", "--fail-on", "never").stdout.splitlines()[-1]
    assert passed == "The run passed: nothing fails it (--fail-on never)."


def test_extend_select_adds_to_the_selection(shop):
    codes = {
        line.split()[2] for line in lint(shop, "--extend-select", "SY002", "-q").stdout.splitlines()
    }
    assert "SY002" in codes and "CX001" in codes and "SY003" not in codes


def test_extend_select_takes_rules_out_of_the_configured_ignore(tmp_path):
    write_files(tmp_path, {"archlint.yaml": "ignore: [SW004]\n"})
    shutil.copytree(REPO / SAMPLE, tmp_path / SAMPLE)
    ignored = run_cli(["lint", SAMPLE, "-q"], cwd=tmp_path)
    extended = run_cli(["lint", SAMPLE, "--extend-select", "SW004", "-q"], cwd=tmp_path)
    assert " SW004 " not in ignored.stdout and " SW004 " in extended.stdout


def test_did_you_mean_for_a_code_with_no_close_match(shop):
    result = lint(shop, "--select", "SW999")
    assert result.exit_code == 2
    assert "did you mean one of SW001, SW002" in result.stderr


def test_did_you_mean_for_slugs_and_commands(shop):
    explain = run_cli(["explain", "topic-multi-writr"], cwd=shop)
    assert explain.exit_code == 2 and "did you mean 'topic-multi-writer'?" in explain.stderr
    command = run_cli(["lnt"], cwd=shop)
    assert command.exit_code == 2 and "Did you mean 'lint'?" in command.stderr


def test_show_files_lists_the_files_read(shop):
    result = lint(shop, "--show-files")
    files = result.stdout.splitlines()
    assert result.exit_code == 0 and files == sorted(files)
    assert f"{SAMPLE}/basket/basket.yaml" in files and all(": " not in f for f in files)


def test_explain_without_a_rule_lists_them(shop):
    result = run_cli(["explain"], cwd=shop)
    assert result.exit_code == 0
    assert "  SW004  topic-without-owner: A written topic that nobody owns." in result.stdout
