"""Escalated inquiries: cases, their staff brief, the handoff queue's operations."""
