"""The built-in rule catalogue and rulesets, as data (shipped as archlint.catalogue_data)."""
