"""AsyncAPI documents from files, for `archlint import asyncapi` (the loader reads its own)."""

from __future__ import annotations

import os
from collections.abc import Mapping

import yaml

from archlint.asyncapi import load_asyncapi, nodes
from archlint.findings import Finding
from archlint.model import Location, Service

SUFFIXES = (".yaml", ".yml", ".json")


def file_reader(folder: str):
    """read_file for `load_asyncapi`: a path relative to the document's folder, as UTF-8."""

    def read_file(relative: str) -> str:
        with open(os.path.join(folder, relative), encoding="utf-8") as handle:
            return handle.read()

    return read_file


def load_asyncapi_file(
    path: str, display: str, contexts: Mapping[str, str]
) -> tuple[list[Service], list[Finding]] | None:
    """The services of the AsyncAPI documents in one file, or None if it holds none.

    A file that cannot be read or parsed is one AL001 finding (as the loader reports it).
    """
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    except UnicodeDecodeError:
        return [], [Finding("AL001", "the file is not UTF-8 text", Location(display))]
    except OSError as exc:
        return [], [Finding("AL001", f"cannot read the file: {exc.strerror}", Location(display))]
    loader = nodes.Loader(text)
    services: list[Service] = []
    findings: list[Finding] = []
    found = False
    try:
        while loader.check_node():
            node = loader.get_node()
            if nodes.get(node, "asyncapi") is None:
                continue
            found = True
            got, problems = load_asyncapi(
                node, display, contexts, file_reader(os.path.dirname(path) or ".")
            )
            services.extend(got)
            findings.extend(problems)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = Location(display, mark.line + 1, mark.column + 1) if mark else Location(display)
        return [], [
            Finding("AL001", f"not valid YAML: {getattr(exc, 'problem', None) or exc}", where)
        ]
    finally:
        loader.dispose()
    return (services, findings) if found else None
