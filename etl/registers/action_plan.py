"""Parse the action inventory of the Vlaams Actieplan Armoedebestrijding 2015-2019 (seed 003).

    python -m etl.registers.action_plan PATH [--out-dir data/registers]

PATH is the plain-text export of "Volledig overzicht van alle acties ter bestrijding van armoede
per grondrecht". The export comes from a PDF laid out as two-column tables, so the text is noisy:
labels and values of the table cells interleave, page numbers and a footnote sit between lines,
one page is printed twice, an action number can be split over two lines, and the word
"Mijlpalen" is printed vertically (one or two letters per line). The functions below are small,
each deals with one of those facts, and every one of them is covered by tests.

Writes two files into --out-dir:
  policy_action.csv         one row per action (exactly 201 are expected)
  policy_action_budget.csv  one row per euro amount stated in an action's budget text
"""
from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

SOURCE_DOC = "seed:003"
EXPECTED_ACTION_COUNT = 201

ACTION_FIELDS = [
    "action_id", "right_code", "right_label", "minister_code", "minister_name", "minister_name_legend",
    "cabinet", "title", "administration", "budget_text", "evaluation_text", "milestones", "source_doc",
    "source_ref",
]
BUDGET_FIELDS = [
    "action_id", "amount_eur", "qualifier", "year", "per_unit", "text_fragment",
    "source_doc", "source_ref",
]

# --- document structure -------------------------------------------------------------------

# "ACTIE 00_04_19" also occurs as "ACTIE  00_04_19" and as "ACTIE" + line break + "05_02_06".
ACTION_MARKER = re.compile(r"ACTIE\s+(\d\d)_(\d\d)_(\d\d)\b")
# One heading per fundamental right; the label is in capitals on the next line.
SECTION_HEADING = re.compile(
    r"Acties die inzetten op (?:het grondrecht\s+([A-Z][A-Z ]*[A-Z])|(ALLE) grondrechten)")
LEGEND_LINE = re.compile(r"^\s*(\d\d) (\S.*?)\s*$", re.M)

# --- who is responsible ---------------------------------------------------------------------

# The document's legend says the second segment numbers the ministers alphabetically, but for
# 03 and 05-09 its own actions contradict it: every "kabinet" field of an 07 action names Werk,
# Economie or Sport (Muyters), not Tommelein's portfolio. The minister of an action is therefore
# read from its kabinet field, with the portfolios of the Vlaamse Regering-Bourgeois (2014-2019);
# the names stay the legend's, and the legend's reading is kept beside it (minister_name_legend).
PORTFOLIO_WORDS = {
    "Geert Bourgeois": ("algemeen beleid", "minister- president", "minister-president"),
    "Hilde Crevits": ("onderwijs",),
    "Bart Tommelein": ("begroting", "financiën", "energie"),
    "Liesbeth Homans": ("armoedebestrijding", "wonen", "binnenlands bestuur", "inburgering", "gelijke kansen"),
    "Ben Weyts": ("mobiliteit", "toerisme", "dierenwelzijn", "openbare werken", "vlaamse rand"),
    "Jo Vandeurzen": ("welzijn", "volksgezondheid", "wvg", "vandeurzen"),
    "Philippe Muyters": ("werk", "economie", "sport", "innovatie"),
    "Joke Schauvliege": ("landbouw", "omgeving", "natuur", "visserij"),
    "Sven Gatz": ("cultuur", "jeugd", "media", "brussel"),
}

# --- page-break noise -----------------------------------------------------------------------

PAGE_NUMBER_LINE = re.compile(r"^\s*\d{1,3}\s*$")
# "1 Hufkens, T., Vandenlannoote, D., ... (2013)": a footnote printed at the foot of a page.
FOOTNOTE_START = re.compile(r"^\s*\d{1,2} [A-Z][\w'’-]+, [A-Z]\.")
FOOTNOTE_MAX_LINES = 8

# --- table labels inside an action ----------------------------------------------------------

BUDGET_LABEL = re.compile(r"Budgettair\s+engagement", re.I)
# "verantwoordelijken" + "kabinet"; on one page the first word is missing.
CABINET_LABEL = re.compile(r"^[ \t]*(?:verantwoordelijken\s+)?kabinet\b", re.I | re.M)
# "Evaluatie en indicator", with the typos the document has ("inidcator", "indictaor",
# "indicatoren"), "Indicator en evaluatie", or a single word. It ends its line, which is what
# tells it apart from "Evaluatie:" at the start of the value.
EVALUATION_LABEL = re.compile(
    r"(?:Evaluatie\s+en\s+\w+|Indicator\s+en\s+\w+|evaluatie|indicator(?:en)?)[ \t]*\n", re.I)
