"""Masks personal data in a visitor's text before the review inbox stores or shows it.

Simple, tested rules (``tests/inbox/test_masking.py`` holds the FR/EN corpus), applied in this
order: email addresses, phone numbers (North American and international formats), postal codes
(Canada, United States, France and other 5-digit codes next to a city, United Kingdom), long
identifiers (8+ digits), then personal names: after "je m'appelle", "mon nom est", "my name
is", "I'm" / "I am", "je suis", a civility title (M., Mme, Mr, Dr…), a greeting ("Bonjour Marie
Tremblay") or a signature ("Cordialement, Jean Dupont"), plus any name the visitor gave in an
escalation form (``known_names``). Each is replaced by a placeholder in the text's language,
e.g. ``[courriel]`` / ``[email]``, so a masked question still reads naturally.

The rules favour masking: a capitalised word after "my name is" is masked even if it is not a
name. Known place and organisation words (Québec, Bureau, Canada…) and nationalities are kept.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

PLACEHOLDERS: dict[str, dict[str, str]] = {
    "email": {"fr": "[courriel]", "en": "[email]"},
    "phone": {"fr": "[téléphone]", "en": "[phone]"},
    "postal_code": {"fr": "[code postal]", "en": "[postal code]"},
    "number": {"fr": "[numéro]", "en": "[number]"},
    "name": {"fr": "[nom]", "en": "[name]"},
}

_UPPER = "A-ZÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸÆŒ"
_LOWER = "a-zàâäçéèêëîïôöùûüÿæœß"
# A capitalised name word: "Marie", "O'Neil", "Jean-François", "McDonald", "ÉLISE".
_NAME_WORD = rf"[{_UPPER}][{_LOWER}{_UPPER}]*(?:['’-][{_UPPER}][{_LOWER}{_UPPER}]*)?"
_PARTICLES = ("de", "du", "des", "van", "von", "da", "di", "le", "la", "ben", "bin")
_NAME = rf"{_NAME_WORD}(?:\s+(?:(?:{'|'.join(_PARTICLES)})\s+)?{_NAME_WORD}){{0,2}}"
# Words written with a capital that are not people's names.
_NOT_NAME_WORDS = """
    Québec Quebec Québécois Québécoise Quebecer Quebecker Montréal Montreal Canada Canadian
    Canadien Canadienne Ottawa Toronto Vancouver Lévis Levis Ville City Bureau International
    Internationale Internationales Relations Office Monsieur Madame Mademoiselle Sir Madam
    Team Équipe Equipe Hello Hi Hey Bonjour Bonsoir Salut Allo Allô Merci Thanks Thank Dear
    Cher Chère Regards Cordialement English French Français Française Anglais Anglaise
    American Américain Américaine British Britannique German Allemand Allemande Italian
    Italien Italienne Spanish Espagnol Espagnole Mexican Mexicain Mexicaine Chinese Chinois
    Chinoise Japanese Japonais Japonaise Korean Coréen Coréenne Indian Indien Indienne
    Brazilian Brésilien Brésilienne Belgian Belge Swiss Suisse Moroccan Marocain Marocaine
    Tunisian Tunisien Tunisienne Algerian Algérien Algérienne Senegalese Sénégalais
    Sénégalaise Haitian Haïtien Haïtienne Lebanese Libanais Libanaise Colombian Colombien
    Colombienne Peruvian Péruvien Péruvienne Chilean Chilien Chilienne Argentinian Argentin
    Argentine Australian Australien Australienne Irish Irlandais Irlandaise Scottish
    Écossais Dutch Néerlandais Polish Polonais Russian Russe Ukrainian Ukrainien Ukrainienne
    Portuguese Portugais Portugaise Vietnamese Vietnamien Vietnamienne Cameroonian
    Camerounais Camerounaise Ivorian Ivoirien Ivoirienne European Européen Européenne
    African Africain Africaine Asian Asiatique Francophone Anglophone France Paris Lyon
    Europe Mayor Maire Mairesse City-Hall Hôtel Mr Mrs Ms Mme Mlle Dr Pr Prof Me
    Interested Looking Writing Calling Contacting Planning Moving Coming Trying Working
    Studying Organizing Organising From In At On With Not Just Also So Very The A An
    Student Étudiant Étudiante Investor Investisseur Investisseuse Journalist Journaliste
    Director Directeur Directrice Manager President Président Présidente CEO
