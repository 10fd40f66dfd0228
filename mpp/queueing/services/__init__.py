"""Changes to the queue, by topic: tickets, counter work, counter sessions."""
