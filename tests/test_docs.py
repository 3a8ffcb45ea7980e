"""The documentation site (docs/, mkdocs.yml) builds with --strict, so its links and anchors
lead somewhere, and every rule has its page; a broken link does fail the build, and a page
not yet in the nav (another topic being written) does not."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import REPO

from archlint.rule_pages import read_pages

MKDOCS = Path(sys.executable).parent / "mkdocs"
pytestmark = pytest.mark.skipif(not MKDOCS.exists(), reason="mkdocs is a test dependency")


def build(root: Path, site: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(MKDOCS), "build", "--strict", "--site-dir", str(site)],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=120,
    )


def copy_of_the_docs(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(REPO / "docs", root / "docs")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    return root


def test_the_site_builds_strictly_with_a_page_per_rule(tmp_path):
    proc = build(REPO, tmp_path / "site")
    assert proc.returncode == 0, proc.stderr
    for spec in read_pages():
        page = (tmp_path / "site" / "rules" / spec.code / "index.html").read_text("utf-8")
        assert f"{spec.code} {spec.slug}" in page


def test_a_broken_link_or_anchor_fails_the_build(tmp_path):
    for link in ("[gone](no-such-page.md)", "[gone](ci.md#no-such-section)"):
        root = copy_of_the_docs(tmp_path / link.split("(")[1][:5])
        with open(root / "docs" / "manifests.md", "a", encoding="utf-8") as page:
            page.write(f"\nSee {link}.\n")
        proc = build(root, tmp_path / "site")
        assert proc.returncode == 1 and "no-such" in proc.stderr, link


def test_a_page_outside_the_nav_still_builds(tmp_path):
    root = copy_of_the_docs(tmp_path)
    (root / "docs" / "new-topic.md").write_text("# A topic being written\n\nSee [CI](ci.md).\n")
    proc = build(root, tmp_path / "site")
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "site" / "new-topic" / "index.html").exists()


def test_every_link_into_the_repository_names_a_file_it_has():
    """archlint's messages, starter files and pages link to pages on the main branch."""
    prefix = "https://github.com/archlint/archlint/blob/main/"
    sources = [REPO / "README.md", *REPO.glob("docs/*.md"), *REPO.glob("archlint/**/*.py")]
    linked = {
        (source.relative_to(REPO), target)
        for source in sources
        for target in re.findall(re.escape(prefix) + r"([\w./-]+)", source.read_text("utf-8"))
    }
    assert any(str(source).startswith("archlint/cli") for source, _ in linked)
    assert [(s, t) for s, t in linked if not (REPO / t).exists()] == []
