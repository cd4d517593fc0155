"""Measurements of the assistant's quality: ``make eval-kb`` (``kb``, ``kb_*``), ``make eval-e2e``
(``e2e``, ``e2e_*``) and the parts of ``make eval-nlu`` that ``scripts/eval_nlu.py`` runs in the
Rasa environment (``nlu_*``, which import nothing from the app); held-out data, metrics, baselines.
"""
