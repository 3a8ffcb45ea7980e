"""Writing names into DOT: quoted strings that a label shows exactly as written, and ids
that stay one per entity whatever the name holds."""

from __future__ import annotations

import re

from archlint.diagram.labels import escape_chars


def quote(text: str) -> str:
    r"""A DOT double-quoted string that a label shows exactly as `text`.

    Inside quotes DOT only knows `\"`; labels then read escapes such as `\n`, `\l` and
    `\N`, so a backslash is doubled to stay a backslash. A newline becomes the label's
    line break, other control characters a space (Graphviz rejects some of them), an
    unpaired surrogate the replacement character (it cannot be encoded), and `&` `&amp;`
    (Graphviz would decode an entity).
    """
    return '"' + _escape(text) + '"'


_ID_PLAIN = re.compile(r'[^%\\"&\x00-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]*')


def dot_id(text: str) -> str:
    """A node's or cluster's DOT id: one per entity. Every character DOT or XML would change
    (quotes, backslashes, `&`, control characters, lone surrogates) is written
    `%HH` (`%uHHHH` above 0xff), and `%` itself `%25`, so that no two names share an id
    (`a\tb` and `a b` are two nodes; quote() would make both `a b`)."""
    if _ID_PLAIN.fullmatch(text):
        return text
    return "".join(
        ch
        if _ID_PLAIN.fullmatch(ch)
        else (f"%{ord(ch):02X}" if ord(ch) < 0x100 else f"%u{ord(ch):04X}")
        for ch in text
    )


def quote_left(lines: list[str]) -> str:
    r"""A quoted label of left-justified lines (each ends in DOT's `\l`)."""
    return '"' + "".join(_escape(line) + "\\l" for line in lines) + '"'


_PLAIN = re.compile(r'[^\\"&\n\x00-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]*')


# Graphviz decodes HTML entities in strings (`t&#1;` would put a control character into
# the SVG, which XML refuses), so `&` is written as `&amp;`; U+FFFE and U+FFFF cannot be in
# XML at all.
_SPECIAL = {
    "\\": "\\\\", '"': '\\"', "\n": "\\n", "&": "&amp;", "\ufffe": "\ufffd", "\uffff": "\ufffd"
}  # fmt: skip


def _escape(text: str) -> str:
    if _PLAIN.fullmatch(text):  # the usual name: nothing to escape
        return text
    return escape_chars(text, _SPECIAL, "\ufffd")
