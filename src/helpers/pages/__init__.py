"""The page layer: what a report notebook calls to draw its page."""
