"""Is the visitor asking for a municipal service or office of another city than Québec?

"Comment payer mes taxes municipales à Toronto?", "What's the phone number of Montréal's
international relations office?", "garbage pickup schedule in Ottawa": the Bureau cannot
answer for another city's services, and the e5 embedding barely encodes which city is named, so
the KB would answer with Québec City's 311 entry. ``asks_about_another_city`` is the signal the
router uses to refuse them: the message names a *city-level service or office* (municipal taxes,
parking, garbage collection, city hall, mayor, 311, international relations office…) and
*another municipality as its object* ("à Toronto", "de Montréal", "Montreal's", "Toronto city
hall"), and it names neither Québec City nor one of its neighbourhoods.

It stays quiet — a wrong refusal is worse than a missed one — when the other city is where the
visitor lives or comes from ("je vis à Paris", "I'm from Toronto"), when the visitor speaks for
another city's administration ("je suis adjoint au maire de Lyon", "on behalf of our city"),
when it speaks of relations between cities ("la visite officielle du maire de Bordeaux"),
and for words with another common meaning (Laval only as "ville de Laval"; no Nice, Tours,
Nancy or Orléans, which is also Québec's Île d'Orléans).

Text is compared lower-case, without accents and with straight apostrophes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.core.text import fold as fold_accents

# Municipalities likely to be named, French and English spellings; hyphens match spaces too.
CITIES: tuple[str, ...] = (
    # Québec (province), outside Québec City's agglomeration
    "Montréal", "Montreal", "Lévis", "Levis", "Trois-Rivières", "Trois-Rivieres", "Gatineau",
    "Sherbrooke", "Saguenay", "Chicoutimi", "Jonquière", "Longueuil", "Terrebonne",
    "Saint-Jean-sur-Richelieu", "Repentigny", "Brossard", "Drummondville", "Saint-Jérôme",
    "Granby", "Blainville", "Rimouski", "Shawinigan", "Victoriaville", "Mirabel", "Joliette",
    "Sorel-Tracy", "Val-d'Or", "Rouyn-Noranda", "Sept-Îles", "Baie-Comeau", "Alma",
    "Rivière-du-Loup", "Saint-Georges", "Thetford Mines", "Magog", "Saint-Hyacinthe",
    "Boucherville", "Châteauguay", "Mascouche", "Beloeil", "Dollard-des-Ormeaux",
    # Canada
    "Ottawa", "Toronto", "Vancouver", "Calgary", "Edmonton", "Winnipeg", "Halifax", "Regina",
    "Saskatoon", "Hamilton", "Kitchener", "Waterloo", "Mississauga", "Brampton",
    "Markham", "Windsor", "Kingston", "Moncton", "Fredericton", "Saint John", "St. John's",
    "Charlottetown", "Whitehorse", "Yellowknife", "Iqaluit", "Sudbury", "Thunder Bay",
    "Oshawa", "Barrie", "Guelph", "Burnaby", "Surrey", "Kelowna", "London",
    # United States
    "New York", "New York City", "Boston", "Chicago", "Los Angeles", "San Francisco",
    "Washington", "Miami", "Seattle", "Portland", "Philadelphie", "Philadelphia", "Detroit",
    "Houston", "Dallas", "Atlanta", "Denver", "Phoenix", "Las Vegas", "La Nouvelle-Orléans",
    "New Orleans", "Burlington", "Plattsburgh",
    # Europe
    "Paris", "Lyon", "Marseille", "Bordeaux", "Toulouse", "Nantes", "Lille", "Strasbourg",
    "Montpellier", "Rennes", "Grenoble", "La Rochelle", "Poitiers", "Rouen", "Caen", "Dijon",
    "Bruxelles", "Brussels", "Liège", "Namur", "Anvers", "Antwerp", "Genève", "Geneva",
    "Lausanne", "Zurich", "Bâle", "Basel", "Berne", "Bern", "Luxembourg", "Monaco", "Londres",
    "Manchester", "Édimbourg", "Edinburgh", "Dublin", "Berlin", "Munich", "Hambourg",
    "Hamburg", "Francfort", "Frankfurt", "Vienne", "Vienna", "Rome", "Milan", "Madrid",
    "Barcelone", "Barcelona", "Lisbonne", "Lisbon", "Amsterdam", "Rotterdam", "Copenhague",
    "Copenhagen", "Stockholm", "Oslo", "Helsinki", "Varsovie", "Warsaw", "Prague", "Budapest",
    "Bucarest", "Bucharest", "Iași", "Athènes", "Athens", "Istanbul", "Moscou", "Moscow",
    "Saint-Pétersbourg", "St. Petersburg",
    # Africa, Middle East, Asia, Oceania, Latin America
    "Dakar", "Abidjan", "Casablanca", "Rabat", "Marrakech", "Tunis", "Alger", "Algiers",
    "Le Caire", "Cairo", "Kinshasa", "Yaoundé", "Douala", "Ouagadougou", "Bamako", "Cotonou",
    "Lomé", "Niamey", "Libreville", "Kigali", "Nairobi", "Lagos", "Accra", "Johannesburg",
    "Le Cap", "Cape Town", "Antananarivo", "Port-au-Prince", "Beyrouth", "Beirut", "Dubaï",
    "Tel Aviv", "Jérusalem", "Jerusalem", "Tokyo", "Kyoto", "Osaka", "Séoul", "Seoul",
    "Pékin", "Beijing", "Shanghai", "Xi'an", "Hong Kong", "Singapour", "Singapore", "Bangkok",
    "Hanoï", "Hô-Chi-Minh-Ville", "Ho Chi Minh City", "Huế", "Mumbai", "Delhi", "Sydney",
    "Melbourne", "Mexico City", "Puebla", "Guadalajara", "São Paulo", "Rio de Janeiro",
    "Buenos Aires", "Bogotá", "Santiago",
)  # fmt: skip

# Names with another common meaning: a city only as "ville de Laval", "city of Laval".
ONLY_AS_CITY_OF: tuple[str, ...] = ("Laval",)

# Québec City and its boroughs and neighbourhoods: naming one keeps the question ours.
QUEBEC_CITY_PLACES: tuple[str, ...] = (
    "Sainte-Foy", "Sillery", "Cap-Rouge", "Charlesbourg", "Beauport", "Limoilou", "Saint-Roch",
    "Saint-Sauveur", "Saint-Jean-Baptiste", "Montcalm", "Vanier", "Duberger", "Les Saules",
    "Lebourgneuf", "Neufchâtel", "Loretteville", "Val-Bélair", "Lac-Saint-Charles",
    "Les Rivières", "La Haute-Saint-Charles", "Haute-Ville", "Basse-Ville", "Vieux-Port",
    "Saint-Émile", "Vieux-Québec", "Old Quebec",
)  # fmt: skip

# City-level services and offices (matched on folded text: no accents).
_SERVICES = (
    # French
    r"taxes? (?:municipales?|foncieres?|d'eau|de bienvenue)|comptes? de taxes?"
    r"|impots? fonciers?|evaluation fonciere|role d'evaluation"
    r"|permis (?:de |d'|pour (?:un |une )?)?(?:construction|construire|renovation|renover"
    r"|stationnement|stationner|demolition|piscine|abattage|agrandissement|brulage|feu"
    r"|animaux|animal|chiens?|terrasse|patio|cabanon)"
    r"|stationnement|vignettes? de stationnement|parcometres?"
    r"|collecte (?:des |de |du )?(?:ordures|dechets|recyclage|matieres|encombrants|poubelles"
    r"|vidanges|feuilles|compost|sapins|residus)|collecte selective"
    r"|ordures|vidanges|poubelles?|bacs? (?:de recyclage|a ordures|a compost|bleus?|bruns?"
    r"|verts?|roulants?)|deneigement|deneigeuses?|ecocentres?|encombrants"
    r"|hotel de ville|mairie|maire|mairesse|conseil municipal|conseill(?:er|ere)s? municipa\w*"
    r"|(?:bureau|service|direction|division)s? (?:des |de )?relations internationales"
    r"|services? municipa(?:l|ux)|services? aux (?:citoyens|residents)"
    r"|licences? (?:de |pour (?:un |mon |ma )?)?(?:chiens?|chats?|animaux)"
    r"|(?:facture|compte)s? d'eau|nids?[- ]de[- ]poule|lampadaires?"
    r"|reglements? municipa(?:l|ux)|zonage|cour municipale|loisirs municipaux"
    r"|bibliotheques? municipales?|piscines? municipales?"
    # English
    r"|property tax(?:es)?|municipal tax(?:es)?|city tax(?:es)?|tax bill|water bill"
    r"|welcome tax|property assessment"
    r"|(?:building|construction|renovation|parking|demolition|pool|burning|fire|dog|pet|tree"
    r"|deck|fence|business) (?:permit|licen[cs]e)s?|permits? to build|parking"
    r"|garbage|trash|waste (?:collection|pick ?up)|recycling|compost (?:bin|pick ?up|collection)"
    r"|snow (?:removal|clearing|plowing|ploughing)|bulky (?:item|waste)s?|potholes?"
    r"|street ?lights?|city hall|town hall|mayor(?:'s office)?|city council(?:lors?)?"
    r"|councillors?"
    r"|international relations (?:office|department|bureau|service|division)"
    r"|office of international relations"
    r"|municipal services?|city services?|resident services|citizen services"
    r"|by-?laws?|zoning|municipal court|public librar(?:y|ies)"
    r"|311"
)
_SERVICE = re.compile(rf"\b(?:{_SERVICES})\b")


def fold(text: str) -> str:
    """Lower case, no accents, straight apostrophes: 'Montréal’s' -> "montreal's"."""
    return fold_accents(text).replace("’", "'").replace("`", "'")


def _names(places: tuple[str, ...]) -> str:
    folded = sorted({fold(p) for p in places}, key=len, reverse=True)
    return "|".join(re.escape(p).replace(r"\-", "[- ]").replace(r"\ ", "[- ]") for p in folded)


_CITY = rf"(?:{_names(CITIES)})"
_CITY_OF = rf"(?:{_names(ONLY_AS_CITY_OF)})"
# The other city as the object: "à Toronto", "de Montréal", "d'Ottawa", "in Ottawa",
# "la ville de Laval", "Montreal's", "Toronto city hall", "311 Toronto".
_END = r"(?![-\w])"  # "Paris-based", "Montréal-Nord" are other things
_AS_OBJECT = re.compile(
    rf"\b(?P<prep>a|au|de|du|des|pour|dans|in|at|for|of)\s+(?:(?:la\s+)?ville\s+(?:de\s+|d')"
    rf"|(?:the\s+)?city\s+of\s+)?(?P<city>{_CITY}){_END}"
    rf"|\bd'(?P<city_elided>{_CITY}){_END}"
    rf"|\b(?:(?:la\s+)?ville\s+(?:de\s+|d')|(?:the\s+)?city\s+of\s+)(?P<city_of>{_CITY_OF}){_END}"
    rf"|\b(?P<city_owner>{_CITY}|{_CITY_OF})'s?(?=\s|$)"
    rf"|\b(?P<city_before>{_CITY})(?=\s+(?:{_SERVICES})\b)"
    rf"|\b(?:{_SERVICES})\s+(?P<city_after>{_CITY}){_END}"
)
# In English "a Toronto firm" is an article, not "à" written without its accent.
_ENGLISH = re.compile(
    r"\b(?:the|is|are|was|were|do|does|did|how|what|where|when|who|which|can|could|i|i'm"
    r"|we|we're|you|my|our|your|to|with|and|of|in)\b"
)
# "je vis à Paris", "I live in Toronto", "je viens de Lyon": where the visitor is, not what
# they ask about.
_WHERE_THE_VISITOR_IS = re.compile(
    r"\b(?:vis|vit|vivons|vivent|vivre|habite|habites|habitons|habitent|habiter|demeure"
    r"|demeurons|reside|resides|residons|suis|sommes|es|viens|vient|venons|venant|venu|venue"
    r"|arrive|arrivons|arrivant|originaire|originaires|natif|native|ne|nee|travaille"
    r"|travaillons|etudie|etudions|demenage|demenageons|quitte|live|lives|living|lived|am|are"
    r"|based|born|moved|moving|work|works|working|study|studying|stay|staying)\s*$"
)
# The visitor speaks for another city: "je suis adjoint au maire de Lyon", "on behalf of".
_REPRESENTS = re.compile(
    r"\b(?:notre|nos|our|ma|mon|my)\s+(?:ville|villes|city|cities|municipalite|municipality"
    r"|maire|mairesse|mayor|conseil|council|delegation|administration|hotel de ville|mairie)\b"
    r"|\bde la part d|\bau nom d|\bon behalf of\b|\b(?:je|nous) represent|\bwe represent\b"
    r"|\bi represent\b"
    r"|\b(?:je suis|i am|i'm|nous sommes|we are|we're|je travaille pour|i work for"
    r"|i work at|je travaille a)\s+(?:le |la |l'|un |une |the |a |an |pour |for |au |a la )?"
    r"(?:maire|mairesse|mayor|adjoint|adjointe|deputy|conseill|councillor|fonctionnaire"
    r"|employe|official|representant|representative|delegue|charge|cabinet|staff)"
)
# Relations between cities are the Bureau's business: "la visite officielle du maire de
# Bordeaux", "une délégation de la ville de Kyoto", "jumelage", "partnership".
_RELATIONS = re.compile(
    r"\b(?:visites?|visit|visits|visiting|visitors?|delegations?|delegates?|delegues?"
    r"|jumel\w*|twin\w*|sister cit(?:y|ies)|partenaires?|partenariats?|partners?"
    r"|partnerships?|cooperation|entente|agreements?"
    r"|missions?|accueill\w*|recevoir|recu|recus|reception|host|hosting|welcome|forum"
    r"|colloque|sommet|summit|congres|conference)\b"
)
# Québec City named: "à Québec", "Quebec City", "ville de Québec", a neighbourhood — not the
# province ("au Québec", "du Québec", "province of Quebec").
_QUEBEC_CITY = re.compile(
    rf"\b(?:{_names(QUEBEC_CITY_PLACES)})\b"
    r"|(?<!\bau )(?<!\bdu )(?<!\bprovince de )(?<!\bprovince of )(?<!\bgouvernement du )"
    r"\bquebec\b(?!\s+province)"
    # "votre maire", "your city hall": the visitor addresses Québec City
    r"|\b(?:votre|vos|your)\s+(?:ville|city|municipalite|maire|mairesse|mayor|hotel de ville"
    r"|city hall|mairie|conseil municipal|city council)\b"
)
_CLAUSE_END = re.compile(r"[.?!;\n]")
_NEAR = 60  # characters between the service and the city
# People: "the mayor of Lyon" is Lyon's, but "invite the Mayor to a forum in Lyon" is ours.
_PERSON = re.compile(r"maire|mairesse|mayor|conseil|council")
_LOCATIVE = frozenset({"a", "au", "pour", "dans", "in", "at", "for"})


@dataclass(frozen=True)
class _Mention:
    start: int
    end: int
    locative: bool  # "à Lyon", "in Lyon": where, rather than whose


def _city_mentions(text: str) -> list[_Mention]:
    """The other cities named as an object, less those where the visitor lives, works or
    comes from."""
    mentions = []
    english = len(_ENGLISH.findall(text)) >= 2
    for match in _AS_OBJECT.finditer(text):
        placed = match.group("prep") or match.group("city_elided")
        if placed and _WHERE_THE_VISITOR_IS.search(text[: match.start()]):
            continue
        if match.group("prep") == "a" and english:
            continue
        mentions.append(_Mention(*match.span(), locative=match.group("prep") in _LOCATIVE))
    return mentions


def _of_the_city(service: re.Match[str], city: _Mention, text: str) -> bool:
    if city.locative and _PERSON.match(service.group()):
        return False
    first, second = sorted([(service.start(), service.end()), (city.start, city.end)])
    gap = text[first[1] : second[0]]
    return len(gap) <= _NEAR and not _CLAUSE_END.search(gap)


def asks_about_another_city(text: str) -> bool:
    """'Comment payer mes taxes municipales à Toronto?', "Montreal's city hall phone number",
    'permis de stationnement à Lévis?' — not "I'm from Toronto, how do I get a work permit for
    Québec?", 'je vis à Paris et je veux déménager à Québec', 'jumelage avec Bordeaux'."""
    folded = fold(text)
    if any(p.search(folded) for p in (_QUEBEC_CITY, _REPRESENTS, _RELATIONS)):
        return False
    services = list(_SERVICE.finditer(folded))
    cities = _city_mentions(folded) if services else []
    return any(_of_the_city(s, c, folded) for s in services for c in cities)


# KB entries whose subject is other cities — partner and twin cities, cooperation, the region,
# getting here through Montréal, comparisons with other cities: a question naming another
# city's mayor or office may be theirs ("jumelage avec Bordeaux", "la mairie de Lyon et vous").
ABOUT_OTHER_CITIES_TOPICS = frozenset({"city-to-city"})
ABOUT_OTHER_CITIES = frozenset(
    {
        "bureau-aim-apprend",
        "bureau-partners",
        "bureau-regional-collaboration",
        "city-airport-yqb",
        "city-capital-national-assembly",
        "city-getting-here",
        "city-quality-of-life",
        "events-delegates-getting-here",
        "invest-invest-in-canada",
        "invest-quebec-international",
        "invest-trade-commissioner-service",
        "talent-cost-of-living",
        "talent-recruitment-missions",
    }
)


def about_other_cities(entry_id: str, topic: str | None) -> bool:
    return topic in ABOUT_OTHER_CITIES_TOPICS or entry_id in ABOUT_OTHER_CITIES
