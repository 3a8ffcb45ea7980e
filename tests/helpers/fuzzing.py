"""Hypothesis strategies for hostile estates, and the checks every output must pass.

Estates are random manifests, AsyncAPI documents and configurations built from names that an
attacker would choose (control characters, ANSI/OSC sequences, newlines followed by `::`
workflow commands, XML entities and non-characters, lone surrogates), or real sample files
with their bytes mutated. Each output is checked for what its reader needs: JSON that parses,
XML that parses, text with no raw control character and no line that begins a workflow
command.
"""

from __future__ import annotations

import json
import os
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import yaml
from hypothesis import strategies as st

from helpers import REPO

HOSTILE = (
    "::error file=a.yaml,line=1::forged",
    "\n::add-mask::secret",
    "  ::warning::x",
    "\x1b]0;title\x07",
    "\x1b]8;;http://evil\x07link\x1b]8;;\x07",
    "\x1b[2J\x1b[H",
    "\r",
    "\u2028",
    "\x85",
    "\x9b31m",
    "&#1;",
    "&nbsp;",
    "<script>",
    "]]>",
    "\ufffe",
    "\ud800",
    "a\tb",
    "%0A::error::x",
    "{{x}}",
    "'\"",
    "\U0001f600",
)
# Few distinct names, so that services meet on topics and calls find their targets.
PLAIN = ("orders", "stock", "billing", "orders-events", "a b", "a.b", "Ü", "x" * 40)

names = st.one_of(
    st.sampled_from(PLAIN),
    st.sampled_from(HOSTILE),
    st.builds(lambda a, b: a + b, st.sampled_from(PLAIN), st.sampled_from(HOSTILE)),
    st.text(min_size=1, max_size=12),
)
scalars = st.one_of(
    names, st.integers(-(10**6), 10**6), st.floats(allow_nan=True), st.booleans(), st.none()
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(names, inner, max_size=4),
    max_leaves=12,
)


@st.composite
def manifests(draw: st.DrawFn) -> dict[str, object]:
    """A Service (mostly), Topic or Context manifest: mostly well-formed, its names hostile."""
    kind = draw(st.sampled_from(["Service"] * 6 + ["Topic", "Context", "Other"]))
    spec: dict[str, object] = {}
    for key, item in (
        ("owns", names),
        (
            "produces",
            st.fixed_dictionaries(
                {"topic": names}, optional={"events": st.lists(names, max_size=2)}
            ),
        ),
        ("consumes", st.fixed_dictionaries({"topic": names})),
        ("queries", st.fixed_dictionaries({"to": names, "name": names})),
        ("commands", st.fixed_dictionaries({"to": names, "name": names})),
    ):
        if draw(st.booleans()):
            spec[key] = draw(st.lists(item, max_size=3))
    if draw(st.booleans()):
        spec["availability"] = draw(st.one_of(st.floats(90, 100), values))
    if draw(st.booleans()):
        spec["ignore"] = draw(st.dictionaries(names, names, max_size=2))
    if draw(st.integers(0, 9)) == 0:
        spec[draw(names)] = draw(values)  # an unknown key
    metadata = {"name": draw(names), "context": draw(names)}
    if draw(st.booleans()):
        metadata["description"] = draw(names)
    return {"apiVersion": "archlint/v1", "kind": kind, "metadata": metadata, "spec": spec}


@st.composite
def asyncapi_documents(draw: st.DrawFn) -> dict[str, object]:
    """An AsyncAPI 2.x or 3.x document whose channels, messages and `$ref`s are random."""
    refs = st.one_of(
        st.sampled_from(
            ["#/components/messages/m", "#/components/messages/missing", "other.yaml#/m",
             "../../outside.yaml", "/etc/passwd", "http://x/y.yaml", "x%00.yaml", "#/", "#x"]
        ),
        names,
    )  # fmt: skip
    message = st.one_of(
        st.fixed_dictionaries({"name": names}), st.builds(lambda r: {"$ref": r}, refs)
    )
    info = {"title": draw(names), "version": "1", "x-context": draw(names)}
    if draw(st.booleans()):
        channels = {
            draw(names): {
                draw(st.sampled_from(["publish", "subscribe"])): {"message": draw(message)}
            }
            for _ in range(draw(st.integers(0, 3)))
        }
        return {"asyncapi": "2.6.0", "info": info, "channels": channels,
                "components": {"messages": {"m": draw(message)}}}  # fmt: skip
    channels = {
        f"c{i}": {"address": draw(names), "messages": {draw(names): draw(message)}}
        for i in range(draw(st.integers(0, 3)))
    }
    operations = {
        f"o{i}": {"action": draw(st.sampled_from(["send", "receive", "x"])),
                  "channel": {"$ref": f"#/channels/c{draw(st.integers(0, 3))}"}}
        for i in range(draw(st.integers(0, 3)))
    }  # fmt: skip
    return {"asyncapi": "3.0.0", "info": info, "channels": channels, "operations": operations,
            "components": {"messages": {"m": draw(message)}}}  # fmt: skip


CONFIG_KEYS = ("paths", "exclude", "ruleset", "select", "ignore", "fail-on", "rules",
               "asyncapi", "custom-rules", "principals", "super-users", "limits", "eventcatalog")  # fmt: skip
