"""Diagrams of the estate: `archlint graph`, and the figures of the HTML report.

elements       what a diagram is made of: clusters, nodes (typed ids), edges, how each is drawn
marks          where each finding is drawn red: what it points at, placed on the diagram
service_level  interactions -> every service and topic, clustered by context (pure)
context_map    interactions -> one node per bounded context (pure)
focus          one context with its neighbours collapsed; one service and N hops (pure)
bundle         large diagrams: one edge per pair of contexts (pure)
build          the one entry point: the diagram the options ask for
layout         rank assignment that keeps large service-level diagrams fast and readable (pure)
labels         the text on nodes and edges, shared by the writers
dot            diagram -> Graphviz DOT text;  mermaid  -> Mermaid;  json_writer  -> JSON
render         DOT -> SVG or PNG, drawn by the real Graphviz `dot`
"""
