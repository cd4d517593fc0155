"""The Québec international inquiries assistant.

This file stays import-free: `assistant.nlu` is also imported by the Rasa engine's own
Python 3.10 environment, which has none of the app's dependencies.
"""