ADMINISTRATION_LABEL = re.compile(r"^\s*administratie\b", re.I | re.M)
INVOLVED_LABEL = re.compile(r"^\s*betrokkenen\b", re.I | re.M)
SUMMARY_LABEL = re.compile(r"korte inhoud actie", re.I)
# "Mijlpalen" printed vertically: "m / ijl / p / al / e / n" or "M / Ij / lp / al / e / n".
MILESTONES_WORD = re.compile(r"m\s*i\s*j\s*l\s*p\s*a\s*l\s*e\s*n(?![a-z])", re.I)
STANDALONE_YEAR_LINE = re.compile(r"^[ \t]*20\d\d[ \t]*$", re.M)
# A milestone heading: a year at the start of a line, not the start of a range ("2018-2019").
# "2015 en 2016" is printed once as a single heading.
MILESTONE_HEADING = re.compile(
    r"^[ \t]*(?P<first>20[1-2]\d)(?:\s+en\s+(?P<last>20[1-2]\d))?(?![\d\-–])[ \t]*(?=\S|$)", re.M)
MEANINGLESS_VALUE = re.compile(r"^[\W_]*$")
# Status words the document prints under the year; they say 2015 = baseline, 2019 = target.
MILESTONE_STATUS = re.compile(r"^\s*\((?:beginfase,\s*nulmeting|nulmeting|einddoel)\)", re.I)
URL_LINE = re.compile(r"^\s*https?://\S+\s*$", re.M)


class ActionPlanError(ValueError):
    """The document does not have the structure the parser relies on; names the action and why."""


@dataclass(frozen=True)
class RawAction:
    action_id: str
    section_label: str
    text: str
    line_number: int


@dataclass
class Action:
    action_id: str
    right_code: str
    right_label: str
    minister_code: str
    minister_name: str
    minister_name_legend: str
    cabinet: str
    title: str
    administration: str
    budget_text: str
    evaluation_text: str
    milestones: dict[str, str] = field(default_factory=dict)
    line_number: int = 0

    def content_key(self) -> tuple:
        """Everything except where it was found: two printings of one page compare equal."""
        return (self.action_id, self.title, self.administration, self.budget_text, self.cabinet,
                self.evaluation_text, tuple(self.milestones.items()))


@dataclass(frozen=True)
class BudgetAmount:
    action_id: str
    amount_eur: float
    qualifier: str  # per_year | total | year
    year: int | None
    per_unit: bool
    text_fragment: str


# ============================================================================================
# Text clean-up
# ============================================================================================

def normalise_space(text: str) -> str:
    """One space between words: line breaks in the export are layout, not meaning."""
    return " ".join(text.split())


def remove_page_noise(text: str) -> str:
    """Drop page numbers and footnotes; they are page furniture that can land inside a value."""
    lines = text.split("\n")
    kept: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        # Blank lines, not deletions: line numbers must still point into the original file.
        if PAGE_NUMBER_LINE.match(line):
            kept.append("")
            i += 1
            continue
        if FOOTNOTE_START.match(line):
            # A footnote runs to the page number that closes its page.
            end = next((j for j in range(i + 1, min(i + FOOTNOTE_MAX_LINES, len(lines)))
                        if PAGE_NUMBER_LINE.match(lines[j])), i)
            kept.extend("" for _ in range(i, end + 1))
            i = end + 1
            continue
        kept.append(line)
        i += 1
    return "\n".join(kept)


def remove_repeated_url_lines(text: str) -> str:
    """A URL alone on a line repeats a link already printed in the text: the PDF's link layer."""
    seen: set[str] = set()
    out: list[str] = []
    for line in text.split("\n"):
        if URL_LINE.match(line):
            url = line.strip()
            if url in seen or url in text.replace(line, "", 1):
                continue
            seen.add(url)
        out.append(line)
    return "\n".join(out)


# ============================================================================================
# Legend: what the segments of an action number mean
# ============================================================================================

def _legend_between(text: str, start_marker: str, end_marker: str) -> dict[str, str]:
    start = text.find(start_marker)
    end = text.find(end_marker, start + 1)
    if start < 0 or end < 0:
        raise ActionPlanError(f"legend not found between {start_marker!r} and {end_marker!r}")
    return {code: label for code, label in LEGEND_LINE.findall(text[start:end])}


