"""The text engine: one message in, category, stage, tactics, findings and entities out."""
