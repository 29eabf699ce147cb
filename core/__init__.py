"""What several apps share and that belongs to none: form parts. Imports nothing of the apps, so
imports run one way: core ← accounts ← audit ← observaties (hechting beside accounts)."""