def parse_right_legend(text: str) -> dict[str, str]:
    """First segment of an action number -> fundamental right ("01" -> "participatie")."""
    return _legend_between(text, "Het eerste segment", "Het tweede segment")


def parse_minister_legend(text: str) -> dict[str, str]:
    """Second segment -> the minister's full description in the document."""
    return _legend_between(text, "Het tweede segment", "Het derde segment")


def minister_name(description: str) -> str:
    """'Viceminister-president ... en Vlaams minister Hilde Crevits' -> 'Hilde Crevits'."""
    match = re.search(r"Vlaams minister (.+)$", description)
    return match.group(1).strip() if match else description.strip()


def ministers_by_cabinet(cabinets: dict[str, list[str]], legend_names: set[str]) -> dict[str, str]:
    """Second segment -> the minister whose portfolio most of its actions' kabinet fields name.

    cabinets: segment -> the kabinet texts of its actions. Refuses a segment whose fields point at
    no minister, or at a minister another segment already has (the mapping must be one-to-one)."""
    if set(PORTFOLIO_WORDS) != legend_names:
        raise ActionPlanError(f"the legend names {sorted(legend_names)}, the portfolio table {sorted(PORTFOLIO_WORDS)}")
    found: dict[str, str] = {}
    for code, texts in sorted(cabinets.items()):
        votes = Counter(name for text in texts for name, words in PORTFOLIO_WORDS.items()
                        if any(word in text.lower() for word in words))
        if not votes:
            raise ActionPlanError(f"segment {code}: no kabinet field names a known portfolio ({texts[:3]})")
        (best, n), *rest = votes.most_common()
        if rest and rest[0][1] == n:
            raise ActionPlanError(f"segment {code}: kabinet fields point at {best} and {rest[0][0]} alike")
        if best in found.values():
            raise ActionPlanError(f"segment {code}: kabinet fields point at {best}, who already has another segment")
        found[code] = best
    return found


def right_label(legend_label: str) -> str:
    """'maatschappelijke dienstverlening' -> 'Maatschappelijke dienstverlening'."""
    return legend_label[:1].upper() + legend_label[1:]


# ============================================================================================
# Splitting into actions
# ============================================================================================

def split_actions(text: str) -> list[RawAction]:
    """Cut the document at every action number; remember which right-heading it falls under."""
    events: list[tuple[int, int, str, str]] = []
    for m in SECTION_HEADING.finditer(text):
        label = (m.group(1) or m.group(2) + " grondrechten").strip().lower()
        events.append((m.start(), m.end(), "heading", normalise_space(label)))
    for m in ACTION_MARKER.finditer(text):
        events.append((m.start(), m.end(), "action", "_".join(m.groups())))
    events.sort()

    actions: list[RawAction] = []
    section = ""
    for index, (start, end, kind, value) in enumerate(events):
        if kind == "heading":
            section = value
            continue
        stop = events[index + 1][0] if index + 1 < len(events) else len(text)
        actions.append(RawAction(value, section, text[end:stop], text.count("\n", 0, start) + 1))
    return actions


# ============================================================================================
# Fields of one action
# ============================================================================================

def _required(pattern: re.Pattern[str], text: str, start: int, what: str, action_id: str):
    match = pattern.search(text, start)
    if match is None:
        raise ActionPlanError(f"action {action_id}: label {what!r} not found")
    return match


def header_end(text: str) -> int:
    """The label table ends where the summary starts (or, without summary, at the milestones)."""
    candidates = [m.start() for m in (SUMMARY_LABEL.search(text), milestones_start(text)) if m]
    return min(candidates) if candidates else len(text)


def parse_header(action_id: str, text: str) -> dict[str, str]:
    """Title, budget, evaluation and administration from the label table of one action.

    The PDF table is read row by row, so the values sit between labels in a fixed order:
    title, Budgettair engagement, budget, (verantwoordelijken) kabinet, cabinet,
    evaluation label, evaluation, administratie, administration, betrokkenen.
    """
    header = text[:header_end(text)]
    budget = _required(BUDGET_LABEL, header, 0, "Budgettair engagement", action_id)
    cabinet = _required(CABINET_LABEL, header, budget.end(), "kabinet", action_id)
    evaluation = _required(EVALUATION_LABEL, header, cabinet.end(), "Evaluatie en indicator",
                           action_id)
    administration = _required(ADMINISTRATION_LABEL, header, evaluation.end(), "administratie",
                               action_id)
    involved = _required(INVOLVED_LABEL, header, administration.end(), "betrokkenen", action_id)
    return {
        "title": normalise_space(header[:budget.start()]),
        "budget_text": normalise_space(header[budget.end():cabinet.start()]),
        "cabinet": normalise_space(header[cabinet.end():evaluation.start()]),
        "evaluation_text": normalise_space(header[evaluation.end():administration.start()]),
        "administration": normalise_space(header[administration.end():involved.start()]),
    }


