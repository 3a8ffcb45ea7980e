"""`--format junit`: JUnit XML, which CI servers (GitLab, Jenkins, Azure, CircleCI) ingest.

One `<testsuite>` per file linted; one `<testcase>` with a `<failure>` per finding, and one
passing `<testcase>` for a file with none, so the CI's test view counts clean files too.
Findings about no file go in a suite named `archlint`. No timestamps or host names: the
same estate gives the same bytes.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from archlint.engine import LintResult
from archlint.findings import Finding
from archlint.formats.render_options import RenderOptions

# Characters XML 1.0 cannot carry at all; a message never needs them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
ESTATE_SUITE = "archlint"


def _clean(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _testcase(suite: ET.Element, path: str, name: str) -> ET.Element:
    return ET.SubElement(suite, "testcase", {"classname": _clean(path), "name": _clean(name)})


def _failure(case: ET.Element, f: Finding) -> None:
    loc = f.location
    if loc is not None:
        case.set("file", _clean(loc.path))
        case.set("line", str(loc.line))
    failure = ET.SubElement(case, "failure", {"message": _clean(f.message), "type": f.code})
    where = f"{loc}: " if loc is not None else ""
    text = f"{where}{f.code} [{f.slug}] ({f.severity}) {f.message}"
    # XML turns a raw CR in text into LF anyway: say so in the bytes too.
    failure.text = _clean(text.replace("\r\n", "\n").replace("\r", "\n"))


def document(result: LintResult) -> ET.Element:
    by_path: dict[str, list[Finding]] = {path: [] for path in result.estate.paths}
    for f in result.findings:
        by_path.setdefault(f.path or ESTATE_SUITE, []).append(f)
    root = ET.Element("testsuites", {"name": "archlint"})
    total = failures = 0
    for path in sorted(by_path):
        findings = by_path[path]
        suite = ET.SubElement(
            root,
            "testsuite",
            {
                "name": _clean(path),
                "tests": str(max(len(findings), 1)),
                "failures": str(len(findings)),
                "errors": "0",
                "skipped": "0",
            },
        )
        if not findings:
            _testcase(suite, path, "no findings")
        for f in findings:
            name = " ".join(f"{f.code} [{f.slug}] {f.message}".split())  # one line
            _failure(_testcase(suite, path, name), f)
        total += max(len(findings), 1)
        failures += len(findings)
    root.set("tests", str(total))
    root.set("failures", str(failures))
    root.set("errors", "0")
    root.set("skipped", "0")
    return root


def render(result: LintResult, options: RenderOptions) -> str:
    root = document(result)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
