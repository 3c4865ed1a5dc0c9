"""The data layer: data/raw/ checked, parsed and derived into data/processed/."""
