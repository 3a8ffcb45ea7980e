"""JSON text as every output writes it: UTF-8 characters as they are, except those that
break a reader's lines or its encoding.

U+2028, U+2029 (JavaScript before ES2019 ends a line at them) and U+0085 (a line break to
some readers) are written as `\\u` escapes, and so is a lone surrogate (from a name written
as an escape, which UTF-8 cannot encode). They can only stand inside strings, where the
escape means the same character.
"""

from __future__ import annotations

import json
import re

_ESCAPED = re.compile("[\u2028\u2029\x85\ud800-\udfff]")


def dumps(data: object, indent: int | None = 2) -> str:
    """`data` as JSON, `indent` as json.dumps takes it."""
    text = json.dumps(data, indent=indent, ensure_ascii=False)
    return _ESCAPED.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
