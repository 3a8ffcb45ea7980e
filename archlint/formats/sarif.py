"""`--format sarif`: SARIF 2.1.0, for GitHub code scanning and every other SARIF viewer.

One run. `tool.driver` carries every rule of the catalogue (and any custom rule that
reported), with its documentation as help text and Markdown. Each result has its rule, level,
message, a repository-relative location (`uriBaseId` `%SRCROOT%`: the folder archlint ran
in, the repository root in CI) and a partial fingerprint made from the finding's identity,
never from line numbers, so code scanning tracks an alert across edits that move it.

Kept free of everything Microsoft's SARIF Multitool warns about (the tests run it).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from urllib.parse import quote

from archlint.catalogue import RuleSpec
from archlint.engine import LintResult
from archlint.findings import fingerprints
from archlint.formats import json_text
from archlint.formats.render_options import RenderOptions
from archlint.model import Location
from archlint.rule_pages import builtin_rules
from archlint.version import __version__

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = "archlintIdentity/v1"
LEVEL = {"error": "error", "warning": "warning", "info": "note"}
DEFAULT_HOMEPAGE = "https://pypi.org/project/archlint/"
# Each built-in rule's page: docs/rules/<CODE>.md on the repository's main branch, generated
# from rules/ by scripts/update_docs.py (and built into the MkDocs site). One constant, so
# the scheme is said once; a rule keeps its code, so its URL is stable.
RULE_PAGE_URL = "https://github.com/archlint/archlint/blob/main/docs/rules/{code}.md"


def help_uri(spec: RuleSpec) -> str | None:
    """The rule's page on the web; custom rules have theirs only in the configuration."""
    return None if spec.custom else RULE_PAGE_URL.format(code=spec.code)


def information_uri() -> str:
    """The project's home page from the installed package's metadata, else its PyPI page."""
    from importlib import metadata  # 80 ms of imports: only for a SARIF log

    try:
        meta = metadata.metadata("archlint")
    except metadata.PackageNotFoundError:
        return DEFAULT_HOMEPAGE
    for url in meta.get_all("Project-URL") or ():
        label, _, value = str(url).partition(",")
        if label.strip().lower() in ("homepage", "home", "repository", "source"):
            return value.strip()
    return next((str(home) for home in meta.get_all("Home-page") or () if home), DEFAULT_HOMEPAGE)


def sentence(text: str) -> str:
    """SARIF viewers show messages as sentences: end each with a period."""
    text = " ".join(text.split())
    return text if text.endswith(".") else text + "."


def help_markdown(spec: RuleSpec) -> str:
    parts = [
        f"**{spec.code} {spec.slug}** (default severity: {spec.severity})",
        sentence(spec.summary),
    ]
    for title, body in (("What it checks", spec.what), ("Why", spec.why)):
        if body:
            parts += [f"### {title}", body]
    for title, example in (("Fails", spec.fails), ("Passes", spec.passes)):
        if example:
            parts += [f"### {title}", "```yaml\n" + example.rstrip("\n") + "\n```"]
    if spec.fix:
        parts += ["### How to fix", spec.fix]
    if spec.options:
        parts += [
            "### Options",
            "\n".join(
                f"- `{o.name}` (default `{o.default}`): {o.description}" for o in spec.options
            ),
        ]
    return "\n\n".join(parts)


def help_text(spec: RuleSpec) -> str:
    parts = [sentence(spec.summary)]
    for title, body in (("What it checks", spec.what), ("Why", spec.why), ("How to fix", spec.fix)):
        if body:
            parts.append(f"{title}: {body}")
    return "\n\n".join(parts)


def rule_descriptor(spec: RuleSpec) -> dict[str, Any]:
    descriptor: dict[str, Any] = {
        "id": spec.code,
        "name": spec.slug,
        "shortDescription": {"text": sentence(spec.summary)},
        "fullDescription": {"text": sentence(spec.what or spec.summary)},
        "help": {"text": help_text(spec), "markdown": help_markdown(spec)},
    }
    uri = help_uri(spec)
    if uri:
        descriptor["helpUri"] = uri
    descriptor["defaultConfiguration"] = {"level": LEVEL[spec.severity]}
    descriptor["properties"] = {"tags": ["architecture", "custom" if spec.custom else spec.prefix]}
    return descriptor


def artifact_location(path: str) -> dict[str, str]:
    """Relative paths against %SRCROOT%; a path outside it as an absolute file URI."""
    if path.startswith("/"):
        return {"uri": "file://" + quote(path)}
    return {"uri": quote(path), "uriBaseId": SRCROOT}


def location(loc: Location) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": artifact_location(loc.path)}
    if loc.line >= 1:
        physical["region"] = {"startLine": loc.line, "startColumn": max(loc.column, 1)}
    return {"physicalLocation": physical}


def sarif_log(
    result: LintResult, rules: Sequence[RuleSpec], version: str, homepage: str
) -> dict[str, Any]:
    """The SARIF log of one lint result (pure: the rules, version and homepage are given)."""
    descriptors = [rule_descriptor(spec) for spec in rules]
    index = {d["id"]: i for i, d in enumerate(descriptors)}
    results = []
    for f, fingerprint in zip(result.findings, fingerprints(result.findings), strict=True):
        item: dict[str, Any] = {
            "ruleId": f.code,
            "ruleIndex": index[f.code],
            "level": LEVEL.get(f.severity, "error"),
            "message": {"text": sentence(f.message)},
        }
        if f.location is not None and f.location.path:
            item["locations"] = [location(f.location)]
        item["partialFingerprints"] = {FINGERPRINT_KEY: fingerprint}
        if f.entities:
            item["properties"] = {
                "entities": {
                    k: list(v) if isinstance(v, tuple) else v for k, v in sorted(f.entities.items())
                }
            }
        results.append(item)
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "archlint",
                        "version": version,
                        "semanticVersion": version,
                        "informationUri": homepage,
                        "rules": descriptors,
                    }
                },
                "originalUriBaseIds": {
                    SRCROOT: {
                        "description": {
                            "text": "The folder archlint ran in (the repository root in CI)."
                        }
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }


def render(result: LintResult, options: RenderOptions) -> str:
    rules = result.rules or builtin_rules()
    log = sarif_log(result, rules.specs, __version__, information_uri())
    return json_text.dumps(log) + "\n"
