"""The project's words: money and units, document phases, section kinds, the classification, characters, limits, and the shape of a problem report. Imports nothing else of the package."""