def milestones_start(text: str) -> re.Match[str] | None:
    """Where the milestones begin: the vertical word, else the first year alone on a line."""
    for match in MILESTONES_WORD.finditer(text):
        if "\n" in match.group(0):  # printed vertically; the plain word may occur in prose
            return match
    summary = SUMMARY_LABEL.search(text)
    return STANDALONE_YEAR_LINE.search(text, summary.end() if summary else 0)


def _last_year(heading: re.Match[str]) -> int:
    return int(heading.group("last") or heading.group("first"))


def parse_milestones(text: str) -> dict[str, str]:
    """Year -> milestone text. Headings must increase, so a year inside the text is not one."""
    start = milestones_start(text)
    if start is None:
        return {}
    body = text[start.end() if MILESTONES_WORD.fullmatch(start.group(0)) else start.start():]
    headings: list[re.Match[str]] = []
    for match in MILESTONE_HEADING.finditer(body):
        if not headings or _last_year(match) > _last_year(headings[-1]):
            headings.append(match)
    milestones: dict[str, str] = {}
    for index, heading in enumerate(headings):
        stop = headings[index + 1].start() if index + 1 < len(headings) else len(body)
        value = normalise_space(MILESTONE_STATUS.sub("", body[heading.end():stop]))
        if not MEANINGLESS_VALUE.match(value):  # an empty cell, or one holding only "/" or "-"
            key = heading.group("first")
            if heading.group("last"):
                key += "-" + heading.group("last")
            milestones[key] = value
    return milestones


# ============================================================================================
# Euro amounts in a budget text
# ============================================================================================

# Belgian notation: "1.250.000", "57.910,6", "1 116 214", "5 390,00", "2,5". One source line
# has "6 700000" (a thousands space dropped); a leading group followed by six digits reads as one.
_NUMBER = r"(?:\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d{1,3}(?: \d{3})+(?:,\d+)?|\d{1,3} \d{6}|\d+(?:,\d+)?)"
_MULTIPLIER = r"(?:miljard|miljoen|mio\.?)"
_CURRENCY = r"(?:euro|eur|€)"
AMOUNT = re.compile(
    rf"(?<![\w.,])(?:"
    rf"€\s*(?P<n1>{_NUMBER})(?:\s*(?P<m1>{_MULTIPLIER}))?(?:\s*{_CURRENCY}\b)?"  # € 2.500 (euro)
    rf"|(?P<n2>{_NUMBER})\s*(?P<k2>k)(?:EUR|euro)\b"  # 20 kEUR
    rf"|(?P<n3>{_NUMBER})(?:\s*(?P<m3>{_MULTIPLIER}))?\s*(?:{_CURRENCY}\b|€)"  # 2,5 miljoen euro
    rf"|(?P<n4>{_NUMBER})\s*(?P<m4>miljard|miljoen)\b"  # 2,5 miljoen
    rf"|(?P<n5>\d{{1,3}}(?:[. ]\d{{3}})+|\d{{1,3}} \d{{6}})(?=\s*(?:\(|per\b|voor\b|begroot\b|[,;.]|$))"
    rf")",
    re.I,
)
MULTIPLIERS = {"k": 1e3, "mio": 1e6, "mio.": 1e6, "miljoen": 1e6, "miljard": 1e9}

PER_YEAR_WORDS = re.compile(r"per jaar|/\s*jaar|jaarlijks|op jaarbasis", re.I)
# "... stijgt de volgende jaren met (meer dan) 1.000.000 euro": a change of a budget, not a budget.
INCREASE_BEFORE = re.compile(r"\b(?:stijg\w*|verhoog\w*|toename)\b[^.;:]*\bmet\s+(?:meer dan\s+|ruim\s+|bijna\s+)?$",
                             re.I)
