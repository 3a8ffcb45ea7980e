"""What the fuzz suite (tests/test_fuzz.py) found, each fixed and kept here as a regression
test: manifest text that reached a terminal, a CI log, a JSON reader or an HTML page raw."""

from __future__ import annotations

import json
import re

import pytest

from archlint import api
from archlint.changes import diff_estates
from archlint.config.keys import parse_config
from archlint.config.settings import ConfigError
from archlint.formats import RenderOptions, render
from archlint.formats.diff import render_diff
from archlint.report import generate
from archlint.rule_pages import builtin_rules

OSC = "\x1b]0;title\x07"
RAW = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029]")


def _service(context: str, spec: str = "spec: {}\n") -> str:
    return (
        "apiVersion: archlint/v1\nkind: Service\n"
        f"metadata: {{name: orders, context: {json.dumps(context)}}}\n{spec}"
    )


def test_full_shows_the_manifest_lines_through_the_escaping() -> None:
    text = _service("\x7f\x1b[2J")
    result = api.lint_texts({"a.yaml": text})
    out = render("full", result, RenderOptions(sources={"a.yaml": text.splitlines()}))
    assert RAW.search(out) is None
    assert "\\x7f\\x1b[2J" in out


def test_diff_markdown_keeps_a_newline_in_a_name_inside_its_line() -> None:
    head = api.lint_texts({"a.yaml": _service("c", 'spec: {owns: ["t\\n::add-mask::secret"]}\n')})
    diff = diff_estates(api.lint_texts({}).interactions, head.interactions, (), head.findings)
    out = render_diff("markdown", diff)
    assert not any(line.lstrip().startswith("::") for line in out.splitlines())
    assert "t\\n::add-mask::secret" in out


@pytest.mark.parametrize("fmt", ["json", "json-lines", "gitlab", "sarif"])
def test_json_outputs_escape_line_separators(fmt: str) -> None:
    result = api.lint_texts({"a.yaml": _service("c\u2028\u2029\x85")})
    out = render(fmt, result)
    assert not re.search("[\u2028\u2029\x85]", out)
    assert fmt == "sarif" or "\\u2028\\u2029\\u0085" in out  # SARIF does not quote it
    for line in out.splitlines() if fmt == "json-lines" else [out]:
        json.loads(line)


def test_the_report_holds_nothing_html_or_xml_refuses() -> None:
    result = api.lint_texts({"a.yaml": _service("c" + OSC + "\ufffe")})
    html = generate(result, diagrams=False)
    assert re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]", html) is None
    assert "c\ufffd]0;title\ufffd\ufffd" in html


def test_a_configuration_error_is_one_line_whatever_the_key() -> None:
    with pytest.raises(ConfigError) as raised:
        parse_config({"\n::add-mask::secret": 1}, "archlint.yaml", ".", builtin_rules())
    message = str(raised.value)
    assert "\n" not in message and "unknown key '\\n::add-mask::secret'" in message


def test_the_report_names_a_topic_owner_no_manifest_declares() -> None:
    """A topic whose owner's manifest is missing (or broken) ended the report in an internal
    error: its section linked the owner's anchor, which only declared services have."""
    topic = (
        "apiVersion: archlint/v1\nkind: Topic\nmetadata: {name: payments}\n"
        "spec: {owner: payments, events: [PaymentTaken]}\n"
    )
    result = api.lint_texts({"a.yaml": _service("c"), "t.yaml": topic})
    html = generate(result, diagrams=False)
    assert "payments <small>(no manifest declares it)</small>" in html


def test_packed_service_sections_hold_nothing_html_or_xml_refuses(monkeypatch) -> None:
    """Past PACK_SERVICES the sections are gzip in the page, where the page's own filter of
    refused characters cannot reach: they are filtered before packing."""
    import base64
    import gzip

    from archlint.report import html as report_html

    monkeypatch.setattr(report_html, "PACK_SERVICES", 0)
    result = api.lint_texts({"a.yaml": _service("c" + OSC + "\ufffe")})
    page = generate(result, diagrams=False)
    packed = re.findall(r'class="packed-services"[^>]*>([^<]+)</script>', page)
    assert packed
    sections = "".join(gzip.decompress(base64.b64decode(p)).decode("utf-8") for p in packed)
    assert re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]", sections) is None
    assert "c\ufffd]0;title\ufffd\ufffd" in sections
