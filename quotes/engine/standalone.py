"""Statements that stand as a paragraph of their own, with their source in the same
paragraph and no verb: a headline's colon ('Minister: talks will resume') and a pull quote
('It was never about the money. Mayor Lena Ortiz'). Each is a candidate whose `credit`
holds the words that name the source; the `headline` and `pull_quote` sieves read them.
"""

from __future__ import annotations

from .boilerplate import inside
from .lexicon import furniture_labels
from .state import Candidate, Context, Found
from .pullquotes import credit
from .tokens import PERSON_LABELS, token_range, word_count

HEADLINE_MAX_WORDS = 20
HEAD_MAX_WORDS = 5  # words before the colon at most
SUBJECT_DEPS = ("nsubj", "nsubjpass", "expl", "csubj")


def headline_candidates(ctx: Context, found: Found) -> list[Candidate]:
    """Short paragraphs whose first words, up to a colon, hold a name."""
    candidates = []
    for p_start, p_end in ctx.paragraphs:
        if inside(ctx.skip, p_start, p_end):
            continue
        paragraph = ctx.text[p_start:p_end]
        colon = paragraph.find(":")
        if colon <= 0 or word_count(paragraph) > HEADLINE_MAX_WORDS or "\n" in paragraph:
            continue
        head, rest = paragraph[:colon], paragraph[colon + 1:]
        if word_count(head) > HEAD_MAX_WORDS or word_count(rest) < 3 or rest.lstrip()[:1] in "\u201c\u2018\"'" \
                or any(c in head for c in ".!?") or rest[:1] == "/":
            continue  # (a long head, a quote, a sentence before the colon, an address's "https:")
        if " ".join(head.lower().replace("\u2019", "'").split()) in furniture_labels():
            continue  # page furniture: "Editor's note: …", "Graphic: …"
        start = p_start + colon + 1 + (len(rest) - len(rest.lstrip()))
        end = p_end
        while end > start and ctx.text[end - 1] in ".!?":
            end -= 1
        r_start, r_end = token_range(ctx.doc, start, end)
        rest_tokens = ctx.doc[r_start:r_end]
        if not any(t.pos_ in ("VERB", "AUX") for t in rest_tokens):
            continue  # "Euro/pound: DOWN at 90.12", "X and Y: a tortured relationship": no claim
        if not any(t.dep_ in SUBJECT_DEPS or t.is_quote for t in rest_tokens) and not paragraph.rstrip().endswith("?"):
            continue  # a label's phrase, not a claim or a question: "Japan: built to last", "X: closed for a holiday"
        h_start, h_end = token_range(ctx.doc, p_start, p_start + colon)
        if not any(t.pos_ == "PROPN" or t.ent_type_ in PERSON_LABELS for t in ctx.doc[h_start:h_end]):
            continue
        candidates.append(Candidate(kind="indirect", content=(r_start, r_end), start=start, end=end,
                                    spans=((start, end),), tokens=(r_start, r_end), credit=(h_start, h_end)))
    return candidates


def pull_quote_candidates(ctx: Context, found: Found) -> list[Candidate]:
    """The paragraphs of a document laid out as pull quotes."""
    candidates = []
    for p_start, p_end in ctx.paragraphs:
        if inside(ctx.skip, p_start, p_end):
            continue
        t_start, t_end = token_range(ctx.doc, p_start, p_end)
        if t_end <= t_start or not (ctx.doc[t_end - 1].pos_ == "PROPN" or ctx.doc[t_end - 1].is_space):
            continue  # (a cheap test first: a paragraph that ends with a name)
        credited = credit(ctx, t_start, t_end)
        if credited is None:
            continue
        end_token, name = credited
        start, end = ctx.doc[t_start].idx, ctx.doc[end_token].idx + len(ctx.doc[end_token])
        candidates.append(Candidate(kind="indirect", content=(t_start, end_token + 1), start=start,
                                    end=end, spans=((start, end),), tokens=(t_start, end_token + 1),
                                    credit=(name.start, name.end)))
    return candidates
