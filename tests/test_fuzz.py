"""Fuzzing (issue 15): random and mutated manifests, AsyncAPI documents and configurations
through every output format: no exception, valid output per format (JSON parses, XML
parses, HTML is whole), no raw control character on a terminal, and no line that GitHub
Actions would run as a workflow command.

`make test` runs a fixed, derandomized budget (the same examples on every run, so CI is
stable); `make fuzz` runs ARCHLINT_FUZZ_EXAMPLES random examples per test (new ones each
run: Hypothesis prints how to reproduce a failure)."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers.fuzzing import (
    asyncapi_documents,
    check_diagram_text,
    check_github,
    check_html,
    check_json,
    check_json_lines,
    check_terminal_text,
    check_xml,
    configurations,
    dumped,
    fuzz_examples,
    manifests,
    mutated_files,
    write_estate,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archlint import api
from archlint.changes import diff_estates
from archlint.cli import cli
from archlint.cli.lint import read_sources
from archlint.config.settings import Config, ConfigError
from archlint.diagram.build import build
from archlint.diagram.dot import to_dot
from archlint.diagram.elements import LEVELS
from archlint.diagram.json_writer import to_json
from archlint.diagram.mermaid import to_mermaid
from archlint.engine import LintResult
from archlint.formats import FORMATS, RenderOptions, render
from archlint.formats.diff import DIFF_FORMATS, render_diff
from archlint.formats.impact import render_json, render_text
from archlint.impact import impact_of
from archlint.report import generate

LONG = "ARCHLINT_FUZZ_EXAMPLES" in os.environ
FUZZ = settings(
    derandomize=not LONG,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def fuzz(examples: int) -> settings:
    """The fuzz settings with `examples` examples in `make test` (ARCHLINT_FUZZ_EXAMPLES in
    `make fuzz`)."""
    return settings(FUZZ, max_examples=fuzz_examples(examples))


LINT_CHECKS = {
    "text": check_terminal_text,
    "full": check_terminal_text,
    "grouped": check_terminal_text,
    "github": check_github,
    "json": check_json,
    "json-lines": check_json_lines,
    "sarif": check_json,
    "gitlab": check_json,
    "junit": check_xml,
}
DIFF_CHECKS = {
    "text": check_terminal_text,
    "markdown": check_terminal_text,
    "json": check_json,
    "sarif": check_json,
}


@contextlib.contextmanager
def _estate(files: dict[str, bytes]) -> Iterator[Path]:
    """The files in a fresh folder (a repository of its own), the working directory."""
    root = Path(tempfile.mkdtemp(prefix="archlint-fuzz-"))
    try:
        (root / ".git").mkdir()
        write_estate(root, files)
        with contextlib.chdir(root):
            yield root
    finally:
        shutil.rmtree(root, ignore_errors=True)


def check_every_output(result: LintResult) -> None:
    """Every format of `lint`, the report, the diagrams, `impact` and `diff` of one result."""
    assert set(LINT_CHECKS) == set(FORMATS)
    sources = read_sources(result)
    for name, check in LINT_CHECKS.items():
        check(render(name, result, RenderOptions(sources=sources)))
    check_terminal_text(render("text", result, RenderOptions(statistics=True)))
    check_html(generate(result, title="fuzz", diagrams=False))
    for level in LEVELS:
        diagram = build(result.interactions, result.findings, level=level)
        check_diagram_text(to_dot(diagram).replace("\t", " "))
        check_diagram_text(to_mermaid(diagram))
        check_json(to_json(diagram))
        if LONG and shutil.which("dot"):
            from archlint.diagram.render import RenderTimeout
            from archlint.diagram.render import render as draw

            with contextlib.suppress(RenderTimeout):
                check_xml(draw(to_dot(diagram), "svg", timeout=20).decode("utf-8"))
    for name in sorted(result.estate.service)[:2]:
        found = impact_of(result.interactions, name)
        check_terminal_text(render_text(found))
        check_json(render_json(found))
    empty = api.lint_texts({})
    diff = diff_estates(
        empty.interactions, result.interactions, (), result.findings, rules=result.rules
    )
    assert set(DIFF_CHECKS) == set(DIFF_FORMATS)
    for name, check in DIFF_CHECKS.items():
        check(render_diff(name, diff))


def _lint(files: dict[str, bytes], config: Config | None = None) -> LintResult:
    with _estate(files) as root:
        result = api.lint(["."], config or Config(), baseline=False, cwd=str(root))
        check_every_output(result)
        return result


documents = st.lists(st.tuples(manifests(), st.integers(0, 3)), min_size=1, max_size=5)


@fuzz(60)
@given(documents, st.booleans())
def test_random_manifests_through_every_output(
    docs: list[tuple[dict[str, object], int]], one_file: bool
) -> None:
    texts = [dumped(doc, style) for doc, style in docs]
    if one_file:
        files = {"estate.yaml": "\n---\n".join(texts)}
    else:
        files = {f"s{i}/{i}.yaml": text for i, text in enumerate(texts)}
    _lint({name: text.encode("utf-8", "surrogatepass") for name, text in files.items()})


@fuzz(60)
@given(st.lists(mutated_files(), min_size=1, max_size=3))
def test_mutated_sample_files_through_every_output(mutated: list[tuple[str, bytes]]) -> None:
    _lint({f"m{i}/{name}": data for i, (name, data) in enumerate(mutated)})


@fuzz(50)
@given(asyncapi_documents(), asyncapi_documents(), st.integers(0, 3), st.integers(0, 3))
def test_random_asyncapi_documents_through_every_output(
    first: dict[str, object], other: dict[str, object], style: int, other_style: int
) -> None:
    files = {
        "api/svc.yaml" if style > 1 else "api/svc.json": dumped(first, style),
        "api/other.yaml": dumped(other, other_style),
    }
    _lint({name: text.encode("utf-8", "surrogatepass") for name, text in files.items()})


@fuzz(50)
@given(configurations, st.integers(0, 3), manifests())
def test_random_configurations_are_one_line_errors_or_runs(
    config: object, style: int, manifest: dict[str, object]
) -> None:
    files = {
        "archlint.yaml": dumped(config, style).encode("utf-8", "surrogatepass"),
        "s.yaml": dumped(manifest, 2).encode("utf-8", "surrogatepass"),
    }
    with _estate(files) as root:
        try:  # a configuration the user must fix is one line, at reading or at running
            result = api.lint(["."], api.load_config(cwd=str(root)), baseline=False, cwd=str(root))
        except ConfigError as error:
            assert "\n" not in str(error)
            run = CliRunner().invoke(cli, ["lint", "."], catch_exceptions=False)
            assert run.exit_code == 2
            check_terminal_text(run.stderr)
            return
        check_every_output(result)
        run = CliRunner().invoke(cli, ["lint", ".", "--format", "github"], catch_exceptions=False)
        assert run.exit_code in (0, 1, 2), run.output
        check_github(run.stdout)


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_the_checks_can_fail(fmt: str) -> None:
    """The output checks catch what they are there for (a fuzz test that cannot fail is none)."""
    forged = {
        "text": "a.yaml:1:1: \x1b]0;x\x07",
        "full": "ok\n  ::add-mask::x",
        "grouped": "\u2028",
        "github": "::error ::x\n::add-mask::y",
        "json": "{",
        "json-lines": "{}\n{",
        "sarif": '{"a": "\u2028"}',
        "gitlab": "[",
        "junit": "<a>\x01</a>",
    }[fmt]
    with pytest.raises((AssertionError, ValueError)):
        LINT_CHECKS[fmt](forged)
