"""The shape of a statement's sentence (engine/shapes.py), and `quotes evaluate` counting its
misses and spurious records by shape."""

import json

import pytest

from quotes.engine.shapes import describe
from quotes.evaluate import evaluate, format_table


def _shape(nlp, text, content, cue, speaker):
    doc = nlp(text)
    start = text.index(content)
    cue_at = text.index(cue)
    speaker_at = text.index(speaker) if speaker else None
    return describe(doc, start, start + len(content), (cue_at, cue_at + len(cue)),
                    (speaker_at, speaker_at + len(speaker) if speaker else None))


@pytest.mark.parametrize("text, content, cue, speaker, shape", [
    ("Lena Ortiz said that the bridge will open.", "the bridge will open", "said", "Lena Ortiz",
     ("say", "S V C", "that clause")),
    ("The bridge will open, Lena Ortiz said.", "The bridge will open", "said", "Lena Ortiz",
     ("say", "C S V", "clause")),
    ("The bridge will open, said Lena Ortiz.", "The bridge will open", "said", "Lena Ortiz",
     ("say", "C V S", "clause")),
    ("Lena Ortiz asked whether the bridge would open.", "the bridge would open", "asked", "Lena Ortiz",
     ("ask", "S V C", "question")),
    ("Lena Ortiz urged residents to stay indoors.", "to stay indoors", "urged", "Lena Ortiz",
     ("urge", "S V C", "to infinitive")),
    ("Lena Ortiz said: “We will build it.”", "We will build it.", "said", "Lena Ortiz",
     ("say", "S V C", "quote marks")),
    ("The bridge will open in May. Lena Ortiz spoke later.", "The bridge will open in May", "spoke", None,
     ("speak", "C | S none", "clause")),
])
def test_a_statement_is_described_by_its_cue_the_order_of_its_parts_and_its_form(nlp, text, content, cue, speaker,
                                                                                  shape):
    assert _shape(nlp, text, content, cue, speaker).key() == shape


def test_evaluate_counts_misses_and_spurious_records_by_shape(nlp, tmp_path):
    text = "Lena Ortiz believes the bridge will open in May. Tom Renner told reporters the plan had failed."
    gold = {"id": "a", "text": text, "quotes": [
        {"start": text.index("the bridge"), "end": text.index(" in May") + 7, "text": "the bridge will open in May",
         "speaker": "Lena Ortiz", "speaker_start": 0, "speaker_end": 10, "cue": "believes", "type": "indirect"}]}
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(gold) + "\n")
    report = evaluate(str(path), nlp=nlp)
    shapes = {(s["kind"], s["cue"], s["order"], s["form"]): s["count"] for s in report.as_dict()["shapes"]}
    assert shapes == {("missed", "believe", "S V C", "clause"): 1, ("spurious", "tell", "S V C", "clause"): 1}
    assert "missed by shape" in format_table(report) and "spurious by shape" in format_table(report)
