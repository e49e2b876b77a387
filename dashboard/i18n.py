"""Interface text in Dutch (default) and English: `t(key, lang, **values)`.

Only the interface is translated here; text from the data (names, publishers, licences) is
shown as the warehouse holds it. A test checks that every key has both languages.
"""
from __future__ import annotations

LANGUAGES = ("nl", "en")
DEFAULT_LANG = "nl"

TRANSLATIONS: dict[str, dict[str, str]] = {
    # ------------------------------------------------------------------ shell
    "app.title": {"nl": "Kinderarmoedemonitor", "en": "Kinderarmoedemonitor"},
    "app.tagline": {
        "nl": "Beleid tegen kinderarmoede in Vlaanderen en Brussel, gevolgd met open data",
        "en": "Child-poverty policy in Flanders and Brussels, monitored with open data"},
    "app.skip": {"nl": "Naar de inhoud", "en": "Skip to content"},
    "app.nav_label": {"nl": "Hoofdnavigatie", "en": "Main navigation"},
    "app.lang_label": {"nl": "Taal", "en": "Language"},
    "app.current": {"nl": "(huidige pagina)", "en": "(current page)"},
    "app.footer": {
        "nl": "Open-sourceproject. Bronnen, licenties en bouwdatum van elk cijfer: zie Datastatus.",
        "en": "Open-source project. Sources, licences and build date of every figure: see Data status."},
    "nav.home": {"nl": "Overzicht", "en": "Overview"},
    "nav.status": {"nl": "Datastatus", "en": "Data status"},
    "lang.nl": {"nl": "Nederlands", "en": "Nederlands (Dutch)"},
    "lang.en": {"nl": "English (Engels)", "en": "English"},
    # -------------------------------------------------------------- warehouse
    "warehouse.missing.title": {
        "nl": "Het datawarehouse is nog niet gebouwd",
        "en": "The data warehouse has not been built yet"},
    "warehouse.missing.body": {
        "nl": "Er staat nog geen warehousebestand op {path}. Bouw het vanuit de map van de repository met:",
        "en": "There is no warehouse file at {path} yet. Build it from the repository folder with:"},
    "warehouse.missing.after": {
        "nl": "Herlaad daarna deze pagina.",
        "en": "Then reload this page."},
    "warehouse.unreadable.title": {
        "nl": "Het datawarehouse kon niet gelezen worden",
        "en": "The data warehouse could not be read"},
    "warehouse.unreadable.body": {
        "nl": "Probeer het zo dadelijk opnieuw. Blijft het mislukken, bouw het warehouse dan opnieuw met:",
        "en": "Try again in a moment. If it keeps failing, rebuild the warehouse with:"},
    "warehouse.unreadable.detail": {"nl": "Technische melding:", "en": "Technical message:"},
    # ------------------------------------------------------------------- home
    "home.title": {"nl": "Overzicht", "en": "Overview"},
    "home.intro": {
        "nl": "De kern van de laatste build van het datawarehouse. De kaart en de gemeenteprofielen volgen.",
        "en": "Key facts of the latest build of the data warehouse. The map and municipality profiles will follow."},
    "home.facts": {"nl": "Laatste build", "en": "Latest build"},
    "home.built_at": {"nl": "Gebouwd op", "en": "Built on"},
    "home.build_status": {"nl": "Status", "en": "Status"},
    "home.code_version": {"nl": "Codeversie", "en": "Code version"},
    "home.sources": {"nl": "Bronbestanden", "en": "Source files"},
    "home.indicators": {"nl": "Indicatoren", "en": "Indicators"},
    "home.indicators_split": {"nl": "{built_in} ingebouwd, {imported} geïmporteerd",
                              "en": "{built_in} built in, {imported} imported"},
    "home.municipalities": {"nl": "Gemeenten (indeling 2025)", "en": "Municipalities (2025 boundaries)"},
    "home.years": {"nl": "Jaren met cijfers", "en": "Years with figures"},
    "home.values": {"nl": "Waarden", "en": "Values"},
    "home.no_build": {"nl": "Geen build geregistreerd.", "en": "No build recorded."},
    "home.to_status": {"nl": "Bekijk de volledige datastatus", "en": "See the full data status"},
    # ----------------------------------------------------------------- status
    "status.title": {"nl": "Datastatus", "en": "Data status"},
    "status.intro": {
        "nl": "Waar de cijfers vandaan komen, wanneer ze gebouwd zijn en hoe volledig ze zijn.",
        "en": "Where the figures come from, when they were built and how complete they are."},
    "status.toc": {"nl": "Op deze pagina", "en": "On this page"},
    "status.builds": {"nl": "Builds", "en": "Builds"},
    "status.builds.caption": {"nl": "Laatste builds, nieuwste eerst", "en": "Latest builds, newest first"},
    "status.sources": {"nl": "Bronnen", "en": "Sources"},
    "status.sources.caption": {
        "nl": "Bronbestanden van deze build. Klik op een kolomkop om te sorteren.",
        "en": "Source files of this build. Click a column header to sort."},
    "status.coverage": {"nl": "Dekking per indicator en jaar", "en": "Coverage per indicator and year"},
    "status.coverage.intro": {
        "nl": "Aantal gemeenten (indeling 2025, {total} in totaal) met een waarde, per jaar.",
        "en": "Number of municipalities (2025 boundaries, {total} in all) with a value, per year."},
    "status.coverage.caption": {
        "nl": "Gemeenten met een waarde per indicator en jaar",
        "en": "Municipalities with a value per indicator and year"},
    "status.coverage.cell_title": {
        "nl": "{count} van {total} gemeenten ({share})",
        "en": "{count} of {total} municipalities ({share})"},
    "status.coverage.scale": {"nl": "Kleur van een cel:", "en": "Cell colour:"},
    "status.coverage.scale.full": {"nl": "alle gemeenten", "en": "all municipalities"},
    "status.coverage.scale.high": {"nl": "minstens 90 %", "en": "at least 90%"},
    "status.coverage.scale.mid": {"nl": "minstens de helft", "en": "at least half"},
    "status.coverage.scale.low": {"nl": "minder dan de helft", "en": "less than half"},
    "status.coverage.scale.none": {"nl": "geen", "en": "none"},
    "status.flags": {"nl": "Vlaggen per indicator en jaar", "en": "Flags per indicator and year"},
    "status.flags.caption": {
        "nl": "Per indicator, over alle jaren samen: aantal waarden per vlag (gemeenten van 2025). "
              "Klik op een kolomkop om te sorteren.",
        "en": "Per indicator, all years together: number of values per flag (2025 municipalities). "
              "Click a column header to sort."},
    "status.flags.per_year": {"nl": "Per indicator en jaar ({n} rijen)", "en": "Per indicator and year ({n} rows)"},
    "status.flags.per_year_caption": {
        "nl": "Aantal waarden per vlag per jaar (gemeenten van 2025). Klik op een kolomkop om te sorteren.",
        "en": "Number of values per flag per year (2025 municipalities). Click a column header to sort."},
    "status.legend": {"nl": "Wat de vlaggen betekenen", "en": "What the flags mean"},
    "status.geo": {"nl": "Kaartlagen", "en": "Map layers"},
    "status.geo.caption": {"nl": "GeoJSON-lagen voor de kaart", "en": "GeoJSON layers for the map"},
    "status.imports": {"nl": "Geïmporteerde indicatoren", "en": "Imported indicators"},
    "status.imports.caption": {"nl": "Indicatoren die analisten zelf toevoegden",
                               "en": "Indicators added by analysts"},
    "status.empty": {"nl": "Geen gegevens.", "en": "No data."},
    "status.imports.empty": {"nl": "Er zijn geen geïmporteerde indicatoren.",
                             "en": "There are no imported indicators."},
    "status.no_values": {"nl": "geen waarden", "en": "no values"},
    "status.file_present": {"nl": "aanwezig", "en": "present"},
    "status.file_absent": {"nl": "ontbreekt", "en": "missing"},
    # column labels
    "col.source_id": {"nl": "Bron-id", "en": "Source id"},
    "col.source": {"nl": "Bron-id en dataset", "en": "Source id and dataset"},
    "col.publisher": {"nl": "Uitgever", "en": "Publisher"},
    "col.licence": {"nl": "Licentie", "en": "Licence"},
    "col.url": {"nl": "URL", "en": "URL"},
    "col.sha256": {"nl": "SHA-256", "en": "SHA-256"},
    "col.retrieved_at": {"nl": "Opgehaald op", "en": "Retrieved at"},
    "col.rows_loaded": {"nl": "Rijen geladen", "en": "Rows loaded"},
    "col.bytes": {"nl": "Grootte", "en": "Size"},
    "col.fetched_how": {"nl": "Hoe opgehaald", "en": "How fetched"},
    "col.started_at": {"nl": "Gestart", "en": "Started"},
    "col.finished_at": {"nl": "Klaar", "en": "Finished"},
    "col.status": {"nl": "Status", "en": "Status"},
    "col.code_version": {"nl": "Codeversie", "en": "Code version"},
    "col.duration": {"nl": "Duur", "en": "Duration"},
    "col.indicator": {"nl": "Indicator", "en": "Indicator"},
    "col.unit": {"nl": "Eenheid", "en": "Unit"},
    "col.direction": {"nl": "Richting", "en": "Direction"},
    "col.year": {"nl": "Jaar", "en": "Year"},
    "col.years": {"nl": "Jaren", "en": "Years"},
    "col.values": {"nl": "Waarden (gemeente × jaar)", "en": "Values (municipality × year)"},
    "col.with_value": {"nl": "Gemeenten met waarde", "en": "Municipalities with a value"},
    "col.other_codes": {"nl": "Rijen buiten gemeenten 2025", "en": "Rows outside 2025 municipalities"},
    "col.file_name": {"nl": "Bestand", "en": "File"},
    "col.level": {"nl": "Niveau", "en": "Level"},
    "col.vintage": {"nl": "Indeling", "en": "Boundaries of"},
    "col.features": {"nl": "Vormen", "en": "Features"},
    "col.on_disk": {"nl": "Op de server", "en": "On the server"},
    "col.imported_at": {"nl": "Geïmporteerd op", "en": "Imported at"},
    "col.imported_by": {"nl": "Door", "en": "By"},
    # flags: label and explanation (our own words)
    "flag.original": {"nl": "Origineel", "en": "Original"},
    "flag.recomputed_2025": {"nl": "Herberekend 2025", "en": "Recomputed 2025"},
    "flag.estimated": {"nl": "Geschat", "en": "Estimated"},
    "flag.suppressed": {"nl": "Onderdrukt", "en": "Suppressed"},
    "flag.missing": {"nl": "Ontbrekend", "en": "Missing"},
    "flag.original.help": {
        "nl": "de waarde zoals de bron ze publiceert, niet omgerekend.",
        "en": "the value as the source publishes it, not recalculated."},
    "flag.recomputed_2025.help": {
        "nl": "de bron gaf cijfers voor de gemeenten van vóór de fusies van 2025; wij rekenden ze om "
              "naar de gemeente van 2025 (bijvoorbeeld door tellers en noemers van de fusiegemeenten op te tellen).",
        "en": "the source gave figures for the municipalities before the 2025 mergers; we recalculated them "
              "for the 2025 municipality (for example by adding up the numerators and denominators of the merged ones)."},
    "flag.estimated.help": {
        "nl": "geen gepubliceerd cijfer maar een raming, bijvoorbeeld afgeleid uit een ander jaar of niveau. "
              "Gebruik het met voorzichtigheid.",
        "en": "not a published figure but an estimate, for example derived from another year or level. "
              "Use it with care."},
    "flag.suppressed.help": {
        "nl": "de bron geeft het cijfer niet vrij, meestal omdat de aantallen te klein zijn om de privacy "
              "te beschermen. Er is geen waarde.",
        "en": "the source withholds the figure, usually because the counts are too small to protect "
              "privacy. There is no value."},
    "flag.missing.help": {
        "nl": "de bron heeft geen cijfer voor deze gemeente en dit jaar. Er is geen waarde.",
        "en": "the source has no figure for this municipality and year. There is no value."},
    "flag.other_codes.help": {
        "nl": "rijen met een code die geen gemeente van 2025 is (provincie, gewest of een oude gemeentecode); "
              "ze tellen niet mee in de dekking.",
        "en": "rows whose code is not a 2025 municipality (province, region or an old municipality code); "
              "they do not count towards coverage."},
    # coded values
    "direction.higher_is_worse": {"nl": "hoger is ongunstiger", "en": "higher is worse"},
    "direction.higher_is_better": {"nl": "hoger is gunstiger", "en": "higher is better"},
    "how.downloaded": {"nl": "gedownload", "en": "downloaded"},
    "how.mirror": {"nl": "uit de lokale mirror", "en": "from the local mirror"},
    "how.cached": {"nl": "uit de cache (eerder geverifieerd)", "en": "from the cache (verified earlier)"},
    "how.unknown": {"nl": "onbekend", "en": "unknown"},
    "build.success": {"nl": "geslaagd", "en": "succeeded"},
    "build.checking": {"nl": "controles bezig", "en": "checks running"},
    "level.municipality": {"nl": "gemeenten", "en": "municipalities"},
    "level.province": {"nl": "provincies", "en": "provinces"},
    "level.region": {"nl": "gewesten", "en": "regions"},
    # ---------------------------------------------------------------- tables
    "sort.button": {"nl": "Sorteer op {label}", "en": "Sort by {label}"},
    "sort.ascending": {"nl": "oplopend gesorteerd", "en": "sorted ascending"},
    "sort.descending": {"nl": "aflopend gesorteerd", "en": "sorted descending"},
    "table.scroll": {"nl": "Tabel: {caption}", "en": "Table: {caption}"},
    "table.ditto": {"nl": "idem", "en": "ditto"},
    # ------------------------------------------------------------------- 404
    "notfound.title": {"nl": "Pagina niet gevonden", "en": "Page not found"},
    "notfound.body": {"nl": "Deze pagina bestaat niet (meer).", "en": "This page does not exist (any more)."},
    "notfound.home": {"nl": "Naar het overzicht", "en": "Go to the overview"},
}


def normalise_lang(lang) -> str:
    """The language of a request: 'en' or 'nl'. Accepts a query value, a list of them, or None."""
    if isinstance(lang, (list, tuple)):
        lang = lang[-1] if lang else None
    lang = str(lang or "").strip().lower()
    return lang if lang in LANGUAGES else DEFAULT_LANG


def t(key: str, lang: str | None = DEFAULT_LANG, **values) -> str:
    """The text for `key` in `lang` (Dutch when the language is unknown), with {placeholders} filled.

    An unknown key raises KeyError: a missing translation is a bug, not something to hide.
    """
    text = TRANSLATIONS[key][normalise_lang(lang)]
    return text.format(**values) if values else text


def t_or(key: str, lang: str | None, fallback: str) -> str:
    """Like t(), but for keys built from data (a flag, a status): unknown codes show as they are."""
    entry = TRANSLATIONS.get(key)
    return entry[normalise_lang(lang)] if entry else fallback
