"""Diagrams of the estate: `archlint graph`, and the figures of the HTML report.

model   the diagram: clusters, nodes and edges, and how each kind is drawn
build   estate + findings -> diagram: service level, context map, focused views (pure)
layout  rank assignment that keeps large service-level diagrams fast and readable (pure)
dot     diagram -> Graphviz DOT text;  mermaid  -> Mermaid;  json  -> JSON
render  DOT -> SVG or PNG, drawn by the real Graphviz `dot`
"""