# "67.000 euro (vanaf schooljaar 2015-2016)": from that school year on, so every year.
FROM_SCHOOL_YEAR_ON = re.compile(r"^\s*\(vanaf (?:het )?schooljaar", re.I)
# Directly after an amount: "per jaar", "(max.) per jaar", "/jaar", "EURO/jaarlijks", ...
ADJACENT_PER_YEAR = re.compile(
    r"\s*(?:\(max\.\)\s*)?(?:per jaar|/\s*jaar(?:lijks)?|op jaarbasis|jaarlijks\w*)", re.I)
# Directly after an amount: "in 2016", "(voor 2015)", "voor 2015", "(budget 2014)".
ADJACENT_YEAR = re.compile(r"\s*\(?\s*(?:in|voor|budget)\s+(20\d\d)\b(?!\s*[-–]\s*\d)\)?", re.I)
ADJACENT_PARENTHESIS = re.compile(r"\s*\([^()]*\)")
# A text that opens with "Jaarlijks:" or "per jaar:" makes every amount in it yearly.
WHOLE_TEXT_PER_YEAR = re.compile(r"^\s*(?:jaarlijks|per jaar)\s*:", re.I)
YEAR_RANGE = re.compile(r"\b(?:19|20)\d\d\s*[-–]\s*(?:(?:19|20)\d\d|\d\d)\b")
# A year on its own; "vanaf 2015" or "tot 2018" starts or ends a period and ties nothing to it.
SINGLE_YEAR = re.compile(r"(?<![\d/])(?<!vanaf )(?<!sinds )(?<!tot )(?<!tegen )(20\d\d)(?![\d/])",
                         re.I)
# Labels that set the year of the amounts after them: "2016:", "BJ 2016:", "Budget 2017 :",
# a year opening the text ("2016 Project ..."); a range label ("2017-2019:") ends their reach.
# The range alternative comes first so that "2017- 2018:" is not read as the label "2018:".
YEAR_OR_RANGE_LABEL = re.compile(
    r"(?P<range>20\d\d\s*[-–]\s*20\d\d\s*:)|(?P<single>20\d\d)\s*:|^\s*(?P<opening>20\d\d)\b(?!\s*[-–])"
    r"|(?P<heading>20\d\d)\s+(?=[A-Z])")
# Where a new budget item starts. Kept as separate patterns because they overlap
# ("STEM BJ 2016:" holds both a label and a year label) and each start counts.
ITEM_STARTS = (
    re.compile(r"(?:\b(?:BJ|Budget|Projectoproep)\s*)?\b20\d\d(?:\s*[-–]\s*20\d\d)?\s*:"),  # "BJ 2015:"
    re.compile(r"\b20\d\d\s+(?=[A-Z])"),  # "2017 Via de beleidskredieten ..."
    re.compile(r"(?<=euro )20\d\d\s*[-–]\s*20\d\d\b"),  # "... euro 2017-2019 de bedragen ..."
    re.compile(r"(?<![\w(])[A-Z][\w’'+-]*(?: [\w’'+-]+){0,4} ?:"),  # "Onderzoek:", "P+ :"
)
ITEM_SEPARATOR = re.compile(r"[;•]|/\s|\s[-+&]\s|\s\d\)\s")
SENTENCE_END = re.compile(r"\.\s+(?=[A-Z0-9€•-])")
ABBREVIATIONS = {"ca", "max", "dec", "nov", "resp", "incl", "dept", "bv", "o.b.v", "i.s.m"}
PER_UNIT_AFTER = re.compile(r"\s*(?:voor\s+resp\.\s+elke|per\s+(?!jaar\b|jaarbasis\b))", re.I)
PER_UNIT_BEFORE = re.compile(r"(?:kostprijs|vergoeding)\s[^.]{0,30}\bvan\s*$", re.I)
LABEL_ONLY = re.compile(r"[A-Z][\w’'+-]*(?: [\w’'+-]+){0,4} ?:\s*")
FRAGMENT_EDGE = re.compile(r"^(?:[\s;/•,.+&–-]|en\b|of\b|waarvan\b)+|(?:[\s;/•,.+&–-]|\ben|\bof|\bwaarvan)+$")
FRAGMENT_MAX_CHARS = 160


def parse_belgian_number(text: str) -> float:
    """'1.250.000' -> 1250000.0; '57.910,6' -> 57910.6; '5 390,00' -> 5390.0; '2,5' -> 2.5."""
    digits = text.replace(".", "").replace(" ", "").replace("\u00a0", "").replace(",", ".")
    return float(digits)


