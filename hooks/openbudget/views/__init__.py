"""What each page shows, derived from loaded records: a section's figure tables, the glance, the comparison over years, budget against actual, the county, the site-wide index."""
