"""Routing: what a visitor's message gets (answer, choice, form, small talk, out of scope)."""