def amount_value(match: re.Match[str]) -> float:
    number = next(match.group(g) for g in ("n1", "n2", "n3", "n4", "n5") if match.group(g))
    multiplier = next((match.group(g) for g in ("m1", "k2", "m3", "m4") if match.group(g)), None)
    factor = MULTIPLIERS[multiplier.lower()] if multiplier else 1.0
    return round(parse_belgian_number(number) * factor, 2)


def item_boundaries(text: str) -> list[int]:
    """Positions where one budget item ends and the next begins.

    Items are separated by sentences, ';', '/', ' - ', '+', '•', '1)', or start with a label
    ("2016:", "BJ 2016:", "Onderzoek:"). A full stop after an abbreviation ("ca.") is no end.
    """
    found = {m.start() for m in ITEM_SEPARATOR.finditer(text)}
    for pattern in ITEM_STARTS:
        found.update(m.start() for m in pattern.finditer(text))
    for m in SENTENCE_END.finditer(text):
        word = re.search(r"([\w.]+)$", text[:m.start()])
        if not word or word.group(1).lower() not in ABBREVIATIONS:
            found.add(m.start())
    # A separator inside parentheses ("(in 2015; vanaf 2016 ...)") does not end an item.
    inside = inside_parentheses(text)
    return sorted({0, len(text)} | {b for b in found if not inside[b]})


def inside_parentheses(text: str) -> list[bool]:
    """For every position: is it between an opening and its closing parenthesis?"""
    depth, flags = 0, []
    for char in text:
        if char == "(":
            depth += 1
        flags.append(depth > 0)
        if char == ")" and depth:
            depth -= 1
    return flags + [False]


def strip_parentheses(text: str) -> str:
    """'(1 november 2016-31 december 2017)' belongs to the amount before it, not the next one."""
    return re.sub(r"\([^()]*\)", " ", text)


def single_year_in(text: str) -> int | None:
    """The last year named in a stretch of text, ignoring ranges and dates in parentheses."""
    cleaned = YEAR_RANGE.sub(" ", strip_parentheses(text))
    years = SINGLE_YEAR.findall(cleaned)
    return int(years[-1]) if years else None


def inherited_year(text_before: str) -> int | None:
    """Year of the last year label before an amount, unless a range label came after it."""
    labels = list(YEAR_OR_RANGE_LABEL.finditer(strip_parentheses(text_before)))
    if not labels or labels[-1].group("range"):
        return None
    last = labels[-1]
    return int(last.group("single") or last.group("opening") or last.group("heading"))


def without_spans(text: str, offset: int, spans: list[tuple[int, int]]) -> str:
    """text (which starts at offset) with the given absolute spans blanked out."""
    chars = list(text)
    for start, end in spans:
        for i in range(max(start - offset, 0), min(end - offset, len(chars))):
            chars[i] = " "
    return "".join(chars)


@dataclass(frozen=True)
class AmountContext:
    """The words around one amount that decide what kind of amount it is."""
    item: str       # its budget item, minus the amounts (and their glued words) before it
    before: str     # from the previous amount (or item start) up to this amount
    glued: str      # words glued to the amount: "per jaar", "in 2016"
    after: str      # from the amount to the end of its item
    text_before: str  # the whole budget text up to this amount


def classify_amount(budget_text: str, context: AmountContext, per_unit: bool
                    ) -> tuple[str, int | None]:
    """Qualifier and year of one amount, tried in this order:

    0. an increase of a budget ("stijgt ... met 1.000.000 euro") -> increase (never counted);
    1. stated per year, next to the amount or anywhere in its item, or "(vanaf schooljaar ...)"
       right after it -> per_year;
    2. a unit price ("200 euro per scan") -> total: it is not tied to a year;
    3. tied to one year right after it ("in 2016", "(voor 2015)") or in the words just before
       it ("Voor 2015 ...", "2016:", "BJ 2016:") -> year;
    4. "Jaarlijks:" heading the whole text -> per_year;
    5. a year label further up ("BJ 2016:" heading a list) -> year;
    6. otherwise -> total: one-off, for a range of years, or not specified.
    """
    if INCREASE_BEFORE.search(context.before):
        return "increase", None
    if any(PER_YEAR_WORDS.search(part) for part in (context.glued, context.item, context.after)) \
            or FROM_SCHOOL_YEAR_ON.match(context.glued):
        return "per_year", None
    if per_unit:
        return "total", None
    adjacent = ADJACENT_YEAR.match(context.after)
    if adjacent:
        return "year", int(adjacent.group(1))
    year = single_year_in(context.before)
    if year is not None:
        return "year", year
    if WHOLE_TEXT_PER_YEAR.match(budget_text):
        return "per_year", None
    year = inherited_year(context.text_before)
    if year is not None:
        return "year", year
    return "total", None


