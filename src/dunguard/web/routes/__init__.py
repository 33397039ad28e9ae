"""The pages, one module per group: start, import, overview, timeline, patterns, debts and
plan, rights, documents, and the law base's provisions."""
