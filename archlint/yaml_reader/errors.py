"""PyYAML's and libyaml's errors as AL001 problems: at the place they name, in words that
say how to fix them."""

from __future__ import annotations

import yaml

from archlint.yaml_reader.problem import Problem


def utf16_problem() -> Problem:
    return Problem("AL001", "the file is UTF-16; save it as UTF-8")


def _position(text: bytes | str, offset: int) -> tuple[int, int]:
    """The 1-based (line, column) of `offset`, columns counted in characters."""
    if isinstance(text, bytes):
        line_start = text.rfind(b"\n", 0, offset) + 1
        column = len(text[line_start:offset].decode("utf-8", "replace"))
        return text.count(b"\n", 0, offset) + 1, column + 1
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


def utf8_problem(data: bytes, error: UnicodeDecodeError) -> Problem:
    line, column = _position(data, error.start)
    byte = data[error.start]
    return Problem(
        "AL001", f"invalid UTF-8 (byte 0x{byte:02x}); save the file as UTF-8", line, column
    )


def reader_problem(data: bytes, stream: bytes | str, error: yaml.reader.ReaderError) -> Problem:
    if isinstance(stream, bytes):
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as bad:
            return utf8_problem(data, bad)
    line, column = _position(stream, error.position)
    char = error.character
    code = f"U+{char:04X}" if isinstance(char, int) else repr(char)
    return Problem(
        "AL001",
        f"invalid YAML: control character {code} is not allowed; remove it or escape it in a double-quoted string",
        line,
        column,
    )


# problem text (as PyYAML and libyaml word it) -> how to fix it
_SYNTAX_HINTS = (
    ("'\\t'", "indent with spaces, not tabs"),
    (
        "mapping values are not allowed",
        "put quotes around a value that contains ': ', or fix this line's indentation",
    ),
    ("could not find expected ':'", "add the ':' after the key, or put quotes around the value"),
    ("did not find expected key", "fix this line's indentation to match its siblings"),
    ("did not find expected '-'", "fix this line's indentation to match the list's other entries"),
    ("expected <block end>", "fix this line's indentation to match the lines above"),
    ("found undefined alias", "define the anchor ('&name') before the alias ('*name') uses it"),
    ("found duplicate anchor", "give each anchor ('&name') its own name"),
    ("found unexpected end of stream", "close the quote or bracket that is still open"),
    (
        "found unknown escape character",
        "use a valid escape, or single quotes, in which '\\' is literal",
    ),
    ("cannot start any token", "put quotes around a value that starts with this character"),
    ("exceeded maximum nesting depth", "flatten the structure"),
    (
        "expected node content",
        "write the missing value, or close the '[' or '{' that is still open",
    ),
    (
        "expected the node content",
        "write the missing value, or close the '[' or '{' that is still open",
    ),
    ("expected ',' or ']'", "close the list with ']' or separate its entries with ','"),
    ("expected ',' or '}'", "close the mapping with '}' or separate its entries with ','"),
    ("found a tab character", "indent with spaces, not tabs"),
)


def syntax_problem(error: yaml.MarkedYAMLError, stream: bytes | str) -> Problem:
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    context = error.context or ""
    what = (error.problem or context or "syntax error").strip()
    if "duplicate anchor" in context and error.context_mark is not None:
        # PyYAML words this one as context "found duplicate anchor 'x'; first occurrence", problem "second occurrence"
        what = f"{context.split(';')[0]}, first defined on line {error.context_mark.line + 1}"
    if "cannot start any token" in what and _char_at(stream, line, column) == "\t":
        what, hint = (
            "found a tab character that cannot start any token",
            "indent with spaces, not tabs",
        )
    else:
        hint = next(
            (fix for needle, fix in _SYNTAX_HINTS if needle in what), "fix the YAML syntax here"
        )
    return Problem("AL001", f"invalid YAML: {what}; {hint}", line, column)


def _char_at(stream: bytes | str, line: int, column: int) -> str:
    text = stream.decode("utf-8", "replace") if isinstance(stream, bytes) else stream
    lines = text.split("\n")
    if line - 1 < len(lines) and column - 1 < len(lines[line - 1]):
        return lines[line - 1][column - 1]
    return ""
