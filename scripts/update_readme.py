"""Regenerate the generated parts of README.md from the rule catalogue (rules/*.yaml).

python scripts/update_readme.py          # rewrite README.md
python scripts/update_readme.py --check  # exit 1 if README.md is out of date
"""

from __future__ import annotations

import sys
from pathlib import Path

from archlint.rule_pages import read_pages

README = Path(__file__).resolve().parent.parent / "README.md"
START, END = "<!-- rules-table:start -->", "<!-- rules-table:end -->"


def rules_table() -> str:
    rows = ["| code | slug | default | flags | entities | options |", "|---|---|---|---|---|---|"]
    for spec in read_pages():
        options = ", ".join(f"`{o.name}` ({o.default})" for o in spec.options) or ""
        summary = spec.summary.replace("|", "\\|")
        entities = ", ".join(f"`{e}`" for e in spec.entities)
        rows.append(
            f"| {spec.code} | `{spec.slug}` | {spec.severity} | {summary} | {entities} "
            f"| {options} |"
        )
    return "\n".join(rows)


def updated(text: str) -> str:
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{START}\n{rules_table()}\n{END}{tail}"


def main(argv: list[str]) -> int:
    text = README.read_text(encoding="utf-8")
    new = updated(text)
    if "--check" in argv:
        if new != text:
            print("README.md's rule table is out of date: run `make readme`", file=sys.stderr)
            return 1
        return 0
    README.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
