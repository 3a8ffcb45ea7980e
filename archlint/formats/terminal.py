"""Text for a terminal or a CI log, from strings archlint does not control.

A manifest's names, a message quoting them and a file's name are shown, never obeyed: C0
and C1 control characters (ESC starts the ANSI and OSC sequences that retitle a terminal,
hide text or plant hyperlinks), DEL, and the line and paragraph separators are written as
visible escapes (`\\x1b`, `\\n`, `\\u2028`), so that no name can start a line of its own
(a forged finding, or a GitHub Actions workflow command such as `::add-mask::`). A file name
that was not UTF-8 (its bytes kept as surrogates) shows its bytes the same way.

The GitHub Actions runner looks for a workflow command after trimming a line's leading
whitespace, so a line whose text (indented or not) begins with `::` is altered where it
starts: a path gets `./` before it, other text shows its first colon as `\x3a`.
"""

from __future__ import annotations

import re

# C0 controls, DEL, C1 controls, U+2028/U+2029, and lone surrogates.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def _visible(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if char == "\n":
        return "\\n"
    if char == "\r":
        return "\\r"
    if char == "\t":
        return "\\t"
    if 0xDC80 <= code <= 0xDCFF:  # a byte of a non-UTF-8 file name (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def neutralise(text: str) -> str:
    """`text` with every control character, separator and lone surrogate made visible."""
    return _UNSAFE.sub(_visible, text)


def line_start(text: str) -> str:
    """`text` (a path first) neutralised, made unable to begin a workflow command where it
    starts a line."""
    safe = neutralise(text)
    return "./" + safe if safe.lstrip().startswith("::") else safe


def text_line(text: str) -> str:
    """One line of text output: neutralised (a newline in it shown as `\\n`), and unable to
    begin a workflow command, indented or not."""
    safe = neutralise(text)
    body = safe.lstrip()
    if body.startswith("::"):
        return f"{safe[: len(safe) - len(body)]}\\x3a{body[1:]}"
    return safe


def text_lines(text: str) -> str:
    """A text of several lines (its own line breaks kept), each line as `text_line`."""
    return "\n".join(text_line(line) for line in text.split("\n"))
