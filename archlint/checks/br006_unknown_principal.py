"""BR006 unknown-principal: a principal with grants that maps to no service of the estate.

archlint cannot tell whether such a principal writes another service's topics; until it is
mapped (or declared a super-user), its grants are outside every other BR rule.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from archlint.catalogue import OptionValue
from archlint.findings import Finding
from archlint.interactions import Interactions
from archlint.registry import ESTATE, Scope

CODE = "BR006"
SCOPE: Scope = ESTATE


def check(interactions: Interactions, options: Mapping[str, OptionValue]) -> Iterator[Finding]:
    broker = interactions.broker
    if broker is None:
        return
    for principal, grant in broker.unknown_principals:
        yield Finding(
            code=CODE,
            message=(
                f"principal '{principal}' has grants but maps to no service of the estate: "
                "map it in the configuration's `principals:` (principal: service), label it "
                "`archlint.io/service`, or list it in `super-users:`"
            ),
            location=grant.location,
            entities={"principal": principal},
        )
