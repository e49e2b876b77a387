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
    "app.present.enter": {"nl": "Presentatiemodus", "en": "Presentation mode"},
    "app.present.enter_hint": {
        "nl": "Grote letters, zonder menu en keuzelijsten; de link van deze weergave blijft deelbaar",
        "en": "Large type, no menu or controls; the link to this view stays shareable"},
    "app.present.exit": {"nl": "Presentatie verlaten", "en": "Leave presentation"},
    "app.present.exit_hint": {"nl": "Of druk op Escape", "en": "Or press Escape"},
    # Dash's dropdowns speak English unless told otherwise (components.dropdown_labels).
    "dropdown.select_all": {"nl": "Alles kiezen", "en": "Select all"},
    "dropdown.deselect_all": {"nl": "Niets kiezen", "en": "Deselect all"},
    "dropdown.selected_count": {"nl": "{num_selected} gekozen", "en": "{num_selected} selected"},
    "dropdown.search": {"nl": "Zoeken", "en": "Search"},
    "dropdown.clear_search": {"nl": "Zoekterm wissen", "en": "Clear search"},
    "dropdown.clear_selection": {"nl": "Keuze wissen", "en": "Clear selection"},
    "dropdown.no_options_found": {"nl": "Niets gevonden", "en": "No options found"},
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
    # ------------------------------------------- profile (/gemeente) and comparison (/vergelijk)
    "nav.profile": {"nl": "Gemeenteprofiel", "en": "Municipality profile"},
    "nav.compare": {"nl": "Vergelijken", "en": "Compare"},
    "download.csv": {"nl": "Download CSV", "en": "Download CSV"},
    "download.xlsx": {"nl": "Download Excel", "en": "Download Excel"},
    "profile.eyebrow": {"nl": "Gemeenteprofiel", "en": "Municipality profile"},
    "profile.title": {"nl": "Gemeenteprofiel", "en": "Municipality profile"},
    "profile.intro": {
        "nl": "Alle indicatoren van één gemeente (grenzen van 2025), naast de provincie, het gewest en gelijkaardige gemeenten.",
        "en": "All indicators of one municipality (2025 boundaries), next to its province, its region and similar municipalities."},
    "profile.choose": {"nl": "Gemeente", "en": "Municipality"},
    "profile.choose_placeholder": {"nl": "Typ een gemeentenaam…", "en": "Type a municipality name…"},
    "profile.actions": {"nl": "Afdrukken en downloaden", "en": "Print and download"},
    "profile.print": {"nl": "Afdrukken", "en": "Print"},
    "profile.none.title": {"nl": "Kies een gemeente", "en": "Choose a municipality"},
    "profile.none.body": {"nl": "Kies hierboven een gemeente om haar profiel te zien.",
                          "en": "Choose a municipality above to see its profile."},
    "profile.unknown.title": {"nl": "Onbekende gemeente", "en": "Unknown municipality"},
    "profile.unknown.body": {
        "nl": "Er is geen gemeente met NIS-code “{nis}” in de indeling van 2025. Kies hierboven een gemeente.",
        "en": "There is no municipality with NIS code “{nis}” in the 2025 boundaries. Choose a municipality above."},
    "profile.unknown.successor": {"nl": "{old} hoort sinds de fusies bij {new}.",
                                  "en": "Since the mergers, {old} is part of {new}."},
    "profile.open": {"nl": "Open het profiel van {name}", "en": "Open the profile of {name}"},
    "profile.identity": {"nl": "Gemeente en vergelijkingsgroep", "en": "Municipality and comparison group"},
    "profile.nis": {"nl": "NIS-code (2025)", "en": "NIS code (2025)"},
    "profile.province": {"nl": "Provincie", "en": "Province"},
    "profile.no_province": {"nl": "geen (Brussels Gewest)", "en": "none (Brussels Region)"},
    "profile.region": {"nl": "Gewest", "en": "Region"},
    "profile.name_fr": {"nl": "Franse naam", "en": "French name"},
    "profile.merger_2025.title": {"nl": "Fusiegemeente 2025.", "en": "Merged municipality (2025)."},
    "profile.merger_2025.body": {
        "nl": "Op 1 januari 2025 ontstaan uit {names}. Cijfers van vóór 2025 zijn herberekend voor het grondgebied van 2025.",
        "en": "Formed on 1 January 2025 from {names}. Figures before 2025 are recomputed for the 2025 territory."},
    "profile.merger_2019.title": {"nl": "Fusiegemeente 2019.", "en": "Merged municipality (2019)."},
    "profile.merger_2019.body": {
        "nl": "Op 1 januari 2019 ontstaan uit {names}. Oudere cijfers zijn herberekend voor het huidige grondgebied.",
        "en": "Formed on 1 January 2019 from {names}. Older figures are recomputed for the current territory."},
    "profile.peers": {"nl": "Gelijkaardige gemeenten (peergroep)", "en": "Similar municipalities (peer group)"},
    "profile.peers_none": {"nl": "Geen peergroep berekend.", "en": "No peer group computed."},
    "peers.method": {
        "nl": "Methode: de {k} gemeenten die het dichtst bij liggen (euclidische afstand, gelijke gewichten) op "
              "gestandaardiseerde waarden (z-scores over de 304 gemeenten) van: {variables}. Een ontbrekende waarde "
              "telt als het gemiddelde. De peergroepwaarde is voor een percentage de som van de tellers gedeeld door "
              "de som van de noemers, anders de mediaan van de peers.",
        "en": "Method: the {k} nearest municipalities (Euclidean distance, equal weights) on standardised values "
              "(z-scores over the 304 municipalities) of: {variables}. A missing value counts as the average. The peer "
              "group value is, for a rate, the sum of the numerators over the sum of the denominators, otherwise the "
              "median of the peers."},
    "peers.log": {"nl": "log van {name}", "en": "log of {name}"},
    "profile.compare_peers": {"nl": "Vergelijk met deze gemeenten", "en": "Compare with these municipalities"},
    "profile.peer_group": {"nl": "Peergroep ({k} gemeenten)", "en": "Peer group ({k} municipalities)"},
    "profile.peer_n": {"nl": "{n} gemeenten met een waarde", "en": "{n} municipalities with a value"},
    "profile.summary": {"nl": "Laatste waarde, rang en verandering", "en": "Latest value, rank and change"},
    "profile.summary.intro": {
        "nl": "Rang 1 = meeste nood (hoogste armoederisico, laagste inkomen); bij aantallen is 1 de grootste. "
              "Gemeenten met dezelfde waarde delen een rang. Provincie- en gewestwaarden berekenden wij uit de "
              "gemeenten van 2025 (uit tellers en noemers); alleen afwijkingen daarvan krijgen een vlag.",
        "en": "Rank 1 = most need (highest poverty risk, lowest income); for counts 1 is the largest. "
              "Municipalities with the same value share a rank. Province and region values are computed by us from the "
              "2025 municipalities (from numerators and denominators); only departures from that get a flag."},
    "profile.summary.caption": {"nl": "Indicatoren van {name}, laatste jaar", "en": "Indicators of {name}, latest year"},
    "profile.col.indicator": {"nl": "Indicator", "en": "Indicator"},
    "profile.notes": {"nl": "Toelichting bij de vlaggen", "en": "Notes on the flags"},
    "profile.col.value": {"nl": "Waarde", "en": "Value"},
    "profile.col.rank": {"nl": "Rang (van {n})", "en": "Rank (of {n})"},
    "profile.col.rank_province": {"nl": "Rang in de provincie", "en": "Rank in the province"},
    "profile.col.rank_brussels": {"nl": "Rang in Brussel", "en": "Rank in Brussels"},
    "profile.col.change": {"nl": "Verandering", "en": "Change"},
    "profile.col.province": {"nl": "Provincie", "en": "Province"},
    "profile.col.region": {"nl": "Gewest", "en": "Region"},
    "profile.col.peers": {"nl": "Peergroep", "en": "Peer group"},
    "profile.col.flag": {"nl": "Status van de waarde", "en": "Status of the value"},
    "profile.col.note": {"nl": "Toelichting", "en": "Note"},
    "profile.col.rank_plain": {"nl": "Rang", "en": "Rank"},
    "profile.col.ranked": {"nl": "Gerangschikte gemeenten", "en": "Municipalities ranked"},
    "profile.col.rank_province_plain": {"nl": "Rang in provincie/Brussel", "en": "Rank in province/Brussels"},
    "profile.col.ranked_province": {"nl": "Gerangschikt in provincie/Brussel", "en": "Ranked in province/Brussels"},
    "profile.col.rank_meaning": {"nl": "Betekenis van rang 1", "en": "Meaning of rank 1"},
    "profile.col.first_year": {"nl": "Eerste jaar", "en": "First year"},
    "profile.col.first_value": {"nl": "Waarde eerste jaar", "en": "Value in first year"},
    "profile.col.change_abs": {"nl": "Verandering (absoluut)", "en": "Change (absolute)"},
    "profile.col.change_rel": {"nl": "Verandering (%)", "en": "Change (%)"},
    "profile.col.area": {"nl": "Gebied", "en": "Area"},
    "profile.col.network": {"nl": "Netwerk", "en": "Network"},
    "profile.col.area_label": {"nl": "Deelgebied", "en": "Sub-area"},
    "profile.col.partners": {"nl": "Partners (sector)", "en": "Partners (sector)"},
    "profile.rank_higher_is_worse": {"nl": "rang 1 = hoogste waarde (meeste nood)",
                                     "en": "rank 1 = highest value (most need)"},
    "profile.rank_higher_is_better": {"nl": "rang 1 = laagste waarde (meeste nood)",
                                      "en": "rank 1 = lowest value (most need)"},
    "profile.rank_count": {"nl": "rang 1 = grootste aantal (omvang, geen maat voor nood)",
                           "en": "rank 1 = largest count (size, not a measure of need)"},
    "profile.rank_of": {"nl": "{rank} van {n}", "en": "{rank} of {n}"},
    "profile.change_since": {"nl": "{start}–{end}: {rel}", "en": "{start}–{end}: {rel}"},
    "profile.trends": {"nl": "Evolutie per indicator", "en": "Trend per indicator"},
    "profile.trends.intro": {
        "nl": "Elke grafiek heeft een tabel met dezelfde cijfers (klik op ‘Toon als tabel’).",
        "en": "Every chart has a table with the same figures (click ‘Show as table’)."},
    "profile.legend": {"nl": "Legende van de grafieken", "en": "Chart legend"},
    "profile.markers": {
        "nl": "Volle bolletjes: waarde zoals gepubliceerd; open bolletjes: herberekend voor 2025 of geschat; "
              "een kruisje: onderdrukt of ontbrekend. Beweeg over een punt voor de toelichting.",
        "en": "Filled dots: value as published; open dots: recomputed for 2025 or estimated; a cross: suppressed "
              "or missing. Hover over a point for the explanation."},
    "profile.count_note": {"nl": "aantal: provincie en gewest niet getoond (totalen)",
                           "en": "count: province and region not shown (totals)"},
    "profile.show_table": {"nl": "Toon als tabel", "en": "Show as table"},
    "profile.chart_table": {"nl": "{name} per jaar", "en": "{name} per year"},
    "profile.interventions": {"nl": "Netwerken en interventies", "en": "Networks and interventions"},
    "profile.no_registers": {"nl": "De registers met interventies zitten niet in dit datawarehouse.",
                             "en": "The intervention registers are not in this data warehouse."},
    "profile.networks_n": {
        "nl": "{n} netwerk(en) van de lokale bondgenotennetwerken tegen kinderarmoede, in de gemeente of voor de hele provincie.",
        "en": "{n} local alliance network(s) against child poverty, in the municipality or covering the whole province."},
    "profile.networks_none": {
        "nl": "Geen lokaal bondgenotennetwerk in deze gemeente, en geen netwerk voor de hele provincie.",
        "en": "No local alliance network in this municipality, and no network covering the whole province."},
    "profile.programme": {"nl": "Programma", "en": "Programme"},
    "profile.where": {"nl": "Werkgebied", "en": "Area covered"},
    "profile.themes": {"nl": "Thema's", "en": "Themes"},
    "profile.lead": {"nl": "Trekker", "en": "Lead"},
    "profile.website": {"nl": "Website", "en": "Website"},
    "profile.partners": {"nl": "Partners per sector ({n})", "en": "Partners by sector ({n})"},
    "profile.partners_none": {"nl": "Geen partners vermeld.", "en": "No partners listed."},
    "profile.role_lead": {"nl": "trekker", "en": "lead"},
    "profile.other_interventions": {"nl": "Andere interventies in de provincie", "en": "Other interventions in the province"},
    "profile.fact.teams_by_province": {
        "nl": "{programme}: {n} teams in {area} (geen verdeling per gemeente gepubliceerd).",
        "en": "{programme}: {n} teams in {area} (no breakdown by municipality published)."},
    "profile.sources": {
        "nl": "Bronnen: Statbel (inkomen, armoederisico, fiscale inkomens, bevolking) en de registers van de "
              "Kinderarmoedemonitor; zie Datastatus voor bestanden, licenties en bouwdatum.",
        "en": "Sources: Statbel (income, poverty risk, fiscal income, population) and the Kinderarmoedemonitor "
              "registers; see Data status for files, licences and build date."},
    "profile.export_title": {"nl": "Gemeenteprofiel {name}", "en": "Municipality profile {name}"},
    "profile.export_peers": {"nl": "Peergroep: {peers}", "en": "Peer group: {peers}"},
    "profile.sheet.summary": {"nl": "Samenvatting", "en": "Summary"},
    "profile.sheet.series": {"nl": "Reeksen", "en": "Series"},
    "profile.sheet.networks": {"nl": "Netwerken", "en": "Networks"},
    "profile.sheet.notes": {"nl": "Toelichting", "en": "Notes"},
    "scope.municipality": {"nl": "de hele gemeente", "en": "the whole municipality"},
    "scope.part": {"nl": "een deel van de gemeente", "en": "part of the municipality"},
    "scope.several": {"nl": "netwerk over meerdere gemeenten", "en": "network across several municipalities"},
    "scope.province": {"nl": "netwerk voor de hele provincie {area}", "en": "network covering the whole province {area}"},
    "scope.brussels": {"nl": "netwerk voor heel Brussel", "en": "network covering all of Brussels"},
    "compare.title": {"nl": "Gemeenten vergelijken", "en": "Compare municipalities"},
    "compare.intro": {
        "nl": "Eén indicator, naast elkaar: kies gemeenten, gelijkaardige gemeenten of een provincie. "
              "Daaronder de rangschikking van alle 304 gemeenten.",
        "en": "One indicator, side by side: choose municipalities, similar municipalities or a province. "
              "Below, the ranking of all 304 municipalities."},
    "compare.indicator": {"nl": "Indicator", "en": "Indicator"},
    "compare.municipalities": {"nl": "Gemeenten (maximaal {n})", "en": "Municipalities (at most {n})"},
    "compare.municipalities_placeholder": {"nl": "Typ een gemeentenaam…", "en": "Type a municipality name…"},
    "compare.group": {"nl": "Vergelijken met", "en": "Compare with"},
    "compare.mode.own": {"nl": "alleen de gekozen gemeenten", "en": "only the chosen municipalities"},
    "compare.mode.peers": {"nl": "gelijkaardige gemeenten (van de eerste gekozen gemeente)",
                           "en": "similar municipalities (of the first chosen municipality)"},
    "compare.mode.province": {"nl": "alle gemeenten van een provincie", "en": "all municipalities of a province"},
    "compare.province": {"nl": "Provincie", "en": "Province"},
    "compare.province_placeholder": {"nl": "Kies een provincie…", "en": "Choose a province…"},
    "compare.start": {"nl": "Beginjaar", "en": "Start year"},
    "compare.end": {"nl": "Eindjaar", "en": "End year"},
    "compare.downloads": {"nl": "Rangschikking downloaden", "en": "Download the ranking"},
    "compare.only_selection": {"nl": "Toon alleen de gekozen gemeenten of de groep",
                               "en": "Show only the chosen municipalities or the group"},
    "compare.ranking": {"nl": "Rangschikking van alle gemeenten", "en": "Ranking of all municipalities"},
    "compare.ranking.caption": {
        "nl": "{indicator}: {n} gemeenten, {start} en {end}. Klik op een kolomkop om te sorteren.",
        "en": "{indicator}: {n} municipalities, {start} and {end}. Click a column header to sort."},
    "compare.trend": {"nl": "{indicator}: evolutie", "en": "{indicator}: trend"},
    "compare.chart_table": {"nl": "{indicator} per jaar", "en": "{indicator} per year"},
    "compare.count_note": {"nl": "Bij een aantal tonen we geen provincie- of gewesttotaal.",
                           "en": "For a count, province and region totals are not shown."},
    "compare.method.province": {
        "nl": "Groep: alle gemeenten van {area}; de zwarte streepjeslijn is de waarde van {area} zelf "
              "(berekend uit tellers en noemers van de gemeenten).",
        "en": "Group: all municipalities of {area}; the black dashed line is the value of {area} itself "
              "(computed from the municipalities' numerators and denominators)."},
    "compare.peers_need_one": {"nl": "Kies eerst een gemeente: de peergroep hoort bij de eerste gekozen gemeente.",
                               "en": "Choose a municipality first: the peer group belongs to the first one chosen."},
    "compare.province_need": {"nl": "Kies een provincie.", "en": "Choose a province."},
    "compare.choose_some": {"nl": "Kies tot 6 gemeenten om hun evolutie naast elkaar te zien.",
                            "en": "Choose up to 6 municipalities to see their trends side by side."},
    "compare.unknown_indicator": {"nl": "Onbekende indicator “{indicator}”. Kies een indicator in de lijst.",
                                  "en": "Unknown indicator “{indicator}”. Choose an indicator from the list."},
    "compare.selected": {"nl": "(gekozen)", "en": "(chosen)"},
    "compare.yes": {"nl": "ja", "en": "yes"},
    "compare.col.rank": {"nl": "Rang {year}", "en": "Rank {year}"},
    "compare.col.rank_plain": {"nl": "Rang {year}", "en": "Rank {year}"},
    "compare.col.name": {"nl": "Gemeente", "en": "Municipality"},
    "compare.col.nis": {"nl": "NIS-code (2025)", "en": "NIS code (2025)"},
    "compare.col.province": {"nl": "Provincie", "en": "Province"},
    "compare.col.value": {"nl": "Waarde {year}", "en": "Value {year}"},
    "compare.col.flag": {"nl": "Status {year}", "en": "Status {year}"},
    "compare.col.note": {"nl": "Toelichting {year}", "en": "Note {year}"},
    "compare.col.change": {"nl": "Verschil", "en": "Difference"},
    "compare.col.change_pp": {"nl": "Verschil (procentpunt)", "en": "Difference (percentage points)"},
    "compare.col.change_rel": {"nl": "Verschil (%)", "en": "Difference (%)"},
    "compare.col.selected": {"nl": "Gekozen of in de groep", "en": "Chosen or in the group"},
    "compare.col.series": {"nl": "Reeks", "en": "Series"},
    "compare.export_title": {"nl": "{indicator}: vergelijking {start}–{end}", "en": "{indicator}: comparison {start}–{end}"},
    "compare.sheet.ranking": {"nl": "Rangschikking", "en": "Ranking"},
    "compare.sheet.series": {"nl": "Reeksen", "en": "Series"},
    "compare.rows": {"nl": "Rijen {from}–{to} van {n}", "en": "Rows {from}–{to} of {n}"},
    "compare.prev": {"nl": "Vorige 50", "en": "Previous 50"},
    "compare.next": {"nl": "Volgende 50", "en": "Next 50"},
    # ------------------------------------------------------------ map (home)
    "nav.map": {"nl": "Kaart", "en": "Map"},
    "map.title": {"nl": "Kaart van de gemeenten", "en": "Map of the municipalities"},
    "map.intro": {
        "nl": "Kies een indicator en een jaar. Beweeg over een gemeente voor haar cijfers; klik om haar profiel te openen. "
              "Onder de kaart staan dezelfde cijfers in een tabel.",
        "en": "Choose an indicator and a year. Hover over a municipality for its figures; click to open its profile. "
              "The same figures are in a table below the map."},
    "map.controls": {"nl": "Kaartinstellingen", "en": "Map settings"},
    "map.indicator": {"nl": "Indicator", "en": "Indicator"},
    "map.indicator.placeholder": {"nl": "Kies een indicator", "en": "Choose an indicator"},
    "map.indicator.context": {"nl": "{name} (context)", "en": "{name} (context)"},
    "map.scheme": {"nl": "Klassenindeling", "en": "Classification"},
    "map.scheme.quantiles": {"nl": "Kwantielen", "en": "Quantiles"},
    "map.scheme.equal_interval": {"nl": "Gelijke intervallen", "en": "Equal intervals"},
    "map.scheme.natural_breaks": {"nl": "Natuurlijke grenzen (Jenks)", "en": "Natural breaks (Jenks)"},
    "map.k": {"nl": "Aantal klassen", "en": "Number of classes"},
    "map.overlay": {"nl": "Netwerken tonen", "en": "Show networks"},
    "map.overlay.none": {"nl": "Geen", "en": "None"},
    "map.overlay.all": {"nl": "Alle programma's", "en": "All programmes"},
    "map.search": {"nl": "Zoek een gemeente", "en": "Find a municipality"},
    "map.search.placeholder": {"nl": "Typ een naam…", "en": "Type a name…"},
    "map.year": {"nl": "Jaar", "en": "Year"},
    "map.play": {"nl": "Afspelen", "en": "Play"},
    "map.pause": {"nl": "Pauzeren", "en": "Pause"},
    "map.figure_label": {
        "nl": "Kaart van de gemeenten van Vlaanderen en Brussel. De tabel onder de kaart bevat dezelfde cijfers.",
        "en": "Map of the municipalities of Flanders and Brussels. The table below the map holds the same figures."},
    "map.no_indicators": {"nl": "Er zijn nog geen indicatoren met waarden.", "en": "There are no indicators with values yet."},
    "map.hover.networks": {"nl": "Netwerken: {n}", "en": "Networks: {n}"},
    "map.hover.networks_province": {"nl": "(+ {n} provinciedekkend)", "en": "(+ {n} province-wide)"},
    "map.hover.more": {"nl": "en nog {n}", "en": "and {n} more"},
    "map.hover.no_data": {"nl": "Geen gegevens voor {year}", "en": "No data for {year}"},
    "map.hover.value": {"nl": "{value} in {year}", "en": "{value} in {year}"},
    "map.hover.value_fallback": {"nl": "{value} in {year} (voor {asked} ontbreekt een waarde)",
                                 "en": "{value} in {year} (no value for {asked})"},
    "map.hover.rank_worse": {"nl": "Rang {rank} van {n} (1 = hoogste, ongunstigst)",
                             "en": "Rank {rank} of {n} (1 = highest, least favourable)"},
    "map.hover.rank_better": {"nl": "Rang {rank} van {n} (1 = laagste, ongunstigst)",
                              "en": "Rank {rank} of {n} (1 = lowest, least favourable)"},
    "map.hover.rank_count": {"nl": "Rang {rank} van {n} (1 = hoogste)",
                             "en": "Rank {rank} of {n} (1 = highest)"},
    "map.hover.in_province": {"nl": "Rang binnen de provincie (Brussel: het gewest): {prov}",
                              "en": "Rank within the province (Brussels: the region): {prov}"},
    "map.legend.label": {"nl": "Legende", "en": "Legend"},
    "map.legend.count": {"nl": "{n} gem.", "en": "{n} mun."},
    "map.legend.no_data": {"nl": "geen gegevens", "en": "no data"},
    "map.legend.network": {"nl": "gemeente met een netwerk (zwarte rand)", "en": "municipality with a network (black outline)"},
    "map.legend.province_network": {"nl": "provinciedekkend netwerk (blauwe rand)",
                                    "en": "province-wide network (blue outline)"},
    "map.legend.darker_worse": {"nl": "Donkerder is ongunstiger (hogere waarde).",
                                "en": "Darker is less favourable (higher value)."},
    "map.legend.darker_better": {"nl": "Donkerder is ongunstiger (lagere waarde).",
                                 "en": "Darker is less favourable (lower value)."},
    "map.legend.darker_count": {"nl": "Donkerder is meer.", "en": "Darker is more."},
    "map.legend.context": {"nl": "Contextcijfer: een aantal, geen maat voor armoede.",
                           "en": "Context figure: a count, not a measure of poverty."},
    "map.legend.breaks": {
        "nl": "Klassen: {scheme}, berekend over alle jaren ({span}), zodat de kleuren tussen jaren vergelijkbaar zijn.",
        "en": "Classes: {scheme}, computed over all years ({span}), so colours compare between years."},
    "map.legend.fallback": {
        "nl": "{n} gemeente(n) zonder waarde voor dit jaar tonen de laatste waarde van hoogstens {max} jaar eerder; "
              "de kaart en de tabel noemen het jaar.",
        "en": "{n} municipality(ies) without a value for this year show the latest value of at most {max} years "
              "earlier; the map and the table name the year."},
    "map.legend.about": {"nl": "Definitie, bron en vlaggen van deze indicator", "en": "Definition, source and flags of this indicator"},
    "map.selection.rank": {"nl": "{rank} van {n}; {prov_rank} van {prov_n} in de provincie",
                           "en": "{rank} of {n}; {prov_rank} of {prov_n} in the province"},
    "map.selection.networks": {"nl": "Netwerken", "en": "Networks"},
    "map.selection.province_wide": {"nl": "{name} (provinciedekkend)", "en": "{name} (province-wide)"},
    "map.selection.none": {"nl": "geen", "en": "none"},
    "map.selection.profile": {"nl": "Open het profiel van {name}", "en": "Open the profile of {name}"},
    "map.networks.summary": {"nl": "{munis} gemeenten met een netwerk ({projects} netwerken; zwarte rand).",
                             "en": "{munis} municipalities with a network ({projects} networks; black outline)."},
    "map.networks.province_wide": {"nl": "Provinciedekkend: {name} werkt in heel {province} (blauwe rand).",
                                   "en": "Province-wide: {name} works across {province} (blue outline)."},
    "map.table.show": {"nl": "Toon de cijfers als tabel", "en": "Show the figures as a table"},
    "map.table.hide": {"nl": "Verberg de tabel", "en": "Hide the table"},
    "map.table.title": {"nl": "Tabel: de cijfers van de kaart", "en": "Table: the figures of the map"},
    "map.table.caption": {
        "nl": "{indicator}, {year}: {n} gemeenten met een waarde. Klik op een kolomkop om te sorteren.",
        "en": "{indicator}, {year}: {n} municipalities with a value. Click a column header to sort."},
    "map.col.name": {"nl": "Gemeente", "en": "Municipality"},
    "map.col.province": {"nl": "Provincie", "en": "Province"},
    "map.col.value": {"nl": "Waarde", "en": "Value"},
    "map.col.year": {"nl": "Jaar van de waarde", "en": "Year of the value"},
    "map.col.rank": {"nl": "Rang", "en": "Rank"},
    "map.col.flag": {"nl": "Vlag", "en": "Flag"},
    "map.downloads": {"nl": "De cijfers van de kaart downloaden", "en": "Download the figures of the map"},
    "map.export.sheet": {"nl": "Kaart", "en": "Map"},
    "map.export.nis": {"nl": "NIS-code (2025)", "en": "NIS code (2025)"},
    "map.export.class": {"nl": "Klasse op de kaart", "en": "Class on the map"},
    "map.export.rank": {"nl": "Rang (304 gemeenten)", "en": "Rank (304 municipalities)"},
    "map.export.prov_rank": {"nl": "Rang in de provincie", "en": "Rank in the province"},
    "map.export.note": {"nl": "Toelichting bij de vlag", "en": "Note on the flag"},
    "map.export.networks": {"nl": "Netwerken actief in de gemeente", "en": "Networks active in the municipality"},
    "map.export.intro": {
        "nl": "{indicator}, {year}. Klassen: {scheme}, {k} klassen.",
        "en": "{indicator}, {year}. Classes: {scheme}, {k} classes."},
    "map.export.rank_rule": {
        "nl": "Rang 1 = de ongunstigste waarde (de donkerste kleur op de kaart); gelijke waarden delen een rang. "
              "Provinciedekkende netwerken zijn niet meegeteld in de kolom netwerken.",
        "en": "Rank 1 = the least favourable value (the darkest colour on the map); equal values share a rank. "
              "Province-wide networks are not counted in the networks column."},
    "map.export.source": {"nl": "Bron: {source}", "en": "Source: {source}"},
    # ------------------------------------------------------ briefing (/briefing, dashboard/pages/briefing.py)
    "nav.briefing": {"nl": "Briefing", "en": "Briefing"},
    "briefing.title": {"nl": "Briefing", "en": "Briefing"},
    "briefing.title_of": {"nl": "Briefing: {name}", "en": "Briefing: {name}"},
    "briefing.intro": {
        "nl": "Eén pagina per gemeente of provincie om af te drukken of als pdf te bewaren: de kerncijfers, de "
              "netwerken en in voetnoten de jaren, bronnen, licenties en fusies achter elk cijfer.",
        "en": "One page per municipality or province to print or save as PDF: the key figures, the networks and, "
              "in footnotes, the years, sources, licences and mergers behind every figure."},
    "briefing.choose": {"nl": "Gemeente of provincie", "en": "Municipality or province"},
    "briefing.choose_placeholder": {"nl": "Typ een naam…", "en": "Type a name…"},
    "briefing.print": {"nl": "Afdrukken of bewaren als pdf", "en": "Print or save as PDF"},
    "briefing.province_label": {"nl": "Provincie {name}", "en": "Province of {name}"},
    "briefing.none": {"nl": "Kies een gemeente of een provincie.", "en": "Choose a municipality or a province."},
    "briefing.unknown.title": {"nl": "Onbekende gemeente of provincie", "en": "Unknown municipality or province"},
    "briefing.unknown.body": {
        "nl": "Code {code} is geen gemeente of provincie van 2025. Kies er een in de lijst.",
        "en": "Code {code} is not a municipality or province of 2025. Choose one from the list."},
    "briefing.figures": {"nl": "Kerncijfers", "en": "Key figures"},
    "briefing.col.indicator": {"nl": "Indicator", "en": "Indicator"},
    "briefing.col.value": {"nl": "Laatste waarde (jaar)", "en": "Latest value (year)"},
    "briefing.col.rank": {"nl": "Rang op {n}", "en": "Rank of {n}"},
    "briefing.col.province": {"nl": "Provincie", "en": "Province"},
    "briefing.col.change": {"nl": "Verandering", "en": "Change"},
    "briefing.col.municipality": {"nl": "Gemeente", "en": "Municipality"},
    "briefing.col.arop": {"nl": "Armoederisico {year}", "en": "At risk of poverty {year}"},
    "briefing.col.networks": {"nl": "Netwerken in de gemeente", "en": "Networks in the municipality"},
    "briefing.rank_rule": {
        "nl": "Rang 1 is de ongunstigste waarde van alle gemeenten van 2025; voor aantallen (bevolking, kinderen) "
              "wordt geen rang gegeven.",
        "en": "Rank 1 is the least favourable value of all 2025 municipalities; counts (population, children) "
              "get no rank."},
    "briefing.aggregate_rule": {
        "nl": "Provincie- en gewestcijfers zijn berekend uit de tellingen van hun gemeenten (tellers en noemers "
              "opgeteld), nooit als gemiddelde van gemeentelijke percentages.",
        "en": "Province and region figures are computed from the counts of their municipalities (numerators and "
              "denominators summed), never as an average of municipal percentages."},
    "briefing.source": {"nl": "Bron: {text}.", "en": "Source: {text}."},
    "briefing.source_unknown": {"nl": "Bron niet geregistreerd.", "en": "Source not recorded."},
    "briefing.licence": {"nl": "licentie {licence}", "en": "licence {licence}"},
    "briefing.retrieved": {"nl": "opgehaald op {date}", "en": "retrieved on {date}"},
    "briefing.build": {"nl": "Datawarehouse: build {build} van {date}.", "en": "Data warehouse: build {build} of {date}."},
    "briefing.build_unknown": {"nl": "Datawarehouse: build onbekend.", "en": "Data warehouse: build unknown."},
    "briefing.merged": {
        "nl": "Ontstaan op 1 januari 2025 uit de fusie van {names}.",
        "en": "Formed on 1 January 2025 by the merger of {names}."},
    "briefing.merged_note": {
        "nl": "Cijfers van vóór de fusie zijn herberekend voor de gemeente van 2025 door de tellingen van de "
              "fusiegemeenten op te tellen (tellers en noemers), nooit door percentages te middelen.",
        "en": "Figures from before the merger are recomputed for the 2025 municipality by adding up the counts of "
              "the merged municipalities (numerators and denominators), never by averaging percentages."},
    "briefing.networks": {"nl": "Netwerken tegen kinderarmoede", "en": "Networks against child poverty"},
    "briefing.networks_count": {
        "nl": "{local} netwerk(en) in de gemeente, {wide} provinciedekkend netwerk(en).",
        "en": "{local} network(s) in the municipality, {wide} province-wide network(s)."},
    "briefing.province_wide": {"nl": "provinciedekkend", "en": "province-wide"},
    "briefing.no_registers": {
        "nl": "Het datawarehouse bevat geen registers van netwerken.",
        "en": "The data warehouse holds no registers of networks."},
    "briefing.province_sub": {"nl": "{n} gemeenten (2025) · {region}", "en": "{n} municipalities (2025) · {region}"},
    "briefing.province_merged": {
        "nl": "{n} gemeenten ontstonden in 2025 uit een fusie: {names}.",
        "en": "{n} municipalities were formed by a merger in 2025: {names}."},
    "briefing.wq28": {
        "nl": "Oproep lokale bondgenotennetwerken (schriftelijke vraag nr. 28, 2023)",
        "en": "Call for local alliance networks (written question no. 28, 2023)"},
    "briefing.wq28.applications": {"nl": "Aanvragen", "en": "Applications"},
    "briefing.wq28.awarded": {"nl": "Toegekende projecten (gids 2026)", "en": "Awarded projects (2026 guide)"},
    "briefing.wq28.located": {"nl": "Projecten volgens hun gemeente van 2025", "en": "Projects by their 2025 municipality"},
    "briefing.wq28.amount": {"nl": "Toegekend bedrag", "en": "Amount awarded"},
    "briefing.not_published": {"nl": "niet gepubliceerd", "en": "not published"},
    "briefing.need": {
        "nl": "De {n} gemeenten met het hoogste armoederisico, en hun netwerken",
        "en": "The {n} municipalities with the highest risk of poverty, and their networks"},
    "briefing.need_none": {"nl": "Geen cijfers over armoederisico.", "en": "No at-risk-of-poverty figures."},
    "briefing.need_rule": {
        "nl": "Administratief armoederisico (Statbel), laatste jaar met cijfers. Provinciedekkende netwerken niet "
              "meegeteld per gemeente.",
        "en": "Administrative at-risk-of-poverty rate (Statbel), latest year with figures. Province-wide networks "
              "not counted per municipality."},
    "briefing.province_networks": {
        "nl": "In totaal {n} netwerk(en) in deze provincie, waarvan {wide} provinciedekkend.",
        "en": "{n} network(s) in this province in all, {wide} of them province-wide."},
    "briefing.notes": {"nl": "Voetnoten", "en": "Notes"},
    # ----------------------------------------------------------- data page
    "nav.data": {"nl": "Over de cijfers", "en": "About the data"},
    "data.title": {"nl": "Over de cijfers", "en": "About the data"},
    "data.intro": {
        "nl": "Wat elke indicator meet, in welke eenheid, uit welke bron en onder welke licentie, voor welke jaren, "
              "en wat de vlaggen bij de waarden betekenen.",
        "en": "What each indicator measures, in which unit, from which source and under which licence, for which "
              "years, and what the flags on the values mean."},
    "data.indicators": {"nl": "Indicatoren", "en": "Indicators"},
    "data.definition": {"nl": "Definitie", "en": "Definition"},
    "data.unit": {"nl": "Eenheid", "en": "Unit"},
    "data.kind": {"nl": "Soort", "en": "Kind"},
    "data.direction": {"nl": "Richting", "en": "Direction"},
    "data.years": {"nl": "Jaren", "en": "Years"},
    "data.harmonisation": {"nl": "Omrekening naar de gemeenten van 2025", "en": "Conversion to the 2025 municipalities"},
    "data.note": {"nl": "Opmerking", "en": "Note"},
    "data.source": {"nl": "Bron", "en": "Source"},
    "data.licence": {"nl": "Licentie", "en": "Licence"},
    "data.retrieved": {"nl": "opgehaald op {date}", "en": "retrieved on {date}"},
    "data.on_map": {"nl": "Toon op de kaart", "en": "Show on the map"},
    "data.no_years": {"nl": "geen waarden", "en": "no values"},
    "data.imported": {"nl": "geïmporteerd door een analist", "en": "imported by an analyst"},
    "data.kind.rate": {"nl": "verhouding (teller / noemer)", "en": "rate (numerator / denominator)"},
    "data.kind.count": {"nl": "aantal (context)", "en": "count (context)"},
    "data.kind.statistic": {"nl": "statistiek (mediaan of kwartiel)", "en": "statistic (median or quartile)"},
    "data.build": {"nl": "Laatste build", "en": "Latest build"},
    "data.build.text": {"nl": "Het datawarehouse werd laatst gebouwd op {date} (codeversie {version}).",
                        "en": "The data warehouse was last built on {date} (code version {version})."},
    "data.flags": {"nl": "Wat de vlaggen betekenen", "en": "What the flags mean"},
    "data.flags.intro": {
        "nl": "Elke waarde draagt een vlag die zegt hoe ze tot stand kwam; de kaart toont ze bij elke gemeente.",
        "en": "Every value carries a flag that says how it came about; the map shows it for every municipality."},
    "data.to_status": {"nl": "Technische details (bestanden, checksums, dekking per jaar): zie de datastatus",
                       "en": "Technical detail (files, checksums, coverage per year): see the data status"},
    # ------------------------------------------- portfolio (/portfolio) and action plan (/actieplan)
    "nav.portfolio": {"nl": "Portfolio", "en": "Portfolio"},
    "nav.actions": {"nl": "Actieplan", "en": "Action plan"},
    "portfolio.title": {"nl": "Portfolio van interventies", "en": "Portfolio of interventions"},
    "portfolio.intro": {
        "nl": "Alle programma's met hun kerncijfers zoals de bronnen ze vermelden, alle projecten met filters en "
              "export, en het antwoord op schriftelijke vraag nr. 28 per provincie en per gemeente.",
        "en": "All programmes with their key figures as the sources state them, all projects with filters and "
              "export, and the answer to written question no. 28 per province and per municipality."},
    "portfolio.toc": {"nl": "Op deze pagina", "en": "On this page"},
    "portfolio.programmes": {"nl": "Programma's en hun cijfers", "en": "Programmes and their figures"},
    "portfolio.programmes.intro": {
        "nl": "Elk cijfer met zijn bron. Waar bronnen elkaar tegenspreken staan beide waarden, met het label "
              "‘bronnen verschillen’; er wordt geen waarde verkozen.",
        "en": "Every figure with its source. Where sources contradict each other both values are shown, labelled "
              "‘sources differ’; no value is preferred."},
    "portfolio.disagree": {"nl": "bronnen verschillen", "en": "sources differ"},
    "portfolio.according_to": {"nl": "{value} volgens {source}", "en": "{value} according to {source}"},
    "portfolio.period": {"nl": "Looptijd", "en": "Period"},
    "portfolio.period_unknown": {"nl": "niet vermeld", "en": "not stated"},
    "portfolio.owner": {"nl": "Verantwoordelijke", "en": "Responsible"},
    "portfolio.facts.caption": {"nl": "Cijfers over {name}", "en": "Figures on {name}"},
    "portfolio.col.fact": {"nl": "Gegeven", "en": "Fact"},
    "portfolio.col.value": {"nl": "Waarde", "en": "Value"},
    "portfolio.col.source": {"nl": "Bron", "en": "Source"},
    "portfolio.col.note": {"nl": "Toelichting", "en": "Note"},
    "portfolio.projects": {"nl": "Projecten", "en": "Projects"},
    "portfolio.projects.intro": {
        "nl": "De netwerken uit de registers. Provincie en gemeente volgen de indeling van 2025 (waar het project "
              "werkt); de gids van 2026 rangschikt sommige netwerken nog onder hun vroegere provincie.",
        "en": "The networks in the registers. Province and municipality follow the 2025 boundaries (where the project "
              "works); the 2026 guide still lists some networks under their former province."},
    "portfolio.filters": {"nl": "Filters voor de projecten", "en": "Project filters"},
    "portfolio.f.programme": {"nl": "Programma", "en": "Programme"},
    "portfolio.f.province": {"nl": "Provincie (2025)", "en": "Province (2025)"},
    "portfolio.f.theme": {"nl": "Thema", "en": "Theme"},
    "portfolio.f.municipality": {"nl": "Gemeente", "en": "Municipality"},
    "portfolio.f.sector": {"nl": "Sector van een partner", "en": "Partner sector"},
    "portfolio.f.all": {"nl": "Alle", "en": "All"},
    "portfolio.f.none": {"nl": "geen filters", "en": "no filters"},
    "portfolio.f.reset": {"nl": "Filters wissen", "en": "Clear filters"},
    "portfolio.count": {"nl": "{n} van {total} projecten", "en": "{n} of {total} projects"},
    "portfolio.no_match": {"nl": "Geen projecten met deze filters.", "en": "No projects match these filters."},
    "portfolio.projects.caption": {
        "nl": "Projecten ({filters}). Klik op een kolomkop om te sorteren.",
        "en": "Projects ({filters}). Click a column header to sort."},
    "portfolio.col.name": {"nl": "Netwerk", "en": "Network"},
    "portfolio.col.programme": {"nl": "Programma", "en": "Programme"},
    "portfolio.col.province": {"nl": "Provincie (2025)", "en": "Province (2025)"},
    "portfolio.col.province_listed": {"nl": "Provincie in de gids", "en": "Province in the guide"},
    "portfolio.col.places": {"nl": "Gemeente(n) en deelgebied", "en": "Municipality/-ies and sub-area"},
    "portfolio.col.themes": {"nl": "Thema's", "en": "Themes"},
    "portfolio.col.lead": {"nl": "Trekker", "en": "Lead"},
    "portfolio.col.sectors": {"nl": "Partners per sector", "en": "Partners by sector"},
    "portfolio.col.partners": {"nl": "Partners", "en": "Partners"},
    "portfolio.col.website": {"nl": "Website", "en": "Website"},
    "portfolio.col.source_ref": {"nl": "Bron", "en": "Source"},
    "portfolio.listed_elsewhere": {"nl": "in de gids onder {province}", "en": "listed under {province} in the guide"},
    "portfolio.whole_province": {"nl": "hele provincie {name}", "en": "whole province {name}"},
    "portfolio.export_title": {"nl": "Projecten van de Kinderarmoedemonitor", "en": "Projects of the Kinderarmoedemonitor"},
    "portfolio.export_filters": {"nl": "Filters: {filters}", "en": "Filters: {filters}"},
    "portfolio.export_rows": {"nl": "{n} projecten", "en": "{n} projects"},
    "portfolio.export_source": {
        "nl": "Bron: registers van de Kinderarmoedemonitor (data/registers), build {build}; export {date}.",
        "en": "Source: Kinderarmoedemonitor registers (data/registers), build {build}; exported {date}."},
    "portfolio.sheet.projects": {"nl": "Projecten", "en": "Projects"},
    "portfolio.wq28": {"nl": "Schriftelijke vraag nr. 28: per provincie", "en": "Written question no. 28: per province"},
    "portfolio.wq28.intro": {
        "nl": "Aanvragen, toegekende projecten en bedragen van de oproep ‘lokale bondgenotennetwerken’ per provincie en "
              "Brussel. ‘niet gepubliceerd’: geen bron geeft dit cijfer; het is niet geschat.",
        "en": "Applications, awarded projects and amounts of the ‘local alliance networks’ call per province and "
              "Brussels. ‘niet gepubliceerd’ (not published): no source gives this figure; it is not estimated."},
    "portfolio.wq28.caption": {"nl": "Per provincie en Brussel, met het totaal", "en": "Per province and Brussels, with the total"},
    "portfolio.wq28.col.province": {"nl": "Provincie", "en": "Province"},
    "portfolio.wq28.col.applications": {"nl": "Ingediende aanvragen", "en": "Applications submitted"},
    "portfolio.wq28.col.awarded": {"nl": "Toegekende projecten (gids 2026)", "en": "Awarded projects (2026 guide)"},
    "portfolio.wq28.col.located": {"nl": "Gelegen in de provincie (gemeenten 2025)", "en": "Located in the province (2025 municipalities)"},
    "portfolio.wq28.col.requested": {"nl": "Gevraagd bedrag", "en": "Amount requested"},
    "portfolio.wq28.col.amount": {"nl": "Toegekend bedrag", "en": "Amount awarded"},
    "portfolio.wq28.col.note": {"nl": "Toelichting", "en": "Note"},
    "portfolio.wq28.col.source": {"nl": "Bron", "en": "Source"},
    "portfolio.wq28.per_municipality": {"nl": "Toegekende netwerken per gemeente", "en": "Awarded networks per municipality"},
    "portfolio.wq28.province": {"nl": "Provincie voor de lijst per gemeente", "en": "Province for the list per municipality"},
    "portfolio.wq28.all": {"nl": "Alle provincies en Brussel", "en": "All provinces and Brussels"},
    "portfolio.wq28.mun_caption": {"nl": "Netwerken per gemeente: {area} ({n} rijen)", "en": "Networks per municipality: {area} ({n} rows)"},
    "portfolio.wq28.col.nis": {"nl": "NIS-code (2025)", "en": "NIS code (2025)"},
    "portfolio.wq28.col.municipality": {"nl": "Gemeente", "en": "Municipality"},
    "portfolio.wq28.col.scope": {"nl": "Werkgebied", "en": "Area covered"},
    "portfolio.wq28.col.placement": {"nl": "Toelichting plaatsing", "en": "Placement note"},
    "portfolio.wq28.export": {"nl": "Download antwoord als Excel", "en": "Download answer as Excel"},
    "portfolio.wq28.export_help": {
        "nl": "Opgemaakt werkboek met de bladen ‘Per provincie’, ‘Per gemeente’ (de gekozen provincie) en ‘Bronnen’, "
              "klaar om bij een antwoord te voegen (in het Nederlands).",
        "en": "Formatted workbook with the sheets ‘Per provincie’, ‘Per gemeente’ (the chosen province) and ‘Bronnen’, "
              "ready to attach to an answer (in Dutch)."},
    "portfolio.scope.municipality": {"nl": "gemeente", "en": "municipality"},
    "portfolio.scope.part_of_municipality": {"nl": "deel van de gemeente", "en": "part of the municipality"},
    "portfolio.scope.several_municipalities": {"nl": "meerdere gemeenten", "en": "several municipalities"},
    "portfolio.scope.province": {"nl": "hele provincie", "en": "whole province"},
    "portfolio.no_registers": {
        "nl": "De registers met interventies zitten niet in dit datawarehouse. Bouw het opnieuw met python -m etl build.",
        "en": "The intervention registers are not in this data warehouse. Rebuild it with python -m etl build."},
    "source.short.seed:000": {"nl": "het antwoord op vraag nr. 28", "en": "the answer to question no. 28"},
    "source.short.seed:001": {"nl": "het persbericht", "en": "the press release"},
    "source.short.seed:002": {"nl": "het antwoord over de lokale teams", "en": "the answer on the local teams"},
    "source.short.seed:003": {"nl": "de inventaris van het actieplan", "en": "the action plan inventory"},
    "source.short.seed:004": {"nl": "de gids 2026", "en": "the 2026 guide"},
    "fact.call_launched": {"nl": "Oproep gelanceerd", "en": "Call launched"},
    "fact.budget_released": {"nl": "Budget vrijgemaakt", "en": "Budget released"},
    "fact.application_deadline": {"nl": "Uiterste indiendatum", "en": "Application deadline"},
    "fact.budget_total": {"nl": "Totaal budget", "en": "Total budget"},
    "fact.budget_year": {"nl": "Budget per jaar", "en": "Budget per year"},
    "fact.max_grant_per_project": {"nl": "Maximale subsidie per project", "en": "Maximum grant per project"},
    "fact.max_investment_subsidy_per_project": {"nl": "Maximale investeringssubsidie per project", "en": "Maximum investment subsidy per project"},
    "fact.project_duration_min": {"nl": "Minimale looptijd project", "en": "Minimum project duration"},
    "fact.project_duration_max": {"nl": "Maximale looptijd project", "en": "Maximum project duration"},
    "fact.applications_submitted": {"nl": "Ingediende aanvragen", "en": "Applications submitted"},
    "fact.projects_selected": {"nl": "Geselecteerde projecten", "en": "Projects selected"},
    "fact.projects_started": {"nl": "Gestarte projecten", "en": "Projects started"},
    "fact.projects_start_date": {"nl": "Startdatum", "en": "Start date"},
    "fact.projects_listed_by_province": {"nl": "Netwerken per provincie (indeling van de gids)", "en": "Networks per province (as the guide groups them)"},
    "fact.figures_by_province": {"nl": "Aanvragen en bedragen per provincie", "en": "Applications and amounts per province"},
    "fact.responsible_minister": {"nl": "Bevoegde minister", "en": "Responsible minister"},
    "fact.target_education_levels": {"nl": "Doelgroep onderwijs", "en": "Education levels targeted"},
    "fact.stakeholder_meeting_held": {"nl": "Overleg met actoren gehouden", "en": "Stakeholder meeting held"},
    "fact.allocation_status_at_answer": {"nl": "Stand van de toekenning bij het antwoord", "en": "Allocation status at the answer"},
    "fact.support_organisations": {"nl": "Ondersteunende organisaties", "en": "Support organisations"},
    "fact.support_regional_inspiration_days": {"nl": "Regionale inspiratiedagen", "en": "Regional inspiration days"},
    "fact.support_thematic_intervision_sessions": {"nl": "Thematische intervisies", "en": "Thematic peer-review sessions"},
    "fact.support_individual_trajectories": {"nl": "Trajecten op maat", "en": "Individual support trajectories"},
    "fact.funding_period_elapsed": {"nl": "Verstreken financieringsperiode", "en": "Funding period elapsed"},
    "fact.teams_total": {"nl": "Aantal lokale teams", "en": "Number of local teams"},
    "fact.teams_by_province": {"nl": "Lokale teams per provincie", "en": "Local teams per province"},
    "fact.expenditure": {"nl": "Uitgaven", "en": "Expenditure"},
    "fact.additional_budget_cooperation_ocmw": {"nl": "Extra budget samenwerking OCMW", "en": "Extra budget for cooperation with OCMW"},
    "fact.cooperation_project_team_started": {"nl": "Start projectteam samenwerking", "en": "Cooperation project team started"},
    "fact.first_phase_period": {"nl": "Eerste fase", "en": "First phase"},
    "fact.referral_figures": {"nl": "Cijfers over toeleidingen", "en": "Referral figures"},
    "fact.grant_per_project_per_year": {"nl": "Subsidie per project per jaar", "en": "Grant per project per year"},
    "fact.grant_duration": {"nl": "Duur van de subsidie", "en": "Grant duration"},
    "fact.actions_total": {"nl": "Aantal acties", "en": "Number of actions"},
    "fact.fundamental_rights": {"nl": "Grondrechten", "en": "Fundamental rights"},
    "fact.responsible_ministers": {"nl": "Bevoegde ministers", "en": "Responsible ministers"},
    "fact.period_as_named_in_document": {"nl": "Periode zoals het document ze noemt", "en": "Period as the document names it"},
    "unit.years": {"nl": "{n} jaar", "en": "{n} years"},
    "actions.title": {"nl": "Vlaams Actieplan Armoedebestrijding 2015-2019", "en": "Flemish Poverty Reduction Action Plan 2015-2019"},
    "actions.intro": {
        "nl": "De 201 acties per grondrecht en per minister, met de bedragen die het plan vermeldt. Zoek, filter en "
              "download de lijst; elke grafiek heeft een tabel en een CSV met dezelfde cijfers.",
        "en": "The 201 actions by fundamental right and by minister, with the amounts the plan states. Search, filter "
              "and download the list; every chart has a table and a CSV with the same figures."},
    "actions.filters": {"nl": "Zoeken en filteren", "en": "Search and filter"},
    "actions.search": {"nl": "Zoek in titel, administratie en budgettekst", "en": "Search title, administration and budget text"},
    "actions.search_placeholder": {"nl": "bv. kinderopvang, VDAB, ESF…", "en": "e.g. kinderopvang, VDAB, ESF…"},
    "actions.right": {"nl": "Grondrecht", "en": "Fundamental right"},
    "actions.minister": {"nl": "Minister", "en": "Minister"},
    "actions.all": {"nl": "Alle", "en": "All"},
    "actions.count": {
        "nl": "{n} van {total} acties; {with_amount} met een meegeteld bedrag, {without} zonder bedrag.",
        "en": "{n} of {total} actions; {with_amount} with a counted amount, {without} without an amount."},
    "actions.total": {"nl": "Meegeteld bedrag (ondergrens): {amount}", "en": "Counted amount (lower bound): {amount}"},
    "actions.rule": {"nl": "Welke bedragen worden opgeteld?", "en": "Which amounts are added up?"},
    "actions.rule.1": {
        "nl": "De bedragen in de budgetteksten overlappen: een totaal en zijn delen, Vlaamse en totale subsidie, vroegere "
              "uitgaven ter informatie. Ze worden daarom nooit allemaal opgeteld.",
        "en": "The amounts in the budget texts overlap: a total and its parts, Flemish and total subsidy, past spending "
              "for information. So they are never all added up."},
    "actions.rule.2": {
        "nl": "Per actie telt één bedrag mee: het grootste van (a) het grootste afzonderlijke bedrag dat de actie "
              "vermeldt en (b) de som over de jaren 2015-2019 van het grootste bedrag per jaar (bedragen voor één "
              "bepaald jaar; verschillende jaren overlappen niet).",
        "en": "Per action one amount counts: the larger of (a) the largest single amount the action states and (b) the "
              "sum over the years 2015-2019 of the largest amount per year (amounts for one given year; different years "
              "do not overlap)."},
    "actions.rule.3": {
        "nl": "Niet meegeteld: eenheidsprijzen (bv. ‘per organisatie’), stijgingen van een budget (‘stijgt met …’), "
              "bedragen voor een jaar buiten 2015-2019 en de bedragen van actie 08_03_03 (uitgaven van 2014, ter informatie). Een jaarlijks bedrag telt één keer, "
              "niet maal vijf: verschillende teksten zeggen dat het maar enkele jaren geldt.",
        "en": "Not counted: unit prices (e.g. ‘per organisation’), increases of a budget (‘rises by …’), amounts for a "
              "year outside 2015-2019 and the amounts of action 08_03_03 (2014 spending, for information). A yearly amount counts once, not five times: "
              "several texts say it applies to some years only."},
    "actions.rule.4": {
        "nl": "Elke som is dus een ondergrens van wat het plan vermeldt (‘minstens’), geen begroting. {none} van de "
              "{total} acties vermelden geen bedrag dat meetelt.",
        "en": "Every sum is therefore a lower bound of what the plan states (‘at least’), not a budget. {none} of the "
              "{total} actions state no amount that counts."},
    "actions.minister_rule": {
        "nl": "Minister: wie het kabinet noemt dat bij de actie staat. De legende van het document nummert de ministers "
              "anders dan de acties zelf: bij {n} van de {total} acties wijst ze een andere minister aan (bv. 07 Bart "
              "Tommelein, terwijl die acties het kabinet Werk, Economie of Sport van Philippe Muyters noemen). Beide "
              "namen en het kabinet staan in de export.",
        "en": "Minister: the one whose cabinet the action itself names. The document's legend numbers the ministers "
              "differently from the actions: for {n} of the {total} actions it points at another minister (e.g. 07 Bart "
              "Tommelein, while those actions name the Work, Economy or Sport cabinet of Philippe Muyters). Both names "
              "and the cabinet are in the export."},
    "actions.largest": {
        "nl": "Grootste meegetelde bedrag: actie {action} ({amount}, {share} van het getoonde totaal): {title}",
        "en": "Largest counted amount: action {action} ({amount}, {share} of the total shown): {title}"},
    "actions.by_right": {"nl": "Meegeteld bedrag per grondrecht", "en": "Counted amount per fundamental right"},
    "actions.by_minister": {"nl": "Meegeteld bedrag per minister", "en": "Counted amount per minister"},
    "actions.chart_axis": {"nl": "Meegeteld bedrag (euro, ondergrens)", "en": "Counted amount (euro, lower bound)"},
    "actions.chart_axis_log": {"nl": "Euro, ondergrens (logaritmische schaal)",
                               "en": "Euro, lower bound (logarithmic scale)"},
    "actions.show_table": {"nl": "Toon als tabel", "en": "Show as table"},
    "actions.chart_csv": {"nl": "Download de cijfers (CSV)", "en": "Download the figures (CSV)"},
    "actions.chart_xlsx": {"nl": "Download de cijfers (Excel)", "en": "Download the figures (Excel)"},
    "actions.col.group_right": {"nl": "Grondrecht", "en": "Fundamental right"},
    "actions.col.group_minister": {"nl": "Minister", "en": "Minister"},
    "actions.col.actions": {"nl": "Acties", "en": "Actions"},
    "actions.col.with_amount": {"nl": "Met bedrag", "en": "With an amount"},
    "actions.col.without_amount": {"nl": "Zonder bedrag", "en": "Without an amount"},
    "actions.col.amount": {"nl": "Meegeteld bedrag (euro)", "en": "Counted amount (euro)"},
    "actions.list": {"nl": "Acties", "en": "Actions"},
    "actions.list.caption": {"nl": "Acties ({filters}). Klik op een kolomkop om te sorteren.",
                             "en": "Actions ({filters}). Click a column header to sort."},
    "actions.col.id": {"nl": "Actie", "en": "Action"},
    "actions.col.title": {"nl": "Titel en administratie", "en": "Title and administration"},
    "actions.col.title_plain": {"nl": "Titel", "en": "Title"},
    "actions.col.administration": {"nl": "Administratie", "en": "Administration"},
    "actions.col.right": {"nl": "Grondrecht", "en": "Fundamental right"},
    "actions.col.minister": {"nl": "Minister", "en": "Minister"},
    "actions.col.minister_legend": {"nl": "Minister volgens de legende van het document",
                                    "en": "Minister according to the document's legend"},
    "actions.col.cabinet": {"nl": "Kabinet (zoals bij de actie vermeld)", "en": "Cabinet (as stated with the action)"},
    "actions.col.budget_text": {"nl": "Budgettair engagement (tekst)", "en": "Budget commitment (text)"},
    "actions.col.amounts": {"nl": "Vermelde bedragen", "en": "Amounts stated"},
    "actions.col.basis": {"nl": "Hoe meegeteld", "en": "How counted"},
    "actions.col.evaluation": {"nl": "Evaluatie en indicator", "en": "Evaluation and indicator"},
    "actions.col.source": {"nl": "Bron", "en": "Source"},
    "actions.basis.largest": {"nl": "grootste bedrag", "en": "largest amount"},
    "actions.basis.years": {"nl": "som per jaar 2015-2019", "en": "sum per year 2015-2019"},
    "actions.basis.none": {"nl": "geen bedrag meegeteld", "en": "no amount counted"},
    "actions.basis.no_amount": {"nl": "geen bedrag vermeld", "en": "no amount stated"},
    "actions.q.per_year": {"nl": "per jaar", "en": "per year"},
    "actions.q.total": {"nl": "totaal", "en": "total"},
    "actions.q.year": {"nl": "in {year}", "en": "in {year}"},
    "actions.q.per_unit": {"nl": "eenheidsprijs", "en": "unit price"},
    "actions.q.increase": {"nl": "stijging van een budget", "en": "increase of a budget"},
    "actions.q.excluded": {"nl": "niet meegeteld", "en": "not counted"},
    "actions.no_match": {"nl": "Geen acties gevonden.", "en": "No actions found."},
    "actions.export_title": {"nl": "Vlaams Actieplan Armoedebestrijding 2015-2019: acties",
                             "en": "Flemish Poverty Reduction Action Plan 2015-2019: actions"},
    "actions.export_rule": {
        "nl": "Meegeteld bedrag: per actie één bedrag (het grootste afzonderlijke, of de som per jaar 2015-2019 als die "
              "groter is); zonder eenheidsprijzen, jaren buiten 2015-2019 en actie 08_03_03. Een ondergrens, geen begroting.",
        "en": "Counted amount: one amount per action (the largest single one, or the sum per year 2015-2019 when larger); "
              "without unit prices, years outside 2015-2019 and action 08_03_03. A lower bound, not a budget."},
    "actions.export_source": {
        "nl": "Bron: ‘Volledig overzicht van alle acties ter bestrijding van armoede per grondrecht’ (Vlaamse Regering), "
              "geparsed in de registers van de Kinderarmoedemonitor; export {date}.",
        "en": "Source: ‘Volledig overzicht van alle acties ter bestrijding van armoede per grondrecht’ (Flemish Government), "
              "parsed into the Kinderarmoedemonitor registers; exported {date}."},
    "actions.sheet.actions": {"nl": "Acties", "en": "Actions"},
    "actions.sheet.amounts": {"nl": "Bedragen", "en": "Amounts"},
    "actions.col.amount_stated": {"nl": "Bedrag (euro)", "en": "Amount (euro)"},
    "actions.col.qualifier": {"nl": "Soort bedrag", "en": "Kind of amount"},
    "actions.col.counts": {"nl": "Telt mee in de regel", "en": "Eligible under the rule"},
    "actions.col.fragment": {"nl": "Tekstfragment", "en": "Text fragment"},
    "actions.yes": {"nl": "ja", "en": "yes"},
    "actions.no": {"nl": "nee", "en": "no"},
    "actions.no_registers": {
        "nl": "Het actieplan zit niet in dit datawarehouse. Bouw het opnieuw met python -m etl build.",
        "en": "The action plan is not in this data warehouse. Rebuild it with python -m etl build."},
    # ------------------------------------------------- need and provision (/behoefte, dashboard/pages/need.py)
    "nav.need": {"nl": "Nood en aanbod", "en": "Need and provision"},
    "need.title": {"nl": "Nood en aanbod", "en": "Need and provision"},
    "need.lead": {
        "nl": "Bereiken de netwerken tegen kinderarmoede de gemeenten met de meeste nood? De nood per gemeente (een "
              "indicator naar keuze) tegenover het aanbod: netwerken per inwoner of per kind, en financiering zodra "
              "projecten die rapporteren.",
        "en": "Do the networks against child poverty reach the municipalities with most need? Need per municipality "
              "(an indicator of your choice) against provision: networks per inhabitant or per child, and funding once "
              "projects report it."},
    "need.toc": {"nl": "Op deze pagina", "en": "On this page"},
    "need.controls": {"nl": "Keuze van nood, aanbod en verdeelregel", "en": "Choice of need, provision and split rule"},
    "need.indicator": {"nl": "Nood (indicator)", "en": "Need (indicator)"},
    "need.year": {"nl": "Jaar", "en": "Year"},
    "need.measure": {"nl": "Aanbod (maat)", "en": "Provision (measure)"},
    "need.rule": {"nl": "Verdeelregel voor netwerken over meerdere gemeenten",
                  "en": "Split rule for networks covering several municipalities"},
    "need.measure.per_10k": {"nl": "Netwerken per 10.000 inwoners", "en": "Networks per 10,000 inhabitants"},
    "need.measure.per_1k_children": {"nl": "Netwerken per 1.000 kinderen (0-17 jaar)",
                                     "en": "Networks per 1,000 children (aged 0-17)"},
    "need.measure.equivalents": {"nl": "Netwerkequivalenten (aantal)", "en": "Network equivalents (number)"},
    "need.measure.funding_per_inhabitant": {"nl": "Financiering per inwoner (euro)",
                                            "en": "Funding per inhabitant (euro)"},
    "need.measure.funding_per_child": {"nl": "Financiering per kind (euro)", "en": "Funding per child (euro)"},
    "need.rule.equal": {"nl": "Gelijke delen", "en": "Equal shares"},
    "need.rule.population": {"nl": "Naar inwoners", "en": "By inhabitants"},
    "need.rule.at_risk": {"nl": "Naar personen met armoederisico", "en": "By persons at risk of poverty"},
    "need.rule.short": {"nl": "Verdeelregel: {rule}", "en": "Split rule: {rule}"},
    "need.rule.equal.text": {
        "nl": "Een netwerk in één gemeente (of een deel ervan) telt daar 1 netwerkequivalent; een netwerk over "
              "meerdere gemeenten of een hele provincie wordt in gelijke delen over die gemeenten verdeeld.",
        "en": "A network in one municipality (or part of one) counts 1 network equivalent there; a network covering "
              "several municipalities or a whole province is split in equal shares over those municipalities."},
    "need.rule.population.text": {
        "nl": "Een netwerk in één gemeente (of een deel ervan) telt daar 1 netwerkequivalent; een netwerk over "
              "meerdere gemeenten of een hele provincie wordt over die gemeenten verdeeld naar hun aantal inwoners "
              "op 1 januari {year}.",
        "en": "A network in one municipality (or part of one) counts 1 network equivalent there; a network covering "
              "several municipalities or a whole province is split over those municipalities by their inhabitants "
              "on 1 January {year}."},
    "need.rule.at_risk.text": {
        "nl": "Een netwerk in één gemeente (of een deel ervan) telt daar 1 netwerkequivalent; een netwerk over "
              "meerdere gemeenten of een hele provincie wordt over die gemeenten verdeeld naar hun aantal personen "
              "onder de armoederisicogrens in {year} (de teller van het administratieve armoederisicopercentage).",
        "en": "A network in one municipality (or part of one) counts 1 network equivalent there; a network covering "
              "several municipalities or a whole province is split over those municipalities by their persons below "
              "the at-risk-of-poverty threshold in {year} (the numerator of the administrative at-risk-of-poverty rate)."},
    "need.rule.total": {"nl": "Elk netwerk telt zo in totaal 1: {n} netwerken = {eq} netwerkequivalenten.",
                        "en": "Each network thus counts 1 in total: {n} networks = {eq} network equivalents."},
    "need.rule.title": {"nl": "Verdeelregel en noemers", "en": "Split rule and denominators"},
    "need.rule.single": {
        "nl": "{n} netwerken liggen in één gemeente en tellen daar 1, onder elke regel; {spread} netwerk(en) beslaan "
              "meerdere gemeenten of een provincie. Hun aandeel per gemeente onder elke regel:",
        "en": "{n} networks lie in one municipality and count 1 there under every rule; {spread} network(s) cover "
              "several municipalities or a province. Their share per municipality under each rule:"},
    "need.rule.effect": {
        "nl": "Effect van de verdeelregel: netwerkequivalent per gemeente, laagste en hoogste (✓ = regel in gebruik)",
        "en": "Effect of the split rule: network equivalent per municipality, lowest and highest (✓ = rule in force)"},
    "need.rule.each": {"nl": "{share} per gemeente", "en": "{share} per municipality"},
    "need.rule.range": {"nl": "{lo} ({lo_name}) tot {hi} ({hi_name})", "en": "{lo} ({lo_name}) to {hi} ({hi_name})"},
    "need.rule.detail": {"nl": "Aandeel per gemeente, voor elke regel", "en": "Share per municipality, under each rule"},
    "need.rule.no_weight": {
        "nl": "Zonder gewicht voor deze regel, dus zonder aandeel: {names}.",
        "en": "Without a weight for this rule, hence without a share: {names}."},
    "need.rule.fallback": {
        "nl": "Voor geen enkele gemeente een gewicht bekend, dus in gelijke delen verdeeld: {names}.",
        "en": "No weight known for any of its municipalities, so split in equal shares: {names}."},
    "need.municipalities": {"nl": "gemeenten", "en": "municipalities"},
    "need.scope.municipality": {"nl": "gemeente", "en": "municipality"},
    "need.scope.part_of_municipality": {"nl": "deel van een gemeente", "en": "part of a municipality"},
    "need.scope.several_municipalities": {"nl": "meerdere gemeenten", "en": "several municipalities"},
    "need.scope.province": {"nl": "hele provincie", "en": "whole province"},
    "need.years.intro": {"nl": "Noemers en gewichten (telkens het jaar het dichtst bij het jaar van de nood):",
                         "en": "Denominators and weights (each the year nearest the year of the need):"},
    "need.years.population": {"nl": "inwoners op 1 januari {year}", "en": "inhabitants on 1 January {year}"},
    "need.years.children": {"nl": "kinderen 0-17 jaar op 1 januari {year}",
                            "en": "children aged 0-17 on 1 January {year}"},
    "need.years.at_risk": {"nl": "personen met armoederisico {year}", "en": "persons at risk of poverty {year}"},
    "need.years.population.none": {"nl": "inwoners: geen cijfers", "en": "inhabitants: no figures"},
    "need.years.children.none": {"nl": "kinderen: geen cijfers", "en": "children: no figures"},
    "need.years.at_risk.none": {"nl": "personen met armoederisico: geen cijfers", "en": "persons at risk: no figures"},
    "need.years.gap": {"nl": "({n} jaar van {need})", "en": "({n} years from {need})"},
    "need.no_networks": {
        "nl": "Dit datawarehouse bevat geen netwerken (de registers ontbreken): elke gemeente telt 0.",
        "en": "This data warehouse holds no networks (the registers are missing): every municipality counts 0."},
    "need.unplaced": {"nl": "Netwerken zonder gemeente van 2025 (niet meegeteld): {ids}.",
                      "en": "Networks without a 2025 municipality (not counted): {ids}."},
    "need.no_indicators": {"nl": "Geen indicator met waarden per gemeente in dit datawarehouse.",
                           "en": "No indicator with values per municipality in this data warehouse."},
    "need.not_reported": {"nl": "niet gerapporteerd", "en": "not reported"},
    "need.funding.title": {"nl": "Financiering", "en": "Funding"},
    "need.funding.none": {
        "nl": "geen enkel van de {total} netwerken heeft al een toegekend budget gerapporteerd (de tabel project_budget "
              "is leeg). De bedragen verschijnen zodra projecten hun rapportering indienen (python -m etl load-report); "
              "een ontbrekend bedrag telt nooit als nul.",
        "en": "none of the {total} networks has reported a granted budget yet (the table project_budget is empty). "
              "Amounts appear once projects submit their reports (python -m etl load-report); a missing amount never "
              "counts as zero."},
    "need.funding.partial": {
        "nl": "pas {n} van de {total} netwerken rapporteerden een toegekend budget; een gemeente met een netwerk zonder "
              "gerapporteerd budget blijft ‘niet gerapporteerd’ (een ontbrekend bedrag telt nooit als nul).",
        "en": "only {n} of the {total} networks reported a granted budget; a municipality with a network without a "
              "reported budget stays ‘not reported’ (a missing amount never counts as zero)."},
    "need.scatter": {"nl": "Nood tegenover aanbod", "en": "Need against provision"},
    "need.scatter.intro": {
        "nl": "Elke stip is een gemeente (indeling 2025): rechts meer nood, hoger meer aanbod. De stippellijnen zijn de "
              "drempels; verschuif ze hieronder. Klik op een stip voor het gemeenteprofiel.",
        "en": "Each dot is a municipality (2025 boundaries): more need to the right, more provision higher up. The "
              "dashed lines are the thresholds; move them below. Click a dot for the municipality profile."},
    "need.scatter.label": {"nl": "Spreidingsdiagram: nood per gemeente tegenover het aanbod",
                           "en": "Scatter plot: need per municipality against provision"},
    "need.thresholds": {"nl": "Drempels van de kwadranten", "en": "Thresholds of the quadrants"},
    "need.t_need": {"nl": "Drempel nood", "en": "Need threshold"},
    "need.t_int": {"nl": "Drempel aanbod", "en": "Provision threshold"},
    "need.t_reset": {"nl": "Standaarddrempels", "en": "Default thresholds"},
    "need.t.placeholder": {"nl": "standaard: {value}", "en": "default: {value}"},
    "need.t_need.text": {"nl": "Drempel nood: {value} ({how})", "en": "Need threshold: {value} ({how})"},
    "need.t_int.text": {"nl": "drempel aanbod: {value} {unit} ({how})", "en": "provision threshold: {value} {unit} ({how})"},
    "need.t_int.not_reported": {"nl": "drempel aanbod: niet gerapporteerd", "en": "provision threshold: not reported"},
    "need.unit.per_10k": {"nl": "netwerken per 10.000 inwoners", "en": "networks per 10,000 inhabitants"},
    "need.unit.per_1k_children": {"nl": "netwerken per 1.000 kinderen", "en": "networks per 1,000 children"},
    "need.unit.equivalents": {"nl": "netwerkequivalenten", "en": "network equivalents"},
    "need.unit.funding_per_inhabitant": {"nl": "per inwoner", "en": "per inhabitant"},
    "need.unit.funding_per_child": {"nl": "per kind", "en": "per child"},
    "need.t.median": {"nl": "mediaan van de {n} gemeenten met een waarde",
                      "en": "median of the {n} municipalities with a value"},
    "need.t.overall": {"nl": "niveau van alle gemeenten samen: totaal gedeeld door totaal",
                       "en": "level of all municipalities together: total divided by total"},
    "need.t.mean": {"nl": "gemiddelde per gemeente", "en": "mean per municipality"},
    "need.t.own": {"nl": "zelf gekozen", "en": "chosen"},
    "need.t.strict": {"nl": "Hoog = strikt boven de drempel.", "en": "High = strictly above the threshold."},
    "need.t.strict_better": {
        "nl": "Hoge nood = strikt onder de drempel (hier is hoger beter); hoog aanbod = strikt boven de drempel.",
        "en": "High need = strictly below the threshold (higher is better here); high provision = strictly above it."},
    "need.quadrants": {"nl": "Aantal gemeenten per kwadrant", "en": "Number of municipalities per quadrant"},
    "need.q.hn_li": {"nl": "Hoge nood, weinig aanbod", "en": "High need, little provision"},
    "need.q.hn_hi": {"nl": "Hoge nood, veel aanbod", "en": "High need, much provision"},
    "need.q.ln_hi": {"nl": "Lage nood, veel aanbod", "en": "Low need, much provision"},
    "need.q.ln_li": {"nl": "Lage nood, weinig aanbod", "en": "Low need, little provision"},
    "need.q.no_data": {"nl": "zonder gegevens", "en": "no data"},
    "need.q.no_data_count": {"nl": "Zonder waarde voor nood of aanbod: {n} gemeente(n).",
                             "en": "Without a value for need or provision: {n} municipality(ies)."},
    "need.axis.reversed": {"nl": "as omgekeerd: rechts = lager = meer nood",
                           "en": "axis reversed: right = lower = more need"},
    "need.network.none": {"nl": "geen", "en": "none"},
    "need.network.share": {"nl": "{name} (aandeel {share}, {scope})", "en": "{name} (share {share}, {scope})"},
    "need.network.more": {"nl": "en nog {n}", "en": "and {n} more"},
    "need.gap": {"nl": "Gemeenten met veel nood zonder netwerk", "en": "High-need municipalities without a network"},
    "need.gap.intro": {
        "nl": "Gemeenten gerangschikt naar nood, met geen of weinig netwerken. Kies de drempels; de lijst, de kaart "
              "en de export volgen. Klik op een naam of op de kaart voor het gemeenteprofiel.",
        "en": "Municipalities ranked by need, with no or few networks. Choose the thresholds; the list, the map and the "
              "export follow. Click a name or the map for the municipality profile."},
    "need.gap.controls": {"nl": "Drempels van de shortlist", "en": "Thresholds of the shortlist"},
    "need.gap.below": {"nl": "Netwerkdekking", "en": "Network coverage"},
    "need.gap.below.0": {"nl": "Geen enkel netwerk (ook geen aandeel)", "en": "No network at all (not even a share)"},
    "need.gap.below.n": {"nl": "Minder dan {n}", "en": "Fewer than {n}"},
    "need.unit.equivalent": {"nl": "netwerkequivalent", "en": "network equivalent"},
    "need.gap.mode": {"nl": "Nood", "en": "Need"},
    "need.gap.mode.top": {"nl": "Top X % met de meeste nood", "en": "Top X % with most need"},
    "need.gap.mode.value": {"nl": "Vanaf een waarde", "en": "From a value"},
    "need.gap.top": {"nl": "Top (%)", "en": "Top (%)"},
    "need.gap.min": {"nl": "Waarde nood (grens)", "en": "Need value (limit)"},
    "need.gap.count": {"nl": "{n} gemeenten op de shortlist.", "en": "{n} municipalities on the shortlist."},
    "need.gap.count_one": {"nl": "{n} gemeente op de shortlist.", "en": "{n} municipality on the shortlist."},
    "need.gap.rule": {"nl": "Regel: {need}, en {cover}.", "en": "Rule: {need}, and {cover}."},
    "need.gap.rule.top": {
        "nl": "de {pct} % gemeenten met de meeste nood volgens {indicator} {year} ({k} van de {n} met een waarde; "
              "gelijke waarden op de grens tellen mee)",
        "en": "the {pct} % of municipalities with most need by {indicator} {year} ({k} of the {n} with a value; "
              "ties at the limit included)"},
    "need.gap.rule.min": {"nl": "{indicator} {year} minstens {value}", "en": "{indicator} {year} at least {value}"},
    "need.gap.rule.max": {"nl": "{indicator} {year} hoogstens {value} (hier is hoger beter)",
                          "en": "{indicator} {year} at most {value} (higher is better here)"},
    "need.gap.rule.all": {"nl": "alle {n} gemeenten met een waarde (geen grens ingevuld)",
                          "en": "all {n} municipalities with a value (no limit entered)"},
    "need.gap.rule.none": {
        "nl": "geen enkel netwerk, ook geen aandeel in een netwerk over meerdere gemeenten of een provincie",
        "en": "no network at all, not even a share of a network covering several municipalities or a province"},
    "need.gap.rule.below": {"nl": "minder dan {n}", "en": "fewer than {n}"},
    "need.gap.caption": {"nl": "Shortlist: {n} gemeenten, meeste nood eerst",
                         "en": "Shortlist: {n} municipalities, most need first"},
    "need.gap.empty": {"nl": "Geen enkele gemeente voldoet aan deze drempels.",
                       "en": "No municipality meets these thresholds."},
    "need.gap.map_label": {"nl": "Kaart van de shortlist", "en": "Map of the shortlist"},
    "need.gap.legend.list": {"nl": "Op de shortlist", "en": "On the shortlist"},
    "need.gap.legend.other": {"nl": "Niet op de shortlist", "en": "Not on the shortlist"},
    "need.gap.legend.network": {"nl": "Met een eigen netwerk (zwarte rand)", "en": "With a network of its own (black outline)"},
    "need.gap.on_list": {"nl": "Op de shortlist (nr. {i})", "en": "On the shortlist (no. {i})"},
    "need.gap.off_list": {"nl": "Niet op de shortlist", "en": "Not on the shortlist"},
    "need.rank_of": {"nl": "{rank} van {n}", "en": "{rank} of {n}"},
    "need.col.list_rank": {"nl": "Nr.", "en": "No."},
    "need.col.municipality": {"nl": "Gemeente", "en": "Municipality"},
    "need.col.province": {"nl": "Provincie", "en": "Province"},
    "need.col.need": {"nl": "Nood", "en": "Need"},
    "need.col.need_rank": {"nl": "Rang nood", "en": "Need rank"},
    "need.col.need_rank_plain": {"nl": "Rang nood (1 = meeste nood)", "en": "Need rank (1 = most need)"},
    "need.col.of": {"nl": "Gemeenten met een waarde", "en": "Municipalities with a value"},
    "need.col.nis": {"nl": "NIS-code (2025)", "en": "NIS code (2025)"},
    "need.col.profile": {"nl": "Gemeenteprofiel (adres in het dashboard)", "en": "Municipality profile (address in the dashboard)"},
    "need.col.flag": {"nl": "Status van de waarde", "en": "Status of the value"},
    "need.col.population": {"nl": "Inwoners ({year})", "en": "Inhabitants ({year})"},
    "need.col.children": {"nl": "Kinderen 0-17 ({year})", "en": "Children 0-17 ({year})"},
    "need.col.quadrant": {"nl": "Kwadrant", "en": "Quadrant"},
    "need.col.network": {"nl": "Netwerk", "en": "Network"},
    "need.col.networks": {"nl": "Netwerken", "en": "Networks"},
    "need.col.equivalents": {"nl": "Netwerkequivalenten", "en": "Network equivalents"},
    "need.col.area": {"nl": "Gebied", "en": "Area"},
    "need.col.municipalities": {"nl": "Gemeenten", "en": "Municipalities"},
    "need.col.equivalents_share": {"nl": "Aandeel netwerken", "en": "Share of networks"},
    "need.col.equivalents_share_pct": {"nl": "Aandeel netwerken (%)", "en": "Share of networks (%)"},
    "need.col.funding": {"nl": "Financiering (euro)", "en": "Funding (euro)"},
    "need.col.funding_share": {"nl": "Aandeel financiering", "en": "Share of funding"},
    "need.col.funding_share_pct": {"nl": "Aandeel financiering (%)", "en": "Share of funding (%)"},
    "need.col.at_risk": {"nl": "Personen met armoederisico ({year})", "en": "Persons at risk of poverty ({year})"},
    "need.col.at_risk_missing": {"nl": "Gemeenten zonder cijfer", "en": "Municipalities without a figure"},
    "need.col.at_risk_share": {"nl": "Aandeel armoederisico", "en": "Share at risk"},
    "need.col.ratio_short": {"nl": "Verhouding", "en": "Ratio"},
    "need.col.at_risk_share_pct": {"nl": "Aandeel personen met armoederisico {year} (%)",
                                   "en": "Share of persons at risk of poverty {year} (%)"},
    "need.col.ratio": {"nl": "Verhouding (aandeel netwerken / aandeel armoederisico)",
                       "en": "Ratio (share of networks / share at risk)"},
    "need.col.order": {"nl": "Volgorde (meeste nood eerst)", "en": "Order (most need first)"},
    "need.col.cum_x": {"nl": "Cumulatief aandeel personen met armoederisico (%)",
                       "en": "Cumulative share of persons at risk of poverty (%)"},
    "need.col.cum_y": {"nl": "Cumulatief aandeel netwerkequivalenten (%)", "en": "Cumulative share of network equivalents (%)"},
    "need.col.note": {"nl": "Toelichting", "en": "Note"},
    "need.spread": {"nl": "Spreiding over de provincies en Brussel", "en": "Spread over the provinces and Brussels"},
    "need.spread.intro": {
        "nl": "Het aandeel van elke provincie (en van het Brussels Hoofdstedelijk Gewest) in de netwerken en de "
              "financiering, naast haar aandeel in de personen met armoederisico.",
        "en": "Each province's (and the Brussels-Capital Region's) share of the networks and of the funding, next to its "
              "share of the persons at risk of poverty."},
    "need.spread.networks_share": {"nl": "Aandeel netwerken", "en": "Share of networks"},
    "need.spread.funding_share": {"nl": "Aandeel financiering", "en": "Share of funding"},
    "need.spread.at_risk_share": {"nl": "Aandeel personen met armoederisico", "en": "Share of persons at risk of poverty"},
    "need.spread.axis": {"nl": "Aandeel van het totaal (%)", "en": "Share of the total (%)"},
    "need.spread.caption": {"nl": "Aandelen per provincie en Brussel ({rule}; armoederisico {year})",
                            "en": "Shares per province and Brussels ({rule}; at risk of poverty {year})"},
    "need.spread.missing": {"nl": "({n} gemeente(n) zonder cijfer)", "en": "({n} municipality(ies) without a figure)"},
    "need.spread.ratio_note": {
        "nl": "Verhouding = aandeel netwerken gedeeld door aandeel personen met armoederisico: 1 = evenredig, boven 1 = "
              "meer netwerken dan het aandeel in de armoede, onder 1 = minder.",
        "en": "Ratio = share of networks divided by share of persons at risk of poverty: 1 = proportional, above 1 = more "
              "networks than the share of poverty, below 1 = fewer."},
    "need.spread.at_risk_note": {
        "nl": "Personen met armoederisico: de teller van het administratieve armoederisicopercentage {year} (Statbel; "
              "percentage × personen, geharmoniseerd naar de gemeenten van 2025), opgeteld per provincie: tellingen, "
              "nooit gemiddelden van percentages.",
        "en": "Persons at risk of poverty: the numerator of the administrative at-risk-of-poverty rate {year} (Statbel; "
              "rate × persons, harmonised to the 2025 municipalities), summed per province: counts, never averages of "
              "rates."},
    "need.total": {"nl": "Vlaanderen en Brussel", "en": "Flanders and Brussels"},
    "need.curve": {"nl": "Concentratiecurve", "en": "Concentration curve"},
    "need.curve.intro": {
        "nl": "De gemeenten van meeste naar minste nood: hoe snel groeit het aandeel van het aanbod tegenover het aandeel "
              "van de personen met armoederisico? Boven de diagonaal zit het aanbod meer bij de gemeenten met de meeste nood.",
        "en": "The municipalities from most to least need: how fast does the share of provision grow against the share "
              "of persons at risk of poverty? Above the diagonal, provision sits more with the municipalities with most need."},
    "need.curve.equality": {"nl": "Evenredig met de personen met armoederisico",
                            "en": "Proportional to the persons at risk of poverty"},
    "need.curve.networks": {"nl": "Netwerkequivalenten", "en": "Network equivalents"},
    "need.curve.funding": {"nl": "Financiering", "en": "Funding"},
    "need.curve.index_of": {"nl": "Concentratie-index, {what}", "en": "Concentration index, {what}"},
    "need.curve.words.even": {"nl": "ongeveer evenredig met de personen met armoederisico (|C| < 0,05)",
                              "en": "roughly proportional to the persons at risk of poverty (|C| < 0.05)"},
    "need.curve.words.need": {"nl": "C < 0: meer bij de gemeenten met de meeste nood dan hun aandeel in de armoede",
                              "en": "C < 0: more in the municipalities with most need than their share of poverty"},
    "need.curve.words.less": {"nl": "C > 0: meer bij de gemeenten met minder nood dan hun aandeel in de armoede",
                              "en": "C > 0: more in the municipalities with less need than their share of poverty"},
    "need.curve.x": {"nl": "Cumulatief aandeel personen met armoederisico ({year}), van meeste naar minste nood",
                     "en": "Cumulative share of persons at risk of poverty ({year}), from most to least need"},
    "need.curve.y": {"nl": "Cumulatief aandeel van het aanbod", "en": "Cumulative share of provision"},
    "need.curve.x_short": {"nl": "Aandeel personen met armoederisico", "en": "Share of persons at risk"},
    "need.curve.y_short": {"nl": "Aandeel aanbod", "en": "Share of provision"},
    "need.curve.empty": {"nl": "Geen aanbod om te verdelen: geen netwerken in de gemeenten met een waarde.",
                         "en": "No provision to show: no networks in the municipalities with a value."},
    "need.curve.order": {
        "nl": "Volgorde: {indicator} {year}, meeste nood eerst (gelijke waarden op NIS-code). {n} van de {total} "
              "gemeenten hebben een waarde én een aantal personen met armoederisico; zij dragen {eq} van de {all} "
              "netwerkequivalenten.",
        "en": "Order: {indicator} {year}, most need first (ties by NIS code). {n} of the {total} municipalities have a "
              "value and a number of persons at risk of poverty; they carry {eq} of the {all} network equivalents."},
    "need.curve.formula_title": {"nl": "Formule (trapeziumregel)", "en": "Formula (trapezoid rule)"},
    "need.curve.formula": {
        "nl": "xᵢ en yᵢ zijn de cumulatieve aandelen (personen met armoederisico, aanbod) na de i-de gemeente in de "
              "volgorde van meeste naar minste nood; C = 1 − 2 × de oppervlakte onder de curve. C = 0: aanbod evenredig "
              "met de personen met armoederisico; C < 0: geconcentreerd bij de gemeenten met de meeste nood; C > 0: bij "
              "de gemeenten met de minste nood; −1 ≤ C ≤ 1.",
        "en": "xᵢ and yᵢ are the cumulative shares (persons at risk of poverty, provision) after the i-th municipality in "
              "the order from most to least need; C = 1 − 2 × the area under the curve. C = 0: provision proportional to "
              "the persons at risk of poverty; C < 0: concentrated in the municipalities with most need; C > 0: in those "
              "with least need; −1 ≤ C ≤ 1."},
    "need.downloads": {"nl": "De cijfers van deze grafiek downloaden", "en": "Download the figures of this chart"},
    "need.export.need": {"nl": "Nood: {indicator} ({year}, {unit})", "en": "Need: {indicator} ({year}, {unit})"},
    "need.export.source": {"nl": "Bron: Kinderarmoedemonitor, build {build}; export {date}.",
                           "en": "Source: Kinderarmoedemonitor, build {build}; exported {date}."},
    "need.export.scatter": {"nl": "Nood en aanbod per gemeente", "en": "Need and provision per municipality"},
    "need.export.gap": {"nl": "Shortlist: {n} gemeenten met veel nood zonder (voldoende) netwerk",
                        "en": "Shortlist: {n} high-need municipalities without (enough) networks"},
    "need.export.spread": {"nl": "Spreiding over de provincies en Brussel", "en": "Spread over the provinces and Brussels"},
    "need.export.curve": {"nl": "Concentratiecurve van de netwerken", "en": "Concentration curve of the networks"},
    "need.export.index": {"nl": "Concentratie-index (netwerkequivalenten): C = {value}",
                          "en": "Concentration index (network equivalents): C = {value}"},
    "need.sheet.scatter": {"nl": "Nood en aanbod", "en": "Need and provision"},
    "need.sheet.gap": {"nl": "Shortlist", "en": "Shortlist"},
    "need.sheet.spread": {"nl": "Provincies", "en": "Provinces"},
    "need.sheet.curve": {"nl": "Concentratiecurve", "en": "Concentration curve"},
    "need.sheet.notes": {"nl": "Toelichting", "en": "Notes"},
    # ------------------------------------------------------------------- 404
    "notfound.title": {"nl": "Pagina niet gevonden", "en": "Page not found"},
    "notfound.body": {"nl": "Deze pagina bestaat niet (meer).", "en": "This page does not exist (any more)."},
    "notfound.home": {"nl": "Naar het overzicht", "en": "Go to the overview"},
    # ------------------------------------------------------- upload page and login (pages/upload.py, auth.py)
    "nav.upload": {"nl": "Rapportering opladen", "en": "Upload report"},
    "login.title": {"nl": "Aanmelden", "en": "Log in"},
    "login.intro": {"nl": "Meld u aan om rapporteringswerkmappen van projecten op te laden.",
                    "en": "Log in to upload the monitoring workbooks of projects."},
    "login.username": {"nl": "Gebruikersnaam", "en": "User name"},
    "login.password": {"nl": "Wachtwoord", "en": "Password"},
    "login.submit": {"nl": "Aanmelden", "en": "Log in"},
    "login.failed": {"nl": "Gebruikersnaam of wachtwoord klopt niet.", "en": "User name or password is incorrect."},
    "login.csrf": {"nl": "Het formulier is verlopen of onvolledig. Probeer opnieuw.",
                   "en": "The form has expired or is incomplete. Please try again."},
    "login.throttled": {"nl": "Te veel mislukte pogingen. Probeer het over {minutes} minuten opnieuw.",
                        "en": "Too many failed attempts. Try again in {minutes} minutes."},
    "login.disabled": {
        "nl": "Opladen staat uit: er is geen gebruikersbestand ingesteld (DASHBOARD_USERS_FILE). Een beheerder "
              "zet het aan door een gebruiker aan te maken en de server te starten met die instelling:",
        "en": "Upload is disabled: no users file is configured (DASHBOARD_USERS_FILE). An administrator enables "
              "it by creating a user and starting the server with that setting:"},
    "login.unavailable": {
        "nl": "Opladen kan nu niet: het gebruikersbestand (DASHBOARD_USERS_FILE) kon niet gelezen worden. Een "
              "beheerder vindt de reden in het serverlog en maakt het bestand opnieuw met:",
        "en": "Upload is unavailable: the users file (DASHBOARD_USERS_FILE) could not be read. An administrator "
              "finds the reason in the server log and makes the file again with:"},
    "login.enable.command": {
        "nl": "python -m dashboard add-user NAAM --users-file /pad/naar/users.toml\n"
              "export DASHBOARD_USERS_FILE=/pad/naar/users.toml",
        "en": "python -m dashboard add-user NAME --users-file /path/to/users.toml\n"
              "export DASHBOARD_USERS_FILE=/path/to/users.toml"},
    "login.back": {"nl": "Terug naar het dashboard", "en": "Back to the dashboard"},
    "login.required": {"nl": "Meld u aan om een rapportering op te laden.", "en": "Log in to upload a report."},
    "login.link": {"nl": "Aanmelden", "en": "Log in"},
    "login.logged_in_as": {"nl": "Aangemeld als {name}", "en": "Logged in as {name}"},
    "login.logout": {"nl": "Afmelden", "en": "Log out"},
    "upload.title": {"nl": "Rapportering opladen", "en": "Upload a monitoring report"},
    "upload.intro": {
        "nl": "Laad de rapporteringswerkmap van een project op. Elke cel wordt gecontroleerd: u ziet eerst wat er "
              "fout is, of wat geladen zou worden, en laadt pas daarna.",
        "en": "Upload the monitoring workbook of a project. Every cell is checked: you first see what is wrong, "
              "or what would be loaded, and only then load it."},
    "upload.off": {"nl": "Opladen staat uit", "en": "Upload is disabled"},
    "upload.choose.title": {"nl": "Werkmap kiezen", "en": "Choose a workbook"},
    "upload.drop": {"nl": "Sleep een .xlsx-bestand hierheen of", "en": "Drag an .xlsx file here or"},
    "upload.choose": {"nl": "kies een bestand", "en": "choose a file"},
    "upload.limits": {
        "nl": "Alleen Excel-werkmappen (.xlsx) van het sjabloon, hoogstens {size}. Een groter bestand of een ander "
              "formaat wordt niet aanvaard.",
        "en": "Only Excel workbooks (.xlsx) made from the template, at most {size}. A larger file or another format "
              "is not accepted."},
    "upload.template": {"nl": "Een sjabloon voor een project maakt u met:", "en": "Make the template for a project with:"},
    "upload.load": {"nl": "Laden", "en": "Load"},
    "upload.load.help": {
        "nl": "Laden kan pas als de werkmap geldig is. Een nieuwe werkmap voor hetzelfde project en dezelfde periode "
              "vervangt de vorige; die blijft in de geschiedenis.",
        "en": "Loading is possible only when the workbook is valid. A new workbook for the same project and period "
              "replaces the earlier one, which stays in the history."},
    "upload.session_ended": {"nl": "U bent niet (meer) aangemeld; er is niets gecontroleerd of geladen.",
                             "en": "You are not logged in (any more); nothing was checked or loaded."},
    "upload.unreadable": {"nl": "Het opgeladen bestand kon niet gelezen worden (of is veel te groot). Probeer opnieuw.",
                          "en": "The uploaded file could not be read (or is far too large). Please try again."},
    "upload.changed": {"nl": "Het bestand is veranderd sinds de controle; er is niets geladen. Laad het opnieuw op.",
                       "en": "The file changed since it was checked; nothing was loaded. Upload it again."},
    "upload.rejected": {"nl": "Laden geweigerd: de werkmap is niet (meer) geldig. Er is niets geladen.",
                        "en": "Loading refused: the workbook is not (or no longer) valid. Nothing was loaded."},
    "upload.failed": {"nl": "Laden mislukt: er is niets geladen en het datawarehouse is ongewijzigd.",
                      "en": "Loading failed: nothing was loaded and the data warehouse is unchanged."},
    "upload.invalid.title": {"nl": "Controle van {file}: niet geldig", "en": "Check of {file}: not valid"},
    "upload.invalid": {
        "nl": "Problemen gevonden: {n}. Er wordt niets geladen tot ze opgelost zijn; verbeter de werkmap en laad "
              "ze opnieuw op.",
        "en": "Problems found: {n}. Nothing can be loaded until they are fixed; correct the workbook and upload "
              "it again."},
    "upload.messages_dutch": {"nl": "De meldingen staan in het Nederlands, zoals het sjabloon.",
                              "en": "The messages are in Dutch, like the template."},
    "upload.problems_cut": {"nl": "De eerste {shown} van {n} problemen:", "en": "The first {shown} of {n} problems:"},
    "upload.problems.caption": {"nl": "Problemen per cel", "en": "Problems cell by cell"},
    "upload.col.file": {"nl": "Bestand", "en": "File"},
    "upload.col.sheet": {"nl": "Blad", "en": "Sheet"},
    "upload.col.cell": {"nl": "Cel", "en": "Cell"},
    "upload.col.message": {"nl": "Wat is er mis", "en": "What is wrong"},
    "upload.col.expected": {"nl": "Wat wordt verwacht", "en": "What is expected"},
    "upload.whole_file": {"nl": "hele bestand", "en": "whole file"},
    "upload.whole_sheet": {"nl": "hele blad", "en": "whole sheet"},
    "upload.valid.title": {"nl": "Controle van {file}: geldig", "en": "Check of {file}: valid"},
    "upload.valid": {"nl": "De werkmap is geldig. Met Laden komt dit in het datawarehouse:",
                     "en": "The workbook is valid. Load puts this into the data warehouse:"},
    "upload.summary.caption": {"nl": "Wat geladen zou worden", "en": "What would be loaded"},
    "upload.summary.project": {"nl": "Project", "en": "Project"},
    "upload.summary.period": {"nl": "Rapportageperiode", "en": "Reporting period"},
    "upload.summary.report_date": {"nl": "Datum van het rapport", "en": "Date of the report"},
    "upload.summary.budget": {"nl": "Begrotingsjaren", "en": "Budget years"},
    "upload.summary.reach": {"nl": "Bereik per periode", "en": "Reach per period"},
    "upload.summary.outcome": {"nl": "Resultaatindicatoren (perioden)", "en": "Outcome indicators (periods)"},
    "upload.summary.counts": {
        "nl": "Samen: {budget} begrotingsjaren, {reach} bereikcijfers en {outcome} resultaatwaarden.",
        "en": "In all: {budget} budget years, {reach} reach figures and {outcome} outcome values."},
    "upload.measure.children_reached": {"nl": "kinderen bereikt", "en": "children reached"},
    "upload.measure.families_reached": {"nl": "gezinnen bereikt", "en": "families reached"},
    "upload.measure.schools_involved": {"nl": "scholen betrokken", "en": "schools involved"},
    "upload.measure.partners_active": {"nl": "partners actief", "en": "active partners"},
    "upload.measure.volunteers": {"nl": "vrijwilligers", "en": "volunteers"},
    "upload.measure.children_0_2": {"nl": "kinderen 0-2 jaar", "en": "children aged 0-2"},
    "upload.measure.children_3_5": {"nl": "kinderen 3-5 jaar", "en": "children aged 3-5"},
    "upload.measure.children_6_11": {"nl": "kinderen 6-11 jaar", "en": "children aged 6-11"},
    "upload.measure.children_12_17": {"nl": "kinderen 12-17 jaar", "en": "children aged 12-17"},
    "upload.loaded": {
        "nl": "Geladen als rapport {report} (project {project}, periode {period}): {budget} begrotingsjaren, "
              "{reach} bereikcijfers en {outcome} resultaatwaarden. De pagina's tonen ze vanaf nu.",
        "en": "Loaded as report {report} (project {project}, period {period}): {budget} budget years, "
              "{reach} reach figures and {outcome} outcome values. The pages show them from now on."},
    "upload.unchanged": {"nl": "Deze werkmap was al geladen (rapport {report}); er is niets veranderd.",
                         "en": "This workbook was already loaded (report {report}); nothing changed."},
    # ------------------------------------------ project page and reporting tracker (pages/project.py, reporting.py)
    "nav.reporting": {"nl": "Rapportering", "en": "Reporting"},
    "project.back": {"nl": "← Portfolio van alle projecten", "en": "← Portfolio of all projects"},
    "project.unknown.title": {"nl": "Project niet gevonden", "en": "Project not found"},
    "project.unknown.body": {
        "nl": "Er is geen project met id {id} in het datawarehouse.",
        "en": "There is no project with id {id} in the data warehouse."},
    "project.unknown.no_id": {
        "nl": "Deze link noemt geen project (?id= ontbreekt).",
        "en": "This link does not name a project (?id= is missing)."},
    "project.unknown.link": {"nl": "Kies een project in het portfolio", "en": "Choose a project in the portfolio"},
    "project.about": {"nl": "Over het project", "en": "About the project"},
    "project.programme": {"nl": "Programma", "en": "Programme"},
    "project.province": {"nl": "Provincie (2025)", "en": "Province (2025)"},
    "project.themes": {"nl": "Thema's", "en": "Themes"},
    "project.website": {"nl": "Website", "en": "Website"},
    "project.lead": {"nl": "Trekker", "en": "Lead organisation"},
    "project.lead_unknown": {"nl": "niet vermeld in de bron", "en": "not named in the source"},
    "project.products": {"nl": "Producten", "en": "Products"},
    "project.source": {"nl": "Bron", "en": "Source"},
    "project.reporting": {"nl": "Rapportering", "en": "Reporting"},
    "project.status.none_long": {
        "nl": "Nog geen monitoringrapport ontvangen: budget, bereik en resultaten zijn niet gerapporteerd.",
        "en": "No monitoring workbook received yet: budget, reach and outcomes are not reported."},
    "project.status.received": {
        "nl": "{n} rapport(en) ontvangen (periodes {periods}). Laatste: periode {period}, geladen op {date} door {by}.",
        "en": "{n} workbook(s) received (periods {periods}). Latest: period {period}, loaded on {date} by {by}."},
    "project.status.none": {"nl": "nog geen rapport ontvangen", "en": "no workbook received yet"},
    "project.status.last": {
        "nl": "het laatste rapport (periode {period}, geladen op {date} door {by}) bevat dit niet",
        "en": "the latest workbook (period {period}, loaded on {date} by {by}) does not contain this"},
    "project.not_reported": {"nl": "niet gerapporteerd", "en": "not reported"},
    "project.to_tracker": {"nl": "Rapportering van alle projecten", "en": "Reporting of all projects"},
    "project.places": {"nl": "Waar", "en": "Where"},
    "project.scope.municipality": {"nl": "de hele gemeente", "en": "the whole municipality"},
    "project.scope.part_of_municipality": {"nl": "een deel van de gemeente", "en": "part of the municipality"},
    "project.scope.several_municipalities": {"nl": "één van meerdere gemeenten", "en": "one of several municipalities"},
    "project.scope.province": {"nl": "de hele provincie {area}", "en": "the whole province of {area}"},
    "project.scope.brussels": {"nl": "heel Brussel", "en": "all of Brussels"},
    "project.map.none": {
        "nl": "Geen kaart: de kaartlagen ontbreken in deze build.",
        "en": "No map: the map layers are missing from this build."},
    "project.map.municipality": {"nl": "gemeente van het project", "en": "municipality of the project"},
    "project.map.part": {"nl": "een deel van deze gemeente", "en": "part of this municipality"},
    "project.map.province": {"nl": "hele provincie (provinciedekkend netwerk)", "en": "whole province (province-wide network)"},
    "project.partners": {"nl": "Partners", "en": "Partners"},
    "project.partners.intro": {
        "nl": "De partnerorganisaties zoals de bron ze noemt, met de andere projecten waarin dezelfde organisatie meewerkt.",
        "en": "The partner organisations as the source names them, with the other projects the same organisation works in."},
    "project.partners.none": {
        "nl": "De bron noemt geen afzonderlijke partnerorganisaties voor dit project.",
        "en": "The source names no individual partner organisations for this project."},
    "project.partners.caption": {"nl": "{n} partners", "en": "{n} partners"},
    "project.network": {"nl": "Netwerk", "en": "Network"},
    "project.network.intro": {
        "nl": "Dit project in het midden, zijn {n} partners errond (kleur per sector; groter: ook in andere projecten, "
              "{shared} partners) en buitenaan de projecten waarmee het partners deelt. De tabel hierboven geeft dezelfde gegevens.",
        "en": "This project in the centre, its {n} partners around it (colour by sector; larger: also in other projects, "
              "{shared} partners) and outside the projects it shares partners with. The table above has the same data."},
    "project.network.this": {"nl": "dit project", "en": "this project"},
    "project.network.other": {"nl": "ander project met gedeelde partners", "en": "other project sharing partners"},
    "project.network.also": {"nl": "ook in {n} ander(e) project(en)", "en": "also in {n} other project(s)"},
    "project.network.shares": {"nl": "{n} gedeelde partner(s)", "en": "{n} shared partner(s)"},
    "project.sector.unknown": {"nl": "sector onbekend", "en": "sector unknown"},
    "project.role.lead": {"nl": "trekker", "en": "lead"},
    "project.role.core": {"nl": "kernpartner", "en": "core partner"},
    "project.role.partner": {"nl": "partner", "en": "partner"},
    "project.role.budget_holder": {"nl": "budgethouder", "en": "budget holder"},
    "project.budget": {"nl": "Budget per jaar", "en": "Budget per year"},
    "project.budget.intro": {
        "nl": "Zoals het project rapporteerde, in euro. Een leeg bedrag is niet gerapporteerd, niet nul.",
        "en": "As the project reported it, in euro. An empty amount is not reported, not zero."},
    "project.budget.granted": {"nl": "Toegekend", "en": "Granted"},
    "project.budget.paid": {"nl": "Uitbetaald", "en": "Paid"},
    "project.budget.spent": {"nl": "Uitgegeven", "en": "Spent"},
    "project.budget.cofinancing": {"nl": "Cofinanciering", "en": "Co-financing"},
    "project.budget.investment": {"nl": "Investeringssubsidie", "en": "Investment subsidy"},
    "project.reach": {"nl": "Bereik", "en": "Reach"},
    "project.reach.intro": {
        "nl": "Aantallen per periode zoals het project rapporteerde (een jaar of een halfjaar).",
        "en": "Counts per period as the project reported them (a year or a half year)."},
    "project.measure.children_reached": {"nl": "Kinderen bereikt", "en": "Children reached"},
    "project.measure.families_reached": {"nl": "Gezinnen bereikt", "en": "Families reached"},
    "project.measure.schools_involved": {"nl": "Scholen betrokken", "en": "Schools involved"},
    "project.measure.partners_active": {"nl": "Partners actief", "en": "Active partners"},
    "project.measure.volunteers": {"nl": "Vrijwilligers", "en": "Volunteers"},
    "project.measure.children_0_2": {"nl": "Kinderen 0-2 jaar", "en": "Children aged 0-2"},
    "project.measure.children_3_5": {"nl": "Kinderen 3-5 jaar", "en": "Children aged 3-5"},
    "project.measure.children_6_11": {"nl": "Kinderen 6-11 jaar", "en": "Children aged 6-11"},
    "project.measure.children_12_17": {"nl": "Kinderen 12-17 jaar", "en": "Children aged 12-17"},
    "project.outcomes": {"nl": "Resultaten", "en": "Outcomes"},
    "project.outcomes.intro": {
        "nl": "Per resultaatindicator de gerealiseerde waarde tegenover basis- en streefwaarde. "
              "Vooruitgang = (gerealiseerd − basis) / (streef − basis): 0 % is de basiswaarde, 100 % de streefwaarde.",
        "en": "Per outcome indicator the actual value against baseline and target. "
              "Progress = (actual − baseline) / (target − baseline): 0% is the baseline, 100% the target."},
    "project.progress.no_actual": {"nl": "niet gerapporteerd", "en": "not reported"},
    "project.progress.no_baseline": {"nl": "niet te berekenen: geen basiswaarde", "en": "cannot be computed: no baseline"},
    "project.progress.no_target": {"nl": "niet te berekenen: geen streefwaarde", "en": "cannot be computed: no target"},
    "project.progress.target_equals_baseline": {
        "nl": "niet gedefinieerd: streefwaarde = basiswaarde", "en": "undefined: target = baseline"},
    "project.progress.equal_note": {
        "nl": "Waar de streefwaarde gelijk is aan de basiswaarde is vooruitgang niet gedefinieerd (delen door nul); "
              "de tabel toont dan enkel de waarden.",
        "en": "Where the target equals the baseline, progress is undefined (division by zero); the table then shows "
              "the values only."},
    "project.col.partner": {"nl": "Partner", "en": "Partner"},
    "project.col.sector": {"nl": "Sector", "en": "Sector"},
    "project.col.role": {"nl": "Rol", "en": "Role"},
    "project.col.shared": {"nl": "Gedeeld met (projecten)", "en": "Shared with (projects)"},
    "project.col.other_projects": {"nl": "Andere projecten", "en": "Other projects"},
    "project.col.year": {"nl": "Jaar", "en": "Year"},
    "project.col.measure": {"nl": "Maat", "en": "Measure"},
    "project.col.value": {"nl": "Aantal", "en": "Count"},
    "project.col.period": {"nl": "Periode", "en": "Period"},
    "project.col.indicator": {"nl": "Resultaatindicator", "en": "Outcome indicator"},
    "project.col.unit": {"nl": "Eenheid", "en": "Unit"},
    "project.col.baseline": {"nl": "Basiswaarde", "en": "Baseline"},
    "project.col.baseline_year": {"nl": "Basisjaar", "en": "Baseline year"},
    "project.col.target": {"nl": "Streefwaarde", "en": "Target"},
    "project.col.target_year": {"nl": "Streefjaar", "en": "Target year"},
    "project.col.actual": {"nl": "Gerealiseerd", "en": "Actual"},
    "project.col.progress": {"nl": "Vooruitgang", "en": "Progress"},
    "project.col.progress_pct": {"nl": "Vooruitgang (%)", "en": "Progress (%)"},
    "project.col.progress_note": {"nl": "Opmerking vooruitgang", "en": "Progress note"},
    "project.col.place": {"nl": "Plaats", "en": "Place"},
    "project.col.nis": {"nl": "NIS-code", "en": "NIS code"},
    "project.col.scope": {"nl": "Bereik (scope)", "en": "Scope"},
    "project.col.sub_area": {"nl": "Deelgebied", "en": "Sub-area"},
    "project.col.notes": {"nl": "Opmerkingen", "en": "Notes"},
    "project.exports": {"nl": "Downloads: {what}", "en": "Downloads: {what}"},
    "project.export.title": {"nl": "{what} – {name}", "en": "{what} – {name}"},
    "project.export.when": {
        "nl": "Bron: datawarehouse Kinderarmoedemonitor, gedownload op {date}",
        "en": "Source: Kinderarmoedemonitor data warehouse, downloaded on {date}"},
    "reporting.title": {"nl": "Rapportering van de projecten", "en": "Project reporting"},
    "reporting.intro": {
        "nl": "Welke projecten hun monitoringrapport bezorgden, wat erin stond, wat nog ontbreekt en welke "
              "rapporten geweigerd werden (met de problemen per blad en cel).",
        "en": "Which projects delivered their monitoring workbook, what it contained, what is still missing and "
              "which workbooks were refused (with the problems per sheet and cell)."},
    "reporting.table": {"nl": "Projecten en verwachte jaren", "en": "Projects and expected years"},
    "reporting.rule": {
        "nl": "Verwachte jaren: de jaren van de looptijd van het project tot vandaag (de registers geven geen data per "
              "project; de looptijd volgt uit het programma, zie docs/warehouse.md). Een jaar is geleverd met een "
              "rapport voor het jaar of voor beide halfjaren.",
        "en": "Expected years: the years of the project's runtime up to today (the registers give no dates per "
              "project; the runtime follows from the programme, see docs/warehouse.md). A year is delivered by a "
              "workbook for the year or for both half years."},
    "reporting.filters": {"nl": "Filters van de rapportering", "en": "Reporting filters"},
    "reporting.f.programme": {"nl": "Programma", "en": "Programme"},
    "reporting.f.province": {"nl": "Provincie (2025)", "en": "Province (2025)"},
    "reporting.f.status": {"nl": "Status", "en": "Status"},
    "reporting.f.all": {"nl": "Alle", "en": "All"},
    "reporting.f.none": {"nl": "geen (alle projecten)", "en": "none (all projects)"},
    "reporting.f.status.nothing": {"nl": "Nog niets ontvangen", "en": "Nothing received yet"},
    "reporting.f.status.delivered": {"nl": "Minstens één jaar geleverd", "en": "At least one year delivered"},
    "reporting.f.status.missing": {"nl": "Een jaar ontbreekt (geheel of deels)", "en": "A year missing (wholly or partly)"},
    "reporting.f.status.refused": {"nl": "Geweigerd rapport", "en": "Refused workbook"},
    "reporting.status.delivered": {"nl": "geleverd", "en": "delivered"},
    "reporting.status.partial": {"nl": "deels", "en": "partly"},
    "reporting.status.refused": {"nl": "geweigerd", "en": "refused"},
    "reporting.status.missing": {"nl": "ontbreekt", "en": "missing"},
    "reporting.status.not_due": {"nl": "lopend", "en": "running"},
    "reporting.status.delivered.help": {
        "nl": "een rapport voor het jaar of voor beide halfjaren is geladen",
        "en": "a workbook for the year or for both half years was loaded"},
    "reporting.status.partial.help": {
        "nl": "een halfjaar is geladen, een afgelopen halfjaar ontbreekt",
        "en": "one half year was loaded, a half year that has ended is missing"},
    "reporting.status.refused.help": {
        "nl": "niets geladen; het laatste rapport werd geweigerd (problemen onderaan)",
        "en": "nothing loaded; the latest workbook was refused (problems below)"},
    "reporting.status.missing.help": {
        "nl": "het jaar is voorbij en er is geen rapport ontvangen",
        "en": "the year has ended and no workbook was received"},
    "reporting.status.not_due.help": {
        "nl": "het jaar loopt nog; nog geen rapport ontvangen",
        "en": "the year is still running; no workbook received yet"},
    "reporting.count": {
        "nl": "{n} van {total} projecten; {received} met minstens één ontvangen rapport.",
        "en": "{n} of {total} projects; {received} with at least one workbook received."},
    "reporting.no_match": {"nl": "Geen projecten voor deze filters.", "en": "No projects for these filters."},
    "reporting.caption": {
        "nl": "Rapportering per project en verwacht jaar",
        "en": "Reporting per project and expected year"},
    "reporting.col.project": {"nl": "Project", "en": "Project"},
    "reporting.col.project_id": {"nl": "Project-id", "en": "Project id"},
    "reporting.col.province": {"nl": "Provincie (2025)", "en": "Province (2025)"},
    "reporting.col.received": {"nl": "Ontvangen", "en": "Received"},
    "reporting.col.year": {"nl": "Jaar", "en": "Year"},
    "reporting.col.status": {"nl": "Status", "en": "Status"},
    "reporting.col.periods": {"nl": "Geleverde periodes", "en": "Periods delivered"},
    "reporting.col.workbook_dates": {"nl": "Datum in het rapport", "en": "Date in the workbook"},
    "reporting.col.loaded_at": {"nl": "Geladen op", "en": "Loaded at"},
    "reporting.col.loaded_by": {"nl": "Geladen door", "en": "Loaded by"},
    "reporting.col.files": {"nl": "Bestanden", "en": "Files"},
    "reporting.col.budget_years": {"nl": "Budget: jaren", "en": "Budget: years"},
    "reporting.col.reach_measures": {"nl": "Bereik: maten", "en": "Reach: measures"},
    "reporting.col.outcome_indicators": {"nl": "Resultaten: indicatoren", "en": "Outcomes: indicators"},
    "reporting.col.refused_problems": {"nl": "Problemen geweigerd rapport", "en": "Problems of refused workbook"},
    "reporting.col.period": {"nl": "Periode", "en": "Period"},
    "reporting.col.file": {"nl": "Bestand", "en": "File"},
    "reporting.col.at": {"nl": "Tijdstip (UTC)", "en": "Time (UTC)"},
    "reporting.col.user": {"nl": "Door", "en": "By"},
    "reporting.col.channel": {"nl": "Kanaal", "en": "Channel"},
    "reporting.col.resolved": {"nl": "Later wel geladen", "en": "Loaded later"},
    "reporting.col.sheet": {"nl": "Blad", "en": "Sheet"},
    "reporting.col.cell": {"nl": "Cel", "en": "Cell"},
    "reporting.col.message": {"nl": "Probleem", "en": "Problem"},
    "reporting.col.expected": {"nl": "Verwacht", "en": "Expected"},
    "reporting.nothing": {"nl": "nog niets ontvangen", "en": "nothing received yet"},
    "reporting.received_n": {"nl": "{n} rapport(en)", "en": "{n} workbook(s)"},
    "reporting.outside": {"nl": "buiten de looptijd", "en": "outside the runtime"},
    "reporting.delivered": {
        "nl": "{period}: {workbook}, geladen op {loaded} door {by}",
        "en": "{period}: {workbook}, loaded on {loaded} by {by}"},
    "reporting.workbook_date": {"nl": "rapport van {date}", "en": "workbook dated {date}"},
    "reporting.workbook_date_unknown": {"nl": "rapportdatum niet in het logboek", "en": "workbook date not in the log"},
    "reporting.filled.budget": {"nl": "Budget: {years}", "en": "Budget: {years}"},
    "reporting.filled.reach": {"nl": "Bereik: {n} maten ({periods})", "en": "Reach: {n} measures ({periods})"},
    "reporting.filled.outcomes": {"nl": "Resultaten: {n} indicator(en)", "en": "Outcomes: {n} indicator(s)"},
    "reporting.filled.empty": {"nl": "leeg: {sheets}", "en": "empty: {sheets}"},
    "reporting.missing_halves": {"nl": "ontbreekt: {periods}", "en": "missing: {periods}"},
    "reporting.refused_link": {
        "nl": "{period} geweigerd: {n} probleem/problemen", "en": "{period} refused: {n} problem(s)"},
    "reporting.refused": {"nl": "Geweigerde rapporten", "en": "Refused workbooks"},
    "reporting.refused.intro": {
        "nl": "Per project en periode de laatste geweigerde poging (via de opdrachtregel of de uploadpagina), met "
              "de problemen per blad en cel. Een geweigerd rapport verandert niets aan de cijfers.",
        "en": "Per project and period the latest refused attempt (from the command line or the upload page), with "
              "the problems per sheet and cell. A refused workbook changes none of the figures."},
    "reporting.refused.none": {"nl": "Geen geweigerde rapporten.", "en": "No refused workbooks."},
    "reporting.refused.summary": {
        "nl": "Bestand {file}, {when}, door {by} ({channel}): {n} probleem/problemen.",
        "en": "File {file}, {when}, by {by} ({channel}): {n} problem(s)."},
    "reporting.refused.caption": {"nl": "Problemen in {file}", "en": "Problems in {file}"},
    "reporting.refused.more": {
        "nl": "… en nog {n} problemen (niet bewaard in het logboek).",
        "en": "… and {n} more problems (not kept in the log)."},
    "reporting.resolved": {"nl": "later wel geladen", "en": "loaded later"},
    "reporting.unknown_project": {"nl": "project onbekend (blad Project onleesbaar)", "en": "unknown project (Project sheet unreadable)"},
    "reporting.channel.cli": {"nl": "opdrachtregel", "en": "command line"},
    "reporting.channel.upload": {"nl": "uploadpagina", "en": "upload page"},
    "reporting.yes": {"nl": "ja", "en": "yes"},
    "reporting.sheet.tracker": {"nl": "Rapportering", "en": "Reporting"},
    "reporting.sheet.refused": {"nl": "Geweigerde rapporten", "en": "Refused workbooks"},
    "reporting.export.title": {"nl": "Rapportering van de projecten", "en": "Project reporting"},
    "reporting.export.filters": {"nl": "Filters: {filters}", "en": "Filters: {filters}"},
    "reporting.export.when": {
        "nl": "Bron: datawarehouse en logboek van rapportpogingen, gedownload op {date}",
        "en": "Source: data warehouse and log of workbook attempts, downloaded on {date}"},
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
