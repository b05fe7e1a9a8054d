"""One department-year file: YAML read with positions, the typed model and its editor schema, its messages in Chinese, how a published table reads, and the loaded record with its findings."""
