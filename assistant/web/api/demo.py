"""A demonstration page in the style of the City's website, with the widget embedded by its one
script tag, exactly as the City's web team would embed it."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=Path(__file__).parents[1] / "templates")

# Only the app itself: no inline script or style, no other origin.
DEMO_CSP = (
    "default-src 'self'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'; "
    "object-src 'none'"
)

TEXT: dict[str, dict[str, str]] = {
    "fr": {
        "title": "Relations internationales — Ville de Québec",
        "skip": "Passer au contenu principal",
        "city": "Ville de Québec",
        "nav_label": "Menu principal",
        "nav_residents": "Citoyens",
        "nav_business": "Affaires",
        "nav_visitors": "Visiteurs",
        "nav_international": "International",
        "breadcrumb_label": "Fil d'Ariane",
        "home": "Accueil",
        "city_hall": "La Ville",
        "hero_title": "Relations internationales",
        "hero_tagline": "Québec rayonne, apprend, attire",
        "hero_text": "Le Bureau des relations internationales fait connaître Québec dans le monde, "
        "s'inspire des meilleures pratiques des villes étrangères et attire investisseurs, talents, "
        "congrès et événements internationaux.",
        "aims_title": "Nos trois ambitions",
        "rayonne_title": "Québec rayonne",
        "rayonne": "Par ses missions à l'étranger, ses ententes avec des villes partenaires et sa "
        "présence dans les réseaux internationaux de villes, Québec fait valoir son savoir-faire, "
        "son patrimoine mondial et sa culture francophone.",
        "apprend_title": "Québec apprend",
        "apprend": "Échanges d'expertise, missions d'étude et coopération technique permettent à "
        "la Ville d'apprendre des solutions éprouvées ailleurs, au bénéfice de ses citoyens.",
        "attire_title": "Québec attire",
        "attire": "Le Bureau accompagne les entreprises qui s'implantent dans la région, les "
        "talents qui viennent y vivre, travailler ou étudier, et les organisateurs de congrès et "
        "d'événements internationaux.",
        "help_title": "Une question?",
        "help": "L'assistant international, en bas à droite de cette page, répond en français et "
        "en anglais à vos questions sur l'investissement, l'immigration, les études, les congrès et "
        "la coopération entre villes. Au besoin, il transmet votre demande au personnel du Bureau.",
        "contact_title": "Bureau des relations internationales",
        "phone": "Téléphone :",
        "email": "Courriel :",
        "demo_note": "Page de démonstration de l'assistant : ce n'est pas le site officiel de la "
        "Ville de Québec.",
        "other_lang_name": "English",
    },
    "en": {
        "title": "International relations — Québec City",
        "skip": "Skip to main content",
        "city": "Ville de Québec",
        "nav_label": "Main menu",
        "nav_residents": "Residents",
        "nav_business": "Business",
        "nav_visitors": "Visitors",
        "nav_international": "International",
        "breadcrumb_label": "Breadcrumb",
        "home": "Home",
        "city_hall": "The City",
        "hero_title": "International relations",
        "hero_tagline": "Québec shines, learns, attracts",
        "hero_text": "The Bureau des relations internationales makes Québec City known around the "
        "world, draws on the best practices of cities abroad, and attracts investors, talent, "
        "congresses and international events.",
        "aims_title": "Our three aims",
        "rayonne_title": "Québec shines",
        "rayonne": "Through missions abroad, agreements with partner cities and its place in "
        "international city networks, Québec City promotes its know-how, its World Heritage and "
        "its French-speaking culture.",
        "apprend_title": "Québec learns",
        "apprend": "Expertise exchanges, study tours and technical cooperation let the City learn "
        "from solutions proven elsewhere, for the benefit of its residents.",
        "attire_title": "Québec attracts",
        "attire": "The Bureau supports companies setting up in the region, talent coming to live, "
        "work or study here, and organisers of congresses and international events.",
        "help_title": "Any questions?",
        "help": "The international assistant, at the bottom right of this page, answers in English "
        "and French about investing, immigration, studies, congresses and city-to-city "
        "cooperation. If needed, it passes your request on to the Bureau's staff.",
        "contact_title": "Bureau des relations internationales",
        "phone": "Telephone:",
        "email": "Email:",
        "demo_note": "Demonstration page for the assistant: this is not the official website of "
        "the Ville de Québec.",
        "other_lang_name": "Français",
    },
}


@router.get("/demo", response_class=HTMLResponse)
async def demo_page(request: Request, lang: str = "fr") -> HTMLResponse:
    language = "en" if lang == "en" else "fr"
    other = "fr" if language == "en" else "en"
    response = templates.TemplateResponse(
        request,
        "demo.html",
        {"lang": language, "other": other, "t": TEXT[language]},
    )
    response.headers["Content-Security-Policy"] = DEMO_CSP
    return response
