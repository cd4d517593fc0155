"""What a visitor's message asks, once the courtesies around it are set aside.

"Bonjour! Qui peut m'aider à trouver un emploi?" is a question, not a greeting; "Merci, et pour
un permis d'études?" is a follow-up, not thanks. ``split_courtesies`` separates the opening
greeting or thanks (and closing formulas) from the question, so the question is what the KB
classifies; ``question_parts`` splits a message that asks two things.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Courtesy = Literal["greet", "thank", "goodbye"]

_GREETINGS = (
    r"bonjour|bonsoir|bon matin|salut|salutations|allo|allô|slt|cc|coucou|hello|hi|hey|hiya|"
    r"howdy|greetings|good (?:morning|afternoon|evening|day)|yo|"
    r"hola|buenos d[ií]as|buenas(?: tardes| noches)?|ol[aá]|oi|bom dia|boa tarde|hallo|"
    r"guten (?:tag|morgen|abend)|servus|ciao|buongiorno|buonasera|salve|"
    r"مرحبا|السلام عليكم|你好|您好|hej|privet|привет|здравствуйте|xin chào|namaste"
)
_ADDRESSEES = (
    r"(?:there|all|everyone|team|folks|tout le monde|à tous|a tous|l'équipe|l'equipe|"
    r"madame|monsieur|mesdames|messieurs|sir|madam|dear sir or madam|bot|robot|"
    r"assistant|chatbot)"
)
_THANKS = (
    r"merci(?: beaucoup| bien| encore| infiniment| pour (?:tout|l'info|l'information|"
    r"votre réponse|votre reponse|ta réponse|ta reponse|la réponse|la reponse))?|mercii+|"
    r"thanks?(?: a lot| so much| very much| again| for (?:that|the info|the answer|"
    r"your answer|your help))?|thank you(?: so much| very much| again| for (?:that|the info|"
    r"the answer|your answer|your help))?|thx|tks|ty|cheers|"
    r"gracias|obrigad[oa]|danke(?: schön| schoen)?|grazie(?: mille)?|شكرا|谢谢"
)
_ACKNOWLEDGEMENTS = (
    r"ok(?:ay)?|d'accord|parfait|super|génial|genial|excellent|great|perfect|cool|nice|"
    r"good|très bien|tres bien|bien|awesome|ah ok|i see|je vois|entendu|noted|got it|"
    r"une autre question|one more question|another question|autre question|"
    r"j'ai une autre question|i have another question|j'ai une question|i have a question|"
    r"petite question|quick question|question"
)
_GOODBYES = (
    r"bye|bye bye|goodbye|good bye|au revoir|bonne journée|bonne journee|bonne soirée|"
    r"bonne soiree|have a (?:nice|good|great) (?:day|evening)|à bientôt|a bientot|"
    r"à la prochaine|a la prochaine|see you|see ya|adios|adiós|tchao|tschüss"
)
_CONNECTORS = r"(?:et|and|also|aussi|alors|so|then|puis|pis|mais|but|sinon|otherwise|y|e|und)\b"
_CLOSINGS = (
    r"(?:merci(?: d'avance| à l'avance| a l'avance| beaucoup| bien)?|"
    r"thanks?(?: in advance| a lot)?|thank you(?: in advance)?|thx|"
    r"cordialement|bien à vous|bien a vous|salutations distinguées|best regards|regards|"
    r"kind regards|best|sincerely|bonne journée|bonne journee|have a nice day|"
    r"gracias|obrigad[oa]|danke|grazie)"
)
_SEPARATOR = r"[\s,;:.!?¡¿！？，。、\-–—)(]*"
_OPENING = re.compile(
    rf"^{_SEPARATOR}(?P<word>{_GREETINGS}|{_THANKS}|{_GOODBYES}|{_ACKNOWLEDGEMENTS})"
    rf"(?:\s+{_ADDRESSEES})?(?=$|[\s,;:.!?¡¿！？，。、\-–—])",
    re.IGNORECASE,
)
_CONNECTOR = re.compile(rf"^{_SEPARATOR}{_CONNECTORS}", re.IGNORECASE)
_CLOSING = re.compile(rf"[\s,;:.!\-–—]+{_CLOSINGS}[\s,;:.!?\-–—]*$", re.IGNORECASE)
_WORD = re.compile(r"\w+", re.UNICODE)
_THANKS_FOR = re.compile(r"^\s*(?:pour|for)(?:\s+[^\s?¿]+){0,5}[\s.!:)]*$", re.IGNORECASE)


@dataclass(frozen=True)
class Courtesies:
    """The message split: its opening courtesy, if any, and the rest (the question)."""

    opening: Courtesy | None
    question: str

    @property
    def only_courtesy(self) -> bool:
        return self.opening is not None and not _WORD.search(self.question)


def _kind(word: str) -> Courtesy | None:
    folded = word.casefold()
    if re.fullmatch(_THANKS, folded, re.IGNORECASE):
        return "thank"
    if re.fullmatch(_GREETINGS, folded, re.IGNORECASE):
        return "greet"
    if re.fullmatch(_GOODBYES, folded, re.IGNORECASE):
        return "goodbye"
    return None


def split_courtesies(text: str) -> Courtesies:
    rest = text.strip()
    opening: Courtesy | None = None
    for _ in range(4):  # "Merci! Ok, et bonjour ..." peels off one courtesy at a time
        match = _OPENING.match(rest)
        if match is None:
            break
        opening = opening or _kind(match.group("word"))
        rest = rest[match.end() :]
        connector = _CONNECTOR.match(rest)
        if connector is not None:
            rest = rest[connector.end() :]
    rest = _CLOSING.sub("", rest)
    if opening == "thank" and _THANKS_FOR.match(rest):
        rest = ""  # "merci beaucoup pour ces informations!", "thanks for your help"
    rest = re.sub(rf"^{_SEPARATOR}", "", rest) if opening else rest
    return Courtesies(opening, rest.strip(" ,;:-–—"))


_SENTENCES = re.compile(r"(?<=[?!.])\s+")
_ALSO = re.compile(r"\s+(?:et aussi|and also|also|aussi|de plus|plus)\s+", re.IGNORECASE)


def question_parts(question: str, min_words: int = 3) -> list[str]:
    """The questions a message asks, when it asks more than one (else an empty list).

    When some sentences end with a question mark, only they are questions: "He has an
    open work permit. When does health coverage start?" asks one thing, about health."""
    sentences = [s.strip() for s in _SENTENCES.split(question) if s.strip()]
    if any(s.endswith("?") for s in sentences):
        sentences = [s for s in sentences if s.endswith("?")]
    parts = [p.strip() for s in sentences for p in _ALSO.split(s) if p.strip()]
    asked = [p for p in parts if len(_WORD.findall(p)) >= min_words]
    return asked if len(asked) >= 2 else []


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


