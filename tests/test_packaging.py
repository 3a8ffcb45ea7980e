"""The wheel carries everything archlint needs at run time: the rule catalogue (rules/),
the rulesets, the schema and the report templates, so `pip install .` works anywhere."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile

import pytest
from helpers import REPO

# Building the wheel takes seconds, and pip fetches the build backend (setuptools) to build
# it in isolation.
pytestmark = [pytest.mark.slow, pytest.mark.network]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--disable-pip-version-check",
            "-w",
            str(out),
            str(REPO),
        ],
        check=True,
        capture_output=True,
    )
    [built] = out.glob("archlint-*.whl")
    return built


def test_wheel_ships_the_catalogue_and_package_data(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    rule_pages = {p.name for p in (REPO / "rules").glob("*.yaml")}
    assert rule_pages and {f"archlint/catalogue_data/{n}" for n in rule_pages} <= names
    assert "archlint/catalogue_data/rulesets/recommended.yaml" in names
    assert "archlint/schema.json" in names


def test_installed_wheel_works_outside_the_repository(wheel, tmp_path):
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    env = {**os.environ, "PYTHONPATH": str(site)}
    proc = subprocess.run(
        [sys.executable, "-m", "archlint", "rules", "--format", "json"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr
    codes = [rule["code"] for rule in json.loads(proc.stdout)]
    assert codes == sorted(p.stem for p in (REPO / "rules").glob("*.yaml"))
    where = subprocess.run(
        [sys.executable, "-c", "import archlint; print(archlint.__file__)"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
    ).stdout
    assert where.startswith(str(site))


def test_the_python_api_from_a_script_outside_the_repository(wheel, tmp_path):
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    shutil.copytree(REPO / "samples" / "shop-request-driven", tmp_path / "shop")
    script = tmp_path / "check.py"
    script.write_text(
        "import archlint\n"
        "result = archlint.lint(['shop'])\n"
        "print(result.exit_code, len(result.estate.services))\n"
        "print(sorted({f.code for f in result.findings}))\n",
        encoding="utf-8",
    )
    proc = subprocess.run(
        [sys.executable, str(script)],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(site)},
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr
    verdict, codes = proc.stdout.splitlines()
    assert verdict == "1 8"
    assert codes == str(
        ["BR001", "BR003", "CX001", "CX002", "SW001", "SW002", "SW003", "SW004", "SY002", "SY003"]
    )


def test_the_wheel_lists_every_package_of_the_source_tree():
    import tomllib

    listed = set(
        tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]
    )
    found = {
        ".".join(p.parent.relative_to(REPO).parts) for p in (REPO / "archlint").rglob("__init__.py")
    }
    assert found <= listed, f"add {sorted(found - listed)} to [tool.setuptools] packages"
