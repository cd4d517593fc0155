"""What carries a language signal in a message, for ``language.LanguageDetector``: the words
of a message, with Québec proper names, acronyms and addresses (no signal) removed, and the
function words that exist in only one of French and English. Also the other languages the
detector recognises, only to answer in the right language.

Pure (the standard library only), so it imports in either environment.
"""

from __future__ import annotations

import re
import unicodedata

from assistant.core.text import fold

# Languages in Latin script recognised only to answer "I answer in French and English" in the
# right language (lingua tells them apart; each costs its model's memory in Rasa).
OTHER_LANGUAGES = (
    "SPANISH",
    "PORTUGUESE",
    "GERMAN",
    "ITALIAN",
    "VIETNAMESE",
    "DUTCH",
    "POLISH",
    "TURKISH",
    "ROMANIAN",
)
# Other scripts need no model: the script names the language well enough (Unicode name prefix
# of the letters -> ISO 639-1); kana anywhere makes Han text Japanese.
SCRIPTS = {
    "ARABIC": "ar",
    "CJK": "zh",
    "HIRAGANA": "ja",
    "KATAKANA": "ja",
    "HANGUL": "ko",
    "CYRILLIC": "ru",
    "DEVANAGARI": "hi",
    "GREEK": "el",
    "HEBREW": "he",
    "THAI": "th",
}

# Names visitors of either language write as they are (accents folded, lowercase).
PROPER_NAMES = (
    "ville de quebec",
    "quebec city",
    "quebec",
    "vieux-quebec",
    "vieux quebec",
    "centre des congres",
    "chateau frontenac",
    "universite laval",
    "laval",
    "destination quebec cite",
    "quebec international",
    "investissement quebec",
    "carnaval",
    "festival d'ete",
    "festival d ete",
    "fetes de la nouvelle-france",
    "bureau des relations internationales",
    "relations internationales",
    "francisation quebec",
    "francophonie",
    "montreal",
    "canada",
    "rue de buade",
    "place d'youville",
    "grande allee",
    "saint-laurent",
    "levis",
    "jean lesage",
    "assemblee nationale",
    "petit champlain",
    "cegep",
    # programmes whose French names English speakers quote as they are
    "programme de selection des travailleurs qualifies",
    "programme de l'experience quebecoise",
    "arrima",
    "mifi",
    "ramq",
)
# Chat words Québec French shares with English ("ok bye" is French too): no signal either.
SHARED_WORDS = ("ok", "okay", "bye", "lol")
# Greetings in the other languages: too short for the detector, clear enough to answer "I
# answer in French and English" in the right language (folded, punctuation removed). Not
# "ciao", "hallo" or "ola": Québec French says "ciao", and the others are typos of "allo".
FOREIGN_GREETINGS = {
    "hola": "es",
    "buenos dias": "es",
    "buenas tardes": "es",
    "buenas noches": "es",
    "guten tag": "de",
    "guten morgen": "de",
    "guten abend": "de",
    "servus": "de",
    "buongiorno": "it",
    "buonasera": "it",
    "bom dia": "pt",
    "boa tarde": "pt",
    "boa noite": "pt",
    "goedendag": "nl",
    "goedemorgen": "nl",
    "dzien dobry": "pl",
    "merhaba": "tr",
    "buna ziua": "ro",
    "xin chao": "vi",
}
# Function words that exist in only one of the two languages: a cheap second opinion that
# makes short lowercase messages ("i want to invest in quebec") decisive.
FUNCTION_WORDS = {
    "en": frozenset(
        [
            "i",
            "you",
            "we",
            "they",
            "he",
            "she",
            "it",
            "is",
            "are",
            "was",
            "the",
            "to",
            "of",
            "and",
            "for",
            "with",
            "what",
            "how",
            "where",
            "when",
            "why",
            "who",
            "can",
            "could",
            "would",
            "should",
            "do",
            "does",
            "my",
            "our",
            "your",
            "this",
            "that",
            "there",
            "want",
            "need",
            "have",
            "has",
            # chat words
            "hi",
            "hey",
            "thanks",
            "thx",
            "pls",
            "please",
            "yes",
            "u",
            "im",
            "hello",
        ]
    ),
    "fr": frozenset(
        [
            "je",
            "tu",
            "nous",
            "vous",
            "ils",
            "elle",
            "est",
            "sont",
            "le",
            "la",
            "les",
            "un",
            "une",
            "des",
            "du",
            "de",
            "et",
            "pour",
            "avec",
            "quoi",
            "comment",
            "ou",
            "quand",
            "pourquoi",
            "qui",
            "peux",
            "peut",
            "voudrais",
            "mon",
            "ma",
            "mes",
            "notre",
            "votre",
            "ce",
            "cette",
            "il",
            "faut",
            "veux",
            # chat words
            "allo",
            "allô",
            "bonjour",
            "bonsoir",
            "salut",
            "slt",
            "merci",
            "svp",
            "stp",
            "oui",
            "jcherche",
            "jveux",
            "c'est",
            "j'ai",
            "qu'est-ce",
        ]
    ),
}
ACRONYM = re.compile(r"\b[A-Z]{2,6}s?\b")
# Email addresses, web addresses and handles carry no language signal either.
ADDRESS = re.compile(r"\S+@\S+|https?://\S+|www\.\S+", re.IGNORECASE)
SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")
WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", re.UNICODE)


def strip_proper_names(text: str) -> str:
    """Remove acronyms, known Québec names and shared chat words, which carry no language
    signal. Accents stay: "très", "différent" are some of the best signs that a message is
    French."""
    cleaned = ACRONYM.sub(" ", ADDRESS.sub(" ", text))
    folded_chars = [fold(c) for c in cleaned]  # one folded piece per original character
    folded = "".join(folded_chars)
    starts = [0]
    for piece in folded_chars:
        starts.append(starts[-1] + len(piece))
    keep = [True] * len(cleaned)
    for name in (*PROPER_NAMES, *SHARED_WORDS):
        for match in re.finditer(rf"\b{re.escape(name)}\b", folded):
            for i in range(len(cleaned)):
                if match.start() <= starts[i] < match.end():
                    keep[i] = False
    return " ".join("".join(c if k else " " for c, k in zip(cleaned, keep, strict=True)).split())


def sentences(text: str) -> list[str]:
    """The message's sentences ("Is it the same thing? c'est mêlant" has two)."""
    return [part for part in SENTENCE_END.split(text.strip()) if part]


def foreign_greeting(text: str) -> str | None:
    """The language of a message that is only a greeting in another language ("Guten Tag!")."""
    words = WORD.findall(fold(text))
    return FOREIGN_GREETINGS.get(" ".join(words))


def script_language(text: str) -> str | None:
    """The language of a message mostly in a script other than Latin (None: mostly Latin)."""
    letters = [c for c in text if c.isalpha()]
    scripts = [unicodedata.name(c, "").split(" ")[0] for c in letters]
    others = [name for name in scripts if name != "LATIN"]
    if not letters or len(others) <= len(letters) / 2:
        return None
    codes = [SCRIPTS.get(name, "und") for name in others]
    if "ja" in codes:
        return "ja"
    return max(set(codes), key=codes.count)


def function_margin(words: list[str], language: str) -> int:
    other = "en" if language == "fr" else "fr"
    folded = [w.casefold() for w in words]
    return sum(w in FUNCTION_WORDS[language] for w in folded) - sum(
        w in FUNCTION_WORDS[other] for w in folded
    )
