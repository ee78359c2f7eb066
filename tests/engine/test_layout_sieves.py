"""The colon, dash and cue-phrase sieves, and headline colons (engine/layout.py, phrase.py, reported.py, pullquotes.py)."""

from .conftest import one  # noqa: F401


def test_colon_introduces_the_quote(run):
    q = one(run("Paul Renner was blunt: “Nobody will stop this bill.”"), "Nobody")
    assert q.speaker == "Paul Renner"
    text = "The director of the museum, Ana Liu, said:\n\n“We expect a record year for visitors.”"
    assert one(run(text), "We expect").speaker == "Ana Liu"


def test_according_to_and_trailing_dash(run):
    quotes = run("The factory will close in March, according to union leader Marta Silva.")
    q = one(quotes, "The factory")
    assert (q.speaker, q.cue, q.type) == ("Marta Silva", "according to", "indirect")
    q = one(run("“Never give up on the second half.” - Coach Dan Meyer"), "Never give up")
    assert (q.speaker, q.method) == ("Dan Meyer", "cue_phrase")


def test_headline_colon_names_the_speaker(run):
    text = "Mayor Lena Ortiz: city budget will be balanced by spring\n\nThe council met on Monday."
    q = one(run(text), "city budget")
    assert (q.speaker, q.cue, q.type) == ("Lena Ortiz", ":", "indirect")
    assert run("Weather: rain and wind all week\n\nNothing else happened.") == []


def test_a_colon_after_the_thing_said_gives_the_quote_to_who_says_it(run):
    quotes = run("Worried about turnout, Mayor Paul Renner is rolling out a new and more personal campaign "
                 "message: “It is about me.”\n\nThe council issued a terse statement: “We will not comment.”\n\n"
                 "Lena Ortiz was blunt: “No.”")
    assert [(q.text, q.speaker) for q in quotes] == [
        ("It is about me.", "Paul Renner"), ("We will not comment.", "the council"), ("No.", "Lena Ortiz")]


def test_an_organisation_subject_before_a_colon_is_the_speaker(run):
    q = one(run("The union, in a note to members, worded it more carefully: “Talks are paused, not over.”"), "Talks")
    assert (q.speaker, q.speaker_kind, q.cue) == ("the union", "organisation", ":")


def test_the_verb_a_colon_closes_introduces_the_quote(run):
    quotes = run("“We are glad you came,” Paul Renner said as Jon Petersen yelled: “Go home!”")
    assert one(quotes, "Go home").speaker == "Jon Petersen"


def test_a_headline_title_speaker_is_the_person_the_article_gives_that_title(run):
    text = ("Minister: ferries will run again on Sunday\n\n"
            "Transport Minister Anna Keller said on Friday that the strike was over.")
    q = one(run(text), "ferries will run")
    assert (q.speaker, q.cue) == ("Anna Keller", ":")


def test_a_headline_colon_without_a_claim_is_no_statement(run):
    assert run("Euro/pound: DOWN at 90.12 pence from 90.28 pence.\n\nOrtiz and Renner: a long rivalry\n\nMarkets were calm.") == []


def test_a_label_before_a_colon_is_no_speaker(run):
    text = ("Lena Ortiz and Paul Renner, The Harbour Press\n\n"
            "Warning: This story contains disturbing details.\n\n"
            "BARRON, Wis. -- For nearly three months, a girl was forced to hide.\n\n"
            "“No, that’s the mom,” says my two-year-old.\n\n"
            "Relevant Reading: Understanding Gender in 2019 is Way Over My Head — But My Teen Girls Are Helping "
            "Me Get There")
    assert [q.text for q in run(text)] == ["No, that’s the mom,"]


def test_a_heading_word_for_someone_before_a_colon_leaves_the_quote_to_its_attribution(run):
    text = ("MARKETS: Stocks fell on Monday.\n\n"
            "ANALYST'S VIEWPOINT: \"Today what matters is the second day of talks. Does he really need that "
            "deal, or can he let his team push back harder?\" Lena Ortiz, a senior strategist for Harbour Bank, "
            "said in a commentary.")
    q = one(run(text), "Today what matters")
    assert q.speaker == "Lena Ortiz"


def test_a_transcripts_speaker_before_a_colon_stays_a_speaker(run):
    text = ("(END VIDEO CLIP.)\n\n"
            "MARLOW: And obviously, you are supporting the governor, I think there are skeptical voters.\n\n"
            "Q: You open your book on May 17, 2001. What did you find?")
    assert [q.speaker for q in run(text)] == ["MARLOW", "Q"]


def test_a_quote_after_an_organisation_issued_a_statement_is_that_statement(run):
    text = ("At the chair’s direction, the Harbour Party issued a statement apologizing to Renner for the "
            "emails.\n\n"
            "“On behalf of everyone at the party, we want to offer a deep and sincere apology to Senator Renner.”")
    q = one(run(text), "On behalf of everyone")
    assert (q.speaker, q.speaker_kind) == ("the Harbour Party", "organisation")


def test_a_pull_quote_is_the_credited_persons_statement(run):
    text = ("Ferris Dunmore spent eleven years on the board.\n\n"
            "The board's repeated failures to listen to the families constitute an emergency. Ferris Dunmore\n\n"
            "The review is due in June.")
    q = one(run(text), "The board's repeated failures")
    assert q.speaker == "Ferris Dunmore" and q.type == "indirect"
    assert not q.text.endswith("Dunmore")


def test_a_quote_right_after_a_pull_quote_is_its_speakers(run):
    text = ("“There is nothing in that decision that makes anyone safer,” prosecutor Anika Stroud said.\n\n"
            "He has a long record of violence over most of his adult life. District Attorney Anika Stroud\n\n"
            "\"We're bound by the sentencing rules of 1996. In no way does that create a safety net.\"")
    assert one(run(text), "We're bound").speaker == "Anika Stroud"


def test_a_paragraph_ending_with_a_name_after_a_verb_is_no_pull_quote(run):
    quotes = run("The award this year went to Ferris Dunmore")
    assert not quotes


def test_a_quote_a_sentence_calls_someones_reply_is_theirs(run):
    text = "The club posted a video of the match.\n\n“The best save this season!” was the response of one jolly viewer."
    q = one(run(text), "The best save")
    assert (q.speaker, q.speaker_kind, q.sieve) == ("one jolly viewer", "anonymous", "equated")


def test_her_answer_was_gives_the_quote_to_her(run):
    text = "Marta Ilic was asked about the vote.\n\nHer answer was, “Not today.”"
    assert one(run(text), "Not today").speaker == "Marta Ilic"


def test_a_transcript_line_in_quote_marks_is_its_labels_and_the_next_label_starts_a_new_quote(run):
    text = ("Lena Ortiz questioned Tom Brandt on Sunday.\n\n"
            "\"ORTIZ: Governor, I don't want to interrupt, but I want to try to get an answer.\n\n"
            "\"BRANDT: And that is why we will win the state in November.\"")
    quotes = run(text)
    assert one(quotes, "ORTIZ").speaker == "Lena Ortiz"
    assert one(quotes, "BRANDT").speaker == "Tom Brandt"
