"""The options of the other inputs: `eventcatalog:` and `backstage:`, validated like every key."""

from __future__ import annotations

import pytest
from helpers import write_files

from archlint.api import load_config
from archlint.config import ConfigError
from archlint.config.settings import input_option


def test_defaults_and_given_options(tmp_path):
    assert (
        input_option(load_config(cwd=str(tmp_path)), "eventcatalog", "context-level") == "subdomain"
    )
    write_files(
        tmp_path,
        {
            "archlint.yaml": "eventcatalog: {context-level: domain}\nbackstage: {depends-on: command}\n"
        },
    )
    config = load_config(cwd=str(tmp_path))
    assert input_option(config, "eventcatalog", "context-level") == "domain"
    assert input_option(config, "backstage", "depends-on") == "command"
    assert input_option(config, "backstage", "context-level") == "subdomain"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "eventcatalog: {context-level: team}\n",
            "'eventcatalog: context-level' must be one of subdomain, domain, got 'team'",
        ),
        (
            "backstage: {depends-on: maybe}\n",
            "'backstage: depends-on' must be one of query, command, got 'maybe'",
        ),
        ("backstage: {depend-on: query}\n", "'backstage' has no option 'depend-on'"),
        ("eventcatalog: domain\n", "'eventcatalog' must be a mapping of options"),
        ("eventcatalogue: {}\n", "unknown key 'eventcatalogue'; did you mean 'eventcatalog'?"),
    ],
)
def test_bad_options_say_what_and_how(tmp_path, text, message):
    write_files(tmp_path, {"archlint.yaml": text})
    with pytest.raises(ConfigError) as error:
        load_config(cwd=str(tmp_path))
    assert message in str(error.value)
