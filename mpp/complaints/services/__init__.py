"""Changes to complaints, by topic: filing and public tracking, handling by the desk and
the agencies, deadlines (overdue marking and closing)."""
