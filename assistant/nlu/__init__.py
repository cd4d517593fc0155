"""Custom Rasa NLU components (run inside the Rasa engine's Python 3.10 environment).

Named by dotted path in config.yml. They import only Rasa, spaCy and lingua.
"""
