"""The checklist page: its form, the markup of its parts, and a form kept when a session ended."""