configurations = st.one_of(
    st.dictionaries(st.sampled_from(CONFIG_KEYS) | names, values, max_size=4),
    st.fixed_dictionaries(
        {},
        optional={
            "select": st.lists(st.sampled_from(["SW", "CX001", "RF", "ALL", "nope"]), max_size=2),
            "ignore": st.lists(st.sampled_from(["RF003", "AL005", "x"]), max_size=2),
            "fail-on": st.sampled_from(["error", "warning", "never", "x"]),
            "rules": st.dictionaries(
                st.sampled_from(["SY002", "CX002", "RF003"]), values, max_size=2
            ),
            "limits": st.dictionaries(
                st.sampled_from(["file-bytes", "nesting-depth", "findings-per-rule", "x"]),
                st.integers(-1, 3000) | values,
                max_size=2,
            ),
            "custom-rules": st.lists(
                st.fixed_dictionaries(
                    {
                        "code": st.sampled_from(["ORG001", "ORG002", "bad"]),
                        "slug": names,
                        "message": names,
                        "forbid": st.fixed_dictionaries(
                            {"kind": st.sampled_from(["query", "call", "x"])}
                        ),
                    }
                ),
                max_size=2,
            ),
        },
    ),
)


def dumped(document: object, style: int) -> str:
    """A document as YAML (block or flow) or as JSON, which YAML reads too."""
    if style == 0:
        return json.dumps(document, ensure_ascii=False)
    if style == 1:
        return json.dumps(document)  # \u escapes, lone surrogates included
    return yaml.safe_dump(document, allow_unicode=style == 2, default_flow_style=style == 3)


SAMPLES = sorted(p for p in (REPO / "samples").rglob("*") if p.suffix in (".yaml", ".yml", ".json"))


@st.composite
def mutated_files(draw: st.DrawFn) -> tuple[str, bytes]:
    """A real sample file, its bytes mutated: some replaced, inserted, cut or repeated."""
    path = draw(st.sampled_from(SAMPLES))
    data = bytearray(path.read_bytes())
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(["byte", "hostile", "cut", "repeat"]))
        if action == "byte":
            data[at : at + 1] = draw(st.binary(min_size=1, max_size=3))
        elif action == "hostile":
            data[at:at] = draw(st.sampled_from(HOSTILE)).encode("utf-8", "surrogatepass")
        elif action == "cut":
            del data[at : at + draw(st.integers(1, 40))]
        else:
            data[at:at] = data[max(0, at - 30) : at]
    return path.name, bytes(data)


# --- what every output must be ------------------------------------------------------------

# What a terminal must never get raw: C0 controls but the line break, DEL, C1 controls, the
# line and paragraph separators, lone surrogates.
RAW_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
WORKFLOW_COMMANDS = ("::error ", "::warning ", "::notice ", "::group::", "::endgroup::")


# What a diagram's text (DOT, Mermaid) must never hold raw: the controls; the separators are
# characters of a name there, which Graphviz and Mermaid draw.
RAW_CONTROL_ONLY = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def check_diagram_text(text: str) -> None:
    found = RAW_CONTROL_ONLY.search(text)
    assert found is None, (
        f"raw {found.group()!r} in {text[max(0, found.start() - 40) : found.end() + 40]!r}"
    )
    for line in text.split("\n"):
        assert not line.lstrip().startswith("::"), line


def check_terminal_text(text: str, own_commands: bool = False) -> None:
    """No raw control character; no line that the Actions runner would run as a workflow
    command (it trims the line first), but the `github` format's own annotations."""
    found = RAW_CONTROL.search(text)
    assert found is None, (
        f"raw {found.group()!r} in {text[max(0, found.start() - 40) : found.end() + 40]!r}"
    )
    for line in text.split("\n"):
        body = line.lstrip()
        if body.startswith("::"):
            assert own_commands and body.startswith(WORKFLOW_COMMANDS), line


def check_github(text: str) -> None:
    """Workflow commands escaped as the Actions toolkit escapes them (`%`, CR, LF: other
    characters of a message are the toolkit's too): only archlint's own commands start a line."""
    assert "\r" not in text
    for line in text.split("\n"):
        body = line.lstrip()
        if body.startswith("::"):
            assert line.startswith(WORKFLOW_COMMANDS), line


def check_json(text: str) -> object:
    assert "\u2028" not in text and "\u2029" not in text, "JSON with raw U+2028/U+2029"
    text.encode("utf-8")  # no lone surrogate
    return json.loads(text)


def check_json_lines(text: str) -> None:
    for line in text.splitlines():
        check_json(line)


# Characters XML 1.0 does not allow (the SVG, SARIF-in-XML readers, JUnit parsers refuse them).
XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def check_xml(text: str) -> None:
    assert XML_INVALID.search(text) is None, "a character XML does not allow"
    ET.fromstring(text.encode("utf-8"))


class _Strict(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []


def check_html(text: str) -> None:
    assert XML_INVALID.search(text) is None, "a character HTML does not allow"
    text.encode("utf-8")
    assert text.lstrip().lower().startswith("<!doctype html>")
    parser = _Strict()
    parser.feed(text)
    parser.close()
    assert "<script>alert" not in text


def write_estate(root: Path, files: dict[str, bytes]) -> None:
    for name, data in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def fuzz_examples(fast: int) -> int:
    """The examples of a fuzz test: `fast` in `make test`, ARCHLINT_FUZZ_EXAMPLES in `make fuzz`."""
    return int(os.environ.get("ARCHLINT_FUZZ_EXAMPLES", fast))
