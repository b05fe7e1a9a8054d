"""Output: pages from templates, charts, open data and spreadsheet-safe cells, the search index, glossary marking, the CSP, and no active content in anything published."""
