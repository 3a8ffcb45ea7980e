"""The README is the way in: what it shows must stay true. Its links lead somewhere, its
command table names every command, and its from-a-clone commands are the two CI runs.
(Its first-manifest walkthrough is run by test_walkthrough.py.)"""

from __future__ import annotations

import re
import subprocess
import sys

import click
from helpers import REPO

from archlint.cli import cli

README = (REPO / "README.md").read_text(encoding="utf-8")


def section(title: str) -> str:
    return README.split(f"\n## {title}\n", 1)[1].split("\n## ", 1)[0]


def test_rule_pages_are_generated_from_the_catalogue():
    proc = subprocess.run(
        [sys.executable, "scripts/update_docs.py", "--check"],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr


def test_from_a_clone_is_exactly_two_commands():
    block = section("From a clone: the demo and the tests").split("```sh", 1)[1].split("```")[0]
    commands = [line.split("#")[0].strip() for line in block.strip().splitlines()]
    assert commands == ["make demo", "make test"]


def test_the_quickstart_is_init_then_lint():
    block = section("Quickstart").split("```sh", 1)[1].split("```")[0]
    commands = [line.split("#")[0].strip() for line in block.strip().splitlines()]
    assert commands == ["archlint init", "archlint lint"]


def test_the_command_table_names_every_command():
    table = section("Commands")
    documented = set(re.findall(r"^\| `archlint (\w+)", table, re.MULTILINE))
    # the group loads a command's module when it runs: list_commands names them all
    assert documented == set(cli.list_commands(click.Context(cli)))


def test_every_relative_link_leads_to_a_file():
    links = re.findall(r"\]\(([^)#]+)(?:#[^)]*)?\)", README)
    relative = [link for link in links if not re.match(r"[a-z]+:", link)]
    assert relative, "the README links to its pages"
    assert [link for link in relative if not (REPO / link).exists()] == []


def test_every_section_is_merged():
    assert not re.search(r"<!-- section:", README)


def test_ci_runs_make_test():
    assert "make test" in (REPO / ".ci" / "run").read_text()
