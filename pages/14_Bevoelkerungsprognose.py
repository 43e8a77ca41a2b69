"""Bevölkerungsprognose: projected population by area, figure and scenario, with assumptions (Hamilton–Perry)."""

from components.layout import footer, setup_page
from components.prognose import render_page
from components.sprache import t

bundle = setup_page("prognose")
render_page(bundle)
footer(bundle, t("Quelle: eigene Berechnung (Hamilton–Perry) aus der Altersstruktur des Datenordners"))
