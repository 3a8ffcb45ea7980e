"""Diagrams of the estate: `archlint graph`, and the figures of the HTML report.

elements     what a diagram is made of: clusters, nodes, edges, and how each kind is drawn
build        interactions + findings -> diagram: service level, context map, focused views (pure)
layout       rank assignment that keeps large service-level diagrams fast and readable (pure)
dot          diagram -> Graphviz DOT text;  mermaid  -> Mermaid;  json_writer  -> JSON
render       DOT -> SVG or PNG, drawn by the real Graphviz `dot`
"""
