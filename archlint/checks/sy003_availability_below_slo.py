"""SY003 availability-below-slo: a service with `slo` whose own availability times that of
every service it reaches through synchronous calls, each counted once, is below the `slo`.

A synchronous call chain is only as available as the product of its links: a service cannot
promise more than it and everything it waits on deliver together. An undeclared
availability counts as option `assumed-availability` (default 100, i.e. not counted). Calls
to services no manifest declares are RF001's business and count for nothing here.

Performance (10,000 services must not be quadratic): the interaction index gives each
service the bitmask (a Python int) of every service it reaches, from one pass over the
condensation of the synchronous call graph; masked to the services whose availability is
below 100 (the others multiply by 1), a service's product is
prod(v ** popcount(mask & services_with_availability_v)) over the distinct availabilities v.
When there are many distinct values, the logarithms are summed instead through the bits of
their fixed-point values (a few dozen popcounts per service whatever the number of values),
falling back to the exact product where that estimate is too close to the `slo` to call.
A product counts as below the `slo` when short of it by more than float noise (1e-9 points).
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from archlint.catalogue import OptionValue
from archlint.findings import Finding
from archlint.interactions import Interactions
from archlint.model import Service
from archlint.registry import SYNC, Scope

CODE = "SY003"
SCOPE: Scope = SYNC
TOLERANCE = 1e-9  # percentage points
EXACT_VALUE_LIMIT = 40  # distinct availabilities up to which products are taken value by value
LOG_SCALE_BITS = 40  # fixed-point precision of the logarithms summed through bit planes


class _Products:
    """Products of the availabilities (fractions of 1) of the services in a bitmask."""

    def __init__(self, values: Mapping[int, float], exact_value_limit: int = EXACT_VALUE_LIMIT):
        self.values = values  # bit -> availability, percent, below 100
        self.by_value: dict[float, int] = {}
        for bit, value in values.items():
            self.by_value[value] = self.by_value.get(value, 0) | (1 << bit)
        self.exact = len(self.by_value) <= exact_value_limit
        if not self.exact:
            self.zero = self.by_value.get(0.0, 0) | sum(
                m for v, m in self.by_value.items() if v < 0
            )
            fixed = {
                v: round(-math.log(v / 100) * 2**LOG_SCALE_BITS) for v in self.by_value if v > 0
            }
            self.planes = [0] * max(1, max(fixed.values(), default=0).bit_length())
            for value, q in fixed.items():
                for b in range(q.bit_length()):
                    if q >> b & 1:
                        self.planes[b] |= self.by_value[value]

    def exact_product(self, mask: int) -> float:
        product = 1.0
        for value, members in sorted(self.by_value.items()):
            count = (mask & members).bit_count()
            if count:
                product *= (max(value, 0.0) / 100) ** count
        return product

    def is_below(self, mask: int, slo: float) -> tuple[bool, float]:
        """(product below the slo, the product in percent)."""
        if self.exact:
            percent = self.exact_product(mask) * 100
            return percent < slo - TOLERANCE, percent
        if mask & self.zero:
            return slo - TOLERANCE > 0, 0.0
        total = sum((mask & plane).bit_count() << b for b, plane in enumerate(self.planes))
        estimate = math.exp(-total / 2**LOG_SCALE_BITS) * 100
        slack = math.exp((mask.bit_count() / 2 + 2) / 2**LOG_SCALE_BITS)  # rounding bound
        if estimate * slack < slo - TOLERANCE:
            return True, estimate
        if estimate / slack >= slo - TOLERANCE:
            return False, estimate
        return self._exact_by_bits(mask, slo)

    def _exact_by_bits(self, mask: int, slo: float) -> tuple[bool, float]:
        counts: dict[float, int] = {}
        for bit in _bits(mask):
            counts[self.values[bit]] = counts.get(self.values[bit], 0) + 1
        product = 1.0
        for value, count in sorted(counts.items()):
            product *= (max(value, 0.0) / 100) ** count
        return product * 100 < slo - TOLERANCE, product * 100


def _percent(value: float, slo: float) -> str:
    """The value with the fewest decimals (2 or more) that still shows it below the slo."""
    for decimals in range(2, 10):
        text = f"{value:.{decimals}f}".rstrip("0").rstrip(".")
        if float(text) < slo:
            return text
    return repr(value)


def _number(value: float) -> str:
    """99.9 as '99.9', 100.0 as '100'."""
    return str(int(value)) if float(value).is_integer() else str(float(value))


def _bits(mask: int) -> Iterator[int]:
    while mask:
        low = mask & -mask
        yield low.bit_length() - 1
        mask ^= low


def check(interactions: Interactions, options: Mapping[str, OptionValue]) -> Iterator[Finding]:
    assumed = float(options["assumed-availability"])  # declared and validated on the page
    weakest: _Weakest | None = None
    for product in availability_products(interactions, assumed):
        if product.below:
            weakest = weakest or _Weakest(interactions, product.values)
            counted = assumed if product.counts_undeclared else None
            yield _finding(
                interactions,
                product.service,
                product.percent,
                weakest.of(product.service.name),
                counted,
            )


@dataclass(frozen=True)
class AvailabilityProduct:
    """One service with an `slo`: its availability times that of everything it reaches."""

    service: Service
    percent: float  # the product, in percent
    below: bool  # short of the slo by more than float noise
    counts_undeclared: bool  # an undeclared availability (counted as assumed) is in it
    values: Mapping[int, float]  # bit -> availability below 100 (shared by the whole run)


def availability_products(
    interactions: Interactions, assumed: float
) -> Iterator[AvailabilityProduct]:
    """Per service with an `slo`, in estate order, the product SY003 compares with it: the
    one computation the rule, `archlint diff` and `archlint impact` share."""
    estate = interactions.estate
    promised = [s for s in estate.services if s.slo is not None]
    if not promised:
        return
    bit_of = interactions.service_bit
    values: dict[int, float] = {}  # bit -> availability below 100, in percent
    undeclared = 0
    for service in estate.services:
        value = service.availability if service.availability is not None else assumed
        if value < 100:
            values[bit_of[service.name]] = float(value)
            if service.availability is None:
                undeclared |= 1 << bit_of[service.name]
    weighted = sum(1 << bit for bit in values)
    products = _Products(values)
    for service in promised:
        assert service.slo is not None
        mask = interactions.reach_mask(service.name) & weighted
        below, percent = products.is_below(mask, service.slo)
        yield AvailabilityProduct(service, percent, below, bool(mask & undeclared), values)


class _Weakest:
    """Per service, the services it reaches (itself included) with the lowest availabilities:
    the few lowest of a union are among the few lowest of its parts, so one pass over the
    condensation in reverse topological order finds them all in O(V + E)."""

    LIMIT = 3

    def __init__(self, interactions: Interactions, values: Mapping[int, float]) -> None:
        self.interactions = interactions
        calls = interactions.sync_calls
        self.lowest: dict[int, list[tuple[float, str]]] = {}
        for node in reversed(calls.topological_order):
            own = [
                (values[bit], m)
                for m in interactions.sync_components[node]
                if (bit := interactions.service_bit[m]) in values
            ]
            merged = set(own)
            for succ in calls.condensation_successors[node]:
                merged.update(self.lowest[succ])
            self.lowest[node] = sorted(merged)[: self.LIMIT]

    def of(self, service: str) -> list[tuple[str, float]]:
        """(service, availability) of the weakest it reaches, lowest first (ties by name)."""
        node = self.interactions.sync_component_of[service]
        return [(name, value) for value, name in self.lowest[node]]


def _finding(
    interactions: Interactions,
    service: Service,
    percent: float,
    weakest: list[tuple[str, float]],
    assumed: float | None,
) -> Finding:
    assert service.slo is not None
    calls_others = any(t != service.name for t in interactions.sync_calls.successors[service.name])
    shown = _percent(percent, service.slo)
    if calls_others:
        what = (
            f"its own availability times that of every service it reaches by synchronous "
            f"calls is only {shown}%"
        )
        links = ", ".join(f"{name} {_number(value)}%" for name, value in weakest)
        what += f" (weakest: {links})"
        fix = "raise their availability, or replace calls with events or local views"
    else:
        what = f"its own availability is only {shown}%"
        fix = "raise its availability, or lower the slo to what it can keep"
    if assumed is not None:
        what += f" (counting each undeclared availability as {_number(assumed)}%)"
    return Finding(
        code=CODE,
        message=f"{service.name} promises an slo of {_number(service.slo)}%, but {what}: {fix}",
        location=service.slo_location or service.location,
        entities={"service": service.name},
    )