"""
_NOT_NAMES = {word.casefold() for word in _NOT_NAME_WORDS.split()}
_GREETINGS = r"(?:bonjour|bonsoir|salut|allo|allô|hello|hi|hey|dear|cher|chère|chers|chères)"
_SIGN_OFFS = (
    r"(?:cordialement|bien\s+à\s+vous|salutations(?:\s+distinguées)?|merci(?:\s+beaucoup)?|"
    r"meilleures\s+salutations|au\s+plaisir|bonne\s+journée|regards|kind\s+regards|"
    r"best\s+regards|best|sincerely|thanks|thank\s+you|cheers|signé|signed)"
)
# Case-sensitive: "Me" (Maître) must not catch "me", nor "M." the end of a sentence's "m."
_TITLES = (
    r"(?:M\.|Mme\.?|Mlle\.?|[Mm]onsieur|[Mm]adame|[Mm]ademoiselle|Mr\.?|Mrs\.?|Ms\.?|Miss|"
    r"Dr\.?|Pr\.?|Prof\.?|Me)"
)
_INTRODUCTIONS = (
    r"(?:je\s+m['’]\s*appelle|mon\s+nom\s+est|mon\s+nom\s+c['’]est|moi\s+c['’]est|"
    r"ici|my\s+name\s+is|my\s+name['’]s|this\s+is|i['’]m|i\s+am|je\s+suis)"
)

_EMAIL = re.compile(r"[\w.+%-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}", re.IGNORECASE)
_EMAIL_SPELLED = re.compile(
    r"\b[\w.+-]+\s*(?:\(|\[)?\s*(?:at|arobase)\s*(?:\)|\])?\s*[\w-]+\s*(?:\(|\[)?\s*"
    r"(?:dot|point)\s*(?:\)|\])?\s*[a-z]{2,}\b",
    re.IGNORECASE,
)
_PHONE_PATTERNS = [
    # International: +33 1 23 45 67 89, 0044 20 7946 0958, +1 (418) 641-6411
    r"(?:\+|\b00)[1-9]\d{0,2}[\s.-]?(?:\(\d{1,4}\)[\s.-]?)?\d{1,4}(?:[\s.-]?\d{2,4}){1,4}",
    # North American: (418) 641-6411, 418-641-6411, 1 800 555 0199, 418.641.6411, 4186416411
    r"(?:\b1[\s.-]?)?(?:\(\d{3}\)|\b\d{3})[\s.-]?\d{3}[\s.-]?\d{4}\b",
    # French national: 01 23 45 67 89, 06.12.34.56.78
    r"\b0\d(?:[\s.-]?\d{2}){4}\b",
]
_PHONE = re.compile(
    r"(?:" + "|".join(_PHONE_PATTERNS) + r")(?:\s*(?:poste|ext\.?|x)\s*\d{1,5})?",
    re.IGNORECASE,
)
_POSTAL_CODE_ANY_CASE = re.compile(
    "|".join(
        [
            # Canada: G1R 4S9, g1r4s9, G1R-4S9 (no D, F, I, O, Q, U; no W or Z first)
            r"\b[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z][\s-]?\d[ABCEGHJ-NPRSTV-Z]\d\b",
            # United States ZIP+4: 12345-6789
            r"\b\d{5}-\d{4}\b",
            # A 5-digit code after "code postal", "postal code", "zip" or "zip code"
            r"(?<=postal\s)\d{5}\b",
            r"(?<=code\s)\d{5}\b",
            r"(?<=zip\s)\d{5}\b",
        ]
    ),
    re.IGNORECASE,
)
_POSTAL_CODE_CASED = re.compile(
    "|".join(
        [
            # United Kingdom: SW1A 1AA, M1 1AE
            r"\b[A-Z]{1,2}\d[A-Z\d]?\s\d[ABD-HJLNP-UW-Z]{2}\b",
            # A 5-digit code after a US state (NY 10001) or before a city (75008 Paris)
            r"(?<=\b[A-Z]{2}\s)\d{5}\b",
            rf"\b\d{{5}}(?=\s+{_NAME_WORD})",
        ]
    )
)
_LONG_NUMBER = re.compile(r"\b\d{8,}\b")

_INTRODUCED_NAME = re.compile(
    rf"(?i:\b{_INTRODUCTIONS})[\s,:]+(?P<name>{_NAME})",
)
_TITLED_NAME = re.compile(rf"(?<![\w.]){_TITLES}\s+(?P<name>{_NAME})")
# A greeting followed by two or more capitalised words: "Bonjour Marie Tremblay,"
_GREETED_NAME = re.compile(
    rf"(?i:\b{_GREETINGS})[\s,]+(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,2}})"
)
# A sign-off, then a comma, dash or new line, then a name: "Cordialement, Jean Dupont"
_SIGNED_NAME = re.compile(rf"(?i:\b{_SIGN_OFFS})\s*[,!.\-–—:\n]\s*(?P<name>{_NAME})\s*[.!]?\s*$")
# A name alone after a dash at the very end: "… merci. — Jean Dupont"
_DASH_SIGNATURE = re.compile(rf"[-–—]\s*(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,2}})\s*$")


def mask(text: str, language: str = "fr", known_names: Iterable[str | None] = ()) -> str:
    """``text`` with emails, phone numbers, postal codes, long numbers and names replaced."""
    lang = "en" if language == "en" else "fr"

    def token(kind: str) -> str:
        return PLACEHOLDERS[kind][lang]

    text = _EMAIL.sub(token("email"), text)
    text = _EMAIL_SPELLED.sub(token("email"), text)
    text = _PHONE.sub(lambda m: _phone_or_keep(m, token("phone")), text)
    text = _POSTAL_CODE_ANY_CASE.sub(token("postal_code"), text)
    text = _POSTAL_CODE_CASED.sub(token("postal_code"), text)
    text = _LONG_NUMBER.sub(token("number"), text)
    text = _mask_known_names(text, known_names, token("name"))
    for pattern in (_INTRODUCED_NAME, _TITLED_NAME, _GREETED_NAME, _SIGNED_NAME, _DASH_SIGNATURE):
        text = pattern.sub(lambda m: _name_or_keep(m, token("name")), text)
    return text


def _phone_or_keep(match: re.Match[str], placeholder: str) -> str:
    """Only digit runs that can be a phone number: 9 to 15 digits (dates have 8 or fewer)."""
    digits = sum(c.isdigit() for c in match.group(0))
    return placeholder if 9 <= digits <= 15 else match.group(0)


def _name_or_keep(match: re.Match[str], placeholder: str) -> str:
    """Replaces the leading name words of the match's ``name`` group, keeping what precedes
    them and any trailing non-name words: "I'm Canadian" stays, "I'm Anna Lee" becomes
    "I'm [name]", "Hello Anna, Bureau" becomes "Hello [name], Bureau"."""
    words = list(re.finditer(r"\S+", match.group("name")))
    kept = 0
    while kept < len(words) and words[kept].group(0).casefold() not in _NOT_NAMES:
        kept += 1
    while kept and words[kept - 1].group(0) in _PARTICLES:  # "Tremblay du Bureau"
        kept -= 1
    if kept == 0:
        return match.group(0)
    name_start = match.start("name") - match.start()
    name_end = name_start + words[kept - 1].end()
    whole = match.group(0)
    return whole[:name_start] + placeholder + whole[name_end:]


def _mask_known_names(text: str, names: Iterable[str | None], placeholder: str) -> str:
    """The full name and each of its words of 3+ letters, as whole words, any case."""
    words: set[str] = set()
    for name in names:
        if not name or not name.strip():
            continue
        words.add(" ".join(name.split()))
        words.update(w for w in re.split(r"[\s,]+", name) if len(w) >= 3)
    for word in sorted(words, key=len, reverse=True):
        if word.casefold() in _NOT_NAMES:
            continue
        text = re.sub(rf"(?<!\w){re.escape(word)}(?!\w)", placeholder, text, flags=re.IGNORECASE)
    return re.sub(rf"(?:{re.escape(placeholder)}\s+)+{re.escape(placeholder)}", placeholder, text)
