"""Measurements of the assistant's quality (``make eval-kb``): held-out data, metrics, baselines."""
