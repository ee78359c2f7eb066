"""What a headline's colon is not: page furniture, a web address, a label's phrase with no
claim (engine/standalone.py, quotes/data/furniture_labels.txt)."""

from quotes import extract


def _headline_records(nlp, text):
    return [(q.speaker_mention, q.text) for q in extract(text, nlp=nlp) if q.sieve == "headline"]


def test_page_furniture_before_a_colon_is_no_speaker(nlp):
    text = ("Editor's note: This story has been updated to include comments from Lena Ortiz.\n\n"
            "Graphic: How the new tax rules affect families in Dunmore.\n\n"
            "GUIDE: Where the new rinks will open in Dunmore this winter.\n\n"
            "Lena Ortiz spoke at noon.")
    assert _headline_records(nlp, text) == []


def test_a_web_address_is_no_headline(nlp):
    text = ("Ortiz rally href=\u201dhttps://storify.com/dunmore/a-rally-in-dunmore-anger-in-here-is-palpable\u201d>"
            "Ortiz rally in Dunmore\n\nLena Ortiz spoke at noon.")
    assert _headline_records(nlp, text) == []


def test_a_label_with_a_phrase_and_no_claim_is_no_statement(nlp):
    text = ("Dunmore's ageing workforce: built to last\n\n"
            "Lena Ortiz: The quiet builder\n\n"
            "Lena Ortiz spoke at noon.")
    assert _headline_records(nlp, text) == []


def test_a_headline_with_a_claim_or_a_question_stays(nlp):
    text = ("Ortiz: bridge will open in May\n\n"
            "Q: And the idea of building a second bridge?\n\n"
            "Lena Ortiz spoke at noon.")
    assert [words for _, words in _headline_records(nlp, text)][:1] == ["bridge will open in May"]