_SWITCH = re.compile(
    r"\b(?:speak|talk|write|continue|chat|answer|reply|switch|go on|parler|parle|écrire|ecrire|"
    r"continuer|continue|répondre|repondre|passer|discuter)\b[^?.!]{0,30}\b(?:in |en |to )?"
    r"(?:english|anglais|french|français|francais)\b"
    r"|^(?:in |en )?(?:english|anglais|french|français|francais)(?: please| svp| s'il vous plaît)?[?!. ]*$",
    re.IGNORECASE,
)


# "I speak some French", "je parle un peu anglais", "we speak French and English": the
# visitor says what they speak, and asks for nothing.
_STATEMENT = re.compile(
    r"\b(?:some|a little|a bit|basic|intermediate|fluent|un peu|quelques|couramment)\s"
    r"|\b(?:english|anglais)\b.*\b(?:french|fran[cç]ais)\b"
    r"|\b(?:french|fran[cç]ais)\b.*\b(?:english|anglais)\b",
    re.IGNORECASE,
)


# "Why does everyone speak French there?", "do I need to speak English to work?", "les gens
# parlent anglais là-bas?": a question about who speaks what, not a request to the assistant.
_ABOUT_OTHERS = re.compile(
    r"\b(?:everyone|everybody|people|they|locals|residents|québécois|quebecois|there|"
    r"need to|have to|must|required|necessary|tout le monde|les gens|ils|elles|là-bas|la-bas|"
    r"faut|dois|doit|besoin|obligatoire)\b",
    re.IGNORECASE,
)