def glued_end(text: str, end: int, limit: int) -> int:
    """End of the words glued to an amount ("per jaar", "in 2016", "(AMIF)"); they belong to it."""
    for glued in (ADJACENT_PER_YEAR, ADJACENT_YEAR, ADJACENT_PARENTHESIS):
        extra = glued.match(text, end)
        if extra and extra.end() <= limit:
            end = extra.end()
    return end


def parse_budget_amounts(action_id: str, budget_text: str) -> list[BudgetAmount]:
    """One BudgetAmount per euro amount in the text, in the order they are written."""
    matches = list(AMOUNT.finditer(budget_text))
    bounds = item_boundaries(budget_text)
    consumed: list[tuple[int, int]] = []
    amounts: list[BudgetAmount] = []
    for index, match in enumerate(matches):
        next_start = matches[index + 1].start() if index + 1 < len(matches) else len(budget_text)
        end = glued_end(budget_text, match.end(), next_start)
        item_start = max(b for b in bounds if b <= match.start())
        item_end = max(end, min(next_start, min(b for b in bounds if b >= end)))
        previous_end = consumed[-1][1] if consumed else 0
        before_start = max(previous_end, item_start)
        item_before = budget_text[item_start:match.start()]
        context = AmountContext(
            item=without_spans(item_before, item_start, consumed),
            before=budget_text[before_start:match.start()],
            glued=budget_text[match.end():end],
            after=budget_text[match.end():item_end],
            text_before=budget_text[:match.start()],
        )
        per_unit = bool(PER_UNIT_AFTER.match(budget_text, end)
                        or PER_UNIT_BEFORE.search(context.before))
        qualifier, year = classify_amount(budget_text, context, per_unit)
        amounts.append(BudgetAmount(
            action_id=action_id,
            amount_eur=amount_value(match),
            qualifier=qualifier,
            year=year,
            per_unit=per_unit,
            text_fragment=fragment(
                budget_text[fragment_start(budget_text, bounds, before_start, previous_end):item_end]),
        ))
        consumed.append((match.start(), end))
    return amounts


def fragment_start(text: str, bounds: list[int], start: int, floor: int) -> int:
    """Take in labels right before an item ("Welzijnsschakels: 2015: ...") so the quote says what it is for."""
    for bound in sorted((b for b in bounds if floor <= b < start), reverse=True):
        if not LABEL_ONLY.fullmatch(text[bound:start]):
            break
        start = bound
    return start


def fragment(piece: str) -> str:
    """The words an amount was read from, without dangling separators, capped in length."""
    piece = FRAGMENT_EDGE.sub("", piece.strip())
    if len(piece) > FRAGMENT_MAX_CHARS:
        piece = piece[:FRAGMENT_MAX_CHARS].rsplit(" ", 1)[0] + " …"
    return piece


# ============================================================================================
# Whole document
# ============================================================================================

def parse_action(raw: RawAction, rights: dict[str, str], ministers: dict[str, str]) -> Action:
    """One action; minister_name is the legend's reading here, set from the cabinets afterwards."""
    right_code, minister_code, _ = raw.action_id.split("_")
    if right_code not in rights:
        raise ActionPlanError(f"action {raw.action_id}: right {right_code} not in the legend")
    if minister_code not in ministers:
        raise ActionPlanError(f"action {raw.action_id}: minister {minister_code} not in the legend")
    if raw.section_label != rights[right_code].lower():
        raise ActionPlanError(
            f"action {raw.action_id}: printed under heading {raw.section_label!r}, "
            f"but its number says {rights[right_code]!r}")
    text = remove_repeated_url_lines(raw.text)
    return Action(
        action_id=raw.action_id,
        right_code=right_code,
        right_label=right_label(rights[right_code]),
        minister_code=minister_code,
        minister_name=minister_name(ministers[minister_code]),
        minister_name_legend=minister_name(ministers[minister_code]),
        milestones=parse_milestones(text),
        line_number=raw.line_number,
        **parse_header(raw.action_id, text),
    )


