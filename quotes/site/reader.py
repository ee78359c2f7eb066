"""An article as paragraphs of HTML with every statement marked: the text escaped, each
quote in a <mark> that carries its speaker's colour, an anchor (q{start}-{end}) and, at its
first paragraph, a label naming the speaker. Offsets index the original text."""

from __future__ import annotations

from markupsafe import Markup, escape

from .charts import NO_SPEAKER, colour
from ..paragraphs import paragraph_spans


def anchor(start: int, end: int) -> str:
    return f"q{start}-{end}"


def speaker_colours(quotes: list[dict]) -> dict:
    """A colour for each speaker id, in order of first appearance (None: no speaker)."""
    colours = {}
    for q in sorted(quotes, key=lambda q: q["start"]):
        if q["speaker_id"] is not None and q["speaker_id"] not in colours:
            colours[q["speaker_id"]] = colour(len(colours))
    colours[None] = NO_SPEAKER
    return colours


def paragraphs(text: str, quotes: list[dict], colours: dict, speaker_url) -> list[Markup]:
    """The paragraphs as HTML. `speaker_url(id)` gives the profile link of a speaker."""
    ordered = sorted(quotes, key=lambda q: (q["start"], -q["end"]))
    out = []
    begin = 0  # the quotes before it ended before this paragraph: an article of a thousand
    # statements is read in one pass, not a thousand
    for p_start, p_end in paragraph_spans(text):
        while begin < len(ordered) and ordered[begin]["end"] <= p_start:
            begin += 1
        pieces, position = [], p_start
        for i in range(begin, len(ordered)):
            q = ordered[i]
            if q["start"] >= p_end:
                break
            start, end = max(q["start"], position), min(q["end"], p_end)
            if q["end"] <= p_start or end <= start:
                continue  # outside this paragraph, or inside a quote already marked
            pieces.append(escape(text[position:start]))
            first = p_start <= q["start"] < p_end
            if first:
                pieces.append(_label(q, colours, speaker_url))
            pieces.append(Markup('<mark class="statement" style="--who: {}"{}>{}</mark>').format(
                colours.get(q["speaker_id"], NO_SPEAKER),
                Markup(' id="{}"').format(anchor(q["start"], q["end"])) if first else "",
                escape(text[start:end])))
            position = end
        pieces.append(escape(text[position:p_end]))
        out.append(Markup("").join(pieces))
    return out


def why(q: dict) -> str:
    """Why this speaker, in words: the mention the article wrote and the evidence that
    says who it is ("she" -> "pronoun: nearest female subject, 1 sentence back")."""
    if not q.get("evidence"):
        return ""
    mention = f"“{q['speaker_mention']}”: " if q.get("speaker_mention") else ""
    return f"Why this speaker: {mention}{q['evidence']}"


def _label(q: dict, colours: dict, speaker_url) -> Markup:
    who = colours.get(q["speaker_id"], NO_SPEAKER)
    if q["speaker_id"] is None:
        name = Markup('<span class="who-name">no speaker found</span>')
    else:
        name = Markup('<a class="who-name" href="{}"{}>{}</a>').format(
            speaker_url(q["speaker_id"]), Markup(' title="{}"').format(why(q)) if why(q) else "", q["speaker"])
    return Markup('<span class="who" style="--who: {}">{}<a class="permalink" href="#{}" '
                  'title="Link to this statement">{}</a>{}</span>').format(
        who, name, anchor(q["start"], q["end"]), q["type"] or "", q.get("travel") or "")