def asks_to_switch_language(text: str) -> bool:
    """'Can we speak English?', 'on peut continuer en français?', 'English please' — not
    'I speak some French' or 'je parle un peu anglais', which say what the visitor speaks,
    nor 'why does everyone speak French there?', which asks about others."""
    text = text.strip()
    for match in _SWITCH.finditer(text):
        start = max(text.rfind(end, 0, match.start()) for end in "?!.") + 1
        sentence = re.split(r"[?!.]", text[start:])[0]
        if not _STATEMENT.search(sentence) and not _ABOUT_OTHERS.search(sentence):
            return True
    return False


def without_switch_request(text: str) -> str:
    """The message less the sentence that asks to change language ("Can we speak English?
    How do I get a CAQ?" -> "How do I get a CAQ?")."""
    sentences = re.split(r"(?<=[?!.])\s+", text.strip())
    return " ".join(s for s in sentences if not asks_to_switch_language(s)).strip()


_CONTACT_ME = re.compile(
    r"\b(?:contact|call|email|e-mail|reach|phone|text) me\b|\bget (?:back )?in touch with me\b"
    r"|\bget back to me\b|\bmy (?:e-?mail|phone|phone number|number|cell) is\b"
    r"|\b(?:contactez|appelez|rappelez|écrivez|ecrivez|joignez)[- ]moi\b"
    r"|\bme (?:contacter|rappeler|recontacter|joindre|téléphoner|telephoner|écrire|ecrire)\b"
    r"|\bcommuniquer avec moi\b|\bmon (?:courriel|adresse courriel|numéro|numero|cell) est\b"
    # "could you put me in touch with…", "pouvez-vous me mettre en lien avec…"
    r"|\b(?:put|get) me in (?:touch|contact)\b|\bconnect me (?:with|to)\b"
    r"|\bme mettre en (?:lien|contact|relation)\b|\bme (?:mettre|référer|referer) à quelqu'un\b"
    # "jpeux tu avoir qqun du bureau au tel??", "can I speak to someone"
    r"|\b(?:avoir|parler à|parler a|parler avec|jaser avec) (?:qqun|qqn|quelqu'un|quelquun)\b"
    r"|\b(?:speak|talk) (?:to|with) (?:someone|somebody|a person|a human|a real person)\b",
    re.IGNORECASE,
)


def asks_to_be_contacted(text: str) -> bool:
    """'Please have someone contact me', 'mon courriel est …': the visitor wants a person to
    get back to them — not 'how can I contact you?', which asks for the Bureau's details."""
    return bool(_CONTACT_ME.search(text))


_FOLLOW_UP = re.compile(
    r"^(?:and|what about|how about|what if|same for|also|but|and for|and what about|"
    r"et|et pour|et si|et pour ce qui est|et qu'en est-il|mais|pis|aussi|même chose pour|"
    r"y para|e per|und für|und was)\b",
    re.IGNORECASE,
)


def looks_like_follow_up(text: str) -> bool:
    """'And for my wife?', 'Merci, et pour un permis d'études?': a question that needs the
    previous one."""
    rest = text.strip()
    opening = _OPENING.match(rest)
    if opening is not None:
        rest = re.sub(rf"^{_SEPARATOR}", "", rest[opening.end() :])
    return bool(_FOLLOW_UP.match(rest))


_HOW = re.compile(
    r"\b(?:how|comment|what|quel|quelle|quels|quelles|c'est quoi|qu'est-ce|is it possible|"
    r"est-ce possible|c possible|possible\?|can i|can we|could i|could we|do i|do we|puis-je|"
    r"peut-on|on peut|est-ce que je peux|on fait comment|where|où|ou est|ou sont|ou trouver|"
    r"when|quand|délai|delai|who handles|who is in charge|who do i|who should i|qui s'occupe|"
    r"qui est responsable|à qui|a qui|procedure|procédure|démarches?|demarches?|"
    r"marche à suivre|marche a suivre|cómo|como|wie)\b",
    re.IGNORECASE,
)
_PLEASE = re.compile(r"\b(?:please|pls|plz|svp|stp|s'il vous pla[iî]t|s'il te pla[iî]t)\b", re.I)


def asks_how(text: str) -> bool:
    """Asks for information ("comment…?", "how do I…?", "c possible? délai?", "qui s'occupe
    de…?"), or names a subject in a few keywords ("letter of support city") without asking
    for anything to be done."""
    if _HOW.search(text):
        return True
    terse = len(text.split()) <= 4
    return terse and not _PLEASE.search(text) and not asks_to_be_contacted(text)