def drop_repeated_pages(actions: list[Action]) -> list[Action]:
    """A page printed twice yields the same action twice; keep one, refuse real conflicts."""
    kept: dict[str, Action] = {}
    for action in actions:
        earlier = kept.get(action.action_id)
        if earlier is None:
            kept[action.action_id] = action
        elif earlier.content_key() != action.content_key():
            raise ActionPlanError(
                f"action {action.action_id} occurs twice with different content "
                f"(lines {earlier.line_number} and {action.line_number})")
    return list(kept.values())


def parse_document(text: str) -> list[Action]:
    text = remove_page_noise(text.replace("\r\n", "\n").replace("\f", "\n"))
    rights = parse_right_legend(text)
    ministers = parse_minister_legend(text)
    actions = drop_repeated_pages([parse_action(raw, rights, ministers) for raw in split_actions(text)])
    cabinets: dict[str, list[str]] = {}
    for action in actions:
        cabinets.setdefault(action.minister_code, []).append(action.cabinet)
    by_cabinet = ministers_by_cabinet(cabinets, {minister_name(d) for d in ministers.values()})
    for action in actions:
        action.minister_name = by_cabinet[action.minister_code]
    return actions


def parse_file(path: Path) -> list[Action]:
    return parse_document(Path(path).read_text(encoding="utf-8"))


def budget_rows(actions: list[Action]) -> list[BudgetAmount]:
    return [amount for action in actions
            for amount in parse_budget_amounts(action.action_id, action.budget_text)]


def counts_per_right(actions: list[Action]) -> dict[str, int]:
    return dict(sorted(Counter(f"{a.right_code} {a.right_label}" for a in actions).items()))


# ============================================================================================
# Output
# ============================================================================================

def _source_ref(action: Action) -> str:
    return f"ACTIE {action.action_id}, regel {action.line_number}"


def action_record(action: Action) -> dict[str, str]:
    return {
        "action_id": action.action_id,
        "right_code": action.right_code,
        "right_label": action.right_label,
        "minister_code": action.minister_code,
        "minister_name": action.minister_name,
        "minister_name_legend": action.minister_name_legend,
        "cabinet": action.cabinet,
        "title": action.title,
        "administration": action.administration,
        "budget_text": action.budget_text,
        "evaluation_text": action.evaluation_text,
        "milestones": json.dumps(action.milestones, ensure_ascii=False),
        "source_doc": SOURCE_DOC,
        "source_ref": _source_ref(action),
    }


def budget_record(amount: BudgetAmount, source_ref: str) -> dict[str, str]:
    return {
        "action_id": amount.action_id,
        "amount_eur": f"{amount.amount_eur:.2f}",
        "qualifier": amount.qualifier,
        "year": "" if amount.year is None else str(amount.year),
        "per_unit": "true" if amount.per_unit else "false",
        "text_fragment": amount.text_fragment,
        "source_doc": SOURCE_DOC,
        "source_ref": source_ref + ", Budgettair engagement",
    }


def _write_csv(path: Path, fieldnames: list[str], rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fieldnames, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def write_outputs(actions: list[Action], out_dir: Path) -> tuple[Path, Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    refs = {a.action_id: _source_ref(a) for a in actions}
    action_path = out_dir / "policy_action.csv"
    budget_path = out_dir / "policy_action_budget.csv"
    _write_csv(action_path, ACTION_FIELDS, [action_record(a) for a in actions])
    _write_csv(budget_path, BUDGET_FIELDS,
               [budget_record(b, refs[b.action_id]) for b in budget_rows(actions)])
    return action_path, budget_path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m etl.registers.action_plan",
        description="Parse the action inventory of the Vlaams Actieplan Armoedebestrijding "
                    "2015-2019 into policy_action.csv and policy_action_budget.csv.")
    parser.add_argument("path", type=Path, help="text export of the inventory (seed 003)")
    parser.add_argument("--out-dir", type=Path, default=Path("data/registers"))
    args = parser.parse_args(argv)
    try:
        actions = parse_file(args.path)
    except (OSError, ActionPlanError) as exc:
        print(f"error: {args.path}: {exc}", file=sys.stderr)
        return 1
    for label, count in counts_per_right(actions).items():
        print(f"{label}: {count}")
    print(f"total: {len(actions)}")
    if len(actions) != EXPECTED_ACTION_COUNT:
        print(f"error: expected {EXPECTED_ACTION_COUNT} actions, found {len(actions)}; "
              "nothing written", file=sys.stderr)
        return 1
    action_path, budget_path = write_outputs(actions, args.out_dir)
    print(f"wrote {action_path} and {budget_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
