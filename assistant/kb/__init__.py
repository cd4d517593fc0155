"""The knowledge base: entries (kb/ files), their embedding index, and retrieval decisions."""
