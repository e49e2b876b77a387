"""Source documents in words for a reader (issue 14, "sources by their title and URL, never `seed:00x`").

The registers cite a document by its code (`source_doc` "seed:002") and a place in it (`source_ref`
"antwoord 4, regel 67"). A reader gets the document's title, publisher and date, a link when the
register knows its address (never an invented one), and the place in words ("antwoord 4"); our own
line numbers in the stored source texts go to a tooltip on screen and to their own export column.
The parsing is `etl.exports.source_parts` (the written-question workbook uses it too); this module
makes the screen's components and the page-language wording of notes that cite documents by code.
"""
from __future__ import annotations

from dash import html

from dashboard import db
from dashboard.i18n import t, t_or
from etl.exports import QUOTED, cite_in_text, cited_sources, line_words, source_label, source_parts, vocabulary


def _words_of_build(r: db.Reader) -> dict:
    return vocabulary(r.query)


def words_of(r: db.Reader) -> dict:
    """The names of areas, themes and source documents of the build `r` reads (see
    `etl.exports.vocabulary`), read once per build and shared with `build_words`."""
    return db.per_build(r, _words_of_build)


def build_words() -> dict:
    """`words_of` the live build, opening a reader only when not cached yet. Raises WarehouseError
    without a warehouse."""
    return db.per_build_live(_words_of_build)


def document_text(code, ref, words: dict, lang: str) -> str:
    """A source as one export cell: "title (publisher, date), place – URL"."""
    return source_label(code, words, ref, lang)


def source_lines(ref, lang: str) -> str:
    """Our line numbers in the stored source text ("regels 67-68"): an export's traceability column."""
    return line_words(ref, lang)


def short_names(words: dict, lang: str) -> dict[str, str]:
    """{code: "het persbericht"}: how a note names a document it cites (the title when no short name exists)."""
    return {code: t_or(f"source.short.{code}", lang, str(source.get("title") or code))
            for code, source in words.get("sources", {}).items()}


def note_text(text, words: dict, lang: str):
    """A register note with the documents it cites by code named in words, our line numbers left out."""
    return cite_in_text(text, short_names(words, lang))


def quotes_marked(text: str, lang: str) -> str | list:
    """Text with the headings it quotes from a Dutch document ("the 2026 guide, 'Waarom deze gids?'")
    each in a span marked `lang="nl"` outside Dutch pages (WCAG 2.1, 3.1.2 Language of Parts); the
    text itself, one string, when there is nothing to mark (the portfolio renders many cells)."""
    if lang == "nl" or "'" not in text:
        return text
    pieces: list = []
    last = 0
    for quoted in QUOTED.finditer(text):
        pieces += [text[last:quoted.start()], html.Span(quoted.group(0), lang="nl")]
        last = quoted.end()
    return [p for p in pieces + [text[last:]] if not isinstance(p, str) or p] if pieces else text


def source_cell(code, ref, words: dict, lang: str) -> list:
    """A source on screen: the document's title (a link when its address is known; marked Dutch, as the
    document words it), then publisher, date and the place in it in the page's language, and "web
    address not published" when the register has no address (as the exports say it: `source_parts`).
    Few components on purpose: the portfolio renders many. `source_tooltip` gives the line numbers."""
    parts = source_parts(code, ref, words, lang)
    detail = ", ".join(x for x in (parts["publisher"], parts["date"]) if x)  # the publisher in the page's language
    title = parts["title"] or parts["code"]
    after = "".join([f" ({detail})" if detail else "", f", {parts['place']}" if parts["place"] else "",
                     f" – {parts['no_url']}" if parts["no_url"] else ""])
    after = quotes_marked(after, lang)
    if parts["url"]:
        document = html.A(title, href=parts["url"], className="source-link source-document",
                          **({"lang": "nl"} if lang != "nl" else {}))
    elif lang == "nl":  # already the page's language: plain text, no component to render
        return [title + after]
    else:
        document = html.Span(title, lang="nl", className="source-document")  # the title as the document words it
    return [document, *(after if isinstance(after, list) else [after])] if after else [document]


def source_tooltip(refs, lang: str) -> str | None:
    """The line numbers of one or more `source_ref`s as a tooltip text (None when there are none)."""
    lines = "; ".join(x for x in (line_words(ref, lang) for ref in refs) if x)
    return t("sources.lines", lang, lines=lines) if lines else None


def cited_cell(value, words: dict, lang: str) -> list:
    """A cell that cites one or more documents by code ("seed:001; seed:004") as `source_cell`s, one per line."""
    cells: list = []
    for i, (code, ref) in enumerate(cited_sources(value)):
        cells += (["\n"] if i else []) + source_cell(code, ref, words, lang)
    return cells
