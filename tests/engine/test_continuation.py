"""Quotes with no cue of their own: continuation, narration and turn-taking (engine/continuation.py, narration.py, dialogue.py)."""

from .conftest import one  # noqa: F401


def test_continuation_paragraph_and_split_quote(run):
    text = ("“Our budget is balanced,” Treasurer Ian Cole said. “It is the first time in a decade.”\n\n"
            "“Next year we will cut taxes.”\n\n"
            "Opposition leader Maya Roth disagreed.\n\n"
            "“The numbers do not add up.”")
    quotes = run(text)
    first, second = one(quotes, "Our budget"), one(quotes, "It is the first")
    assert first.statement == second.statement and second.method == "continuation"
    assert second.speaker == "Ian Cole"
    assert one(quotes, "Next year").speaker == "Ian Cole"
    # another person named in between: no continuation
    assert one(quotes, "The numbers").speaker != "Ian Cole"


def test_a_quote_resumed_after_its_attribution_and_narration_is_one_statement(run):
    text = ('"You are too kind," said Ilse Marwick, blushing at such praise; "how shall I ever thank '
            'you for all of it?"\n\nThe room was quiet.')
    quotes = run(text)
    first, second = one(quotes, "You are too kind"), one(quotes, "how shall I")
    assert second.type == "direct" and first.statement == second.statement
    assert first.speaker == second.speaker == "Ilse Marwick"


def test_a_split_quote_is_one_statement_even_when_its_speaker_is_unknown(run):
    text = ('The crowd was loud.\n\n"Policies like these should not be rare," she said. "They should be '
            'the rule."\n\nThe hall emptied.')
    quotes = run(text)
    first, second = one(quotes, "Policies like"), one(quotes, "They should be")
    assert first.statement == second.statement


def test_narration_before_a_quote_in_its_paragraph_names_the_speaker(run):
    text = ("The hall went quiet after the vote.\n\n"
            "Ilse Marwick almost fell off her chair. “You cannot mean that, not after all these years.”")
    q = one(run(text), "You cannot")
    assert (q.speaker, q.method) == ("Ilse Marwick", "narration")
    text = "The plan was approved on Monday. “It is a fine day for the town and for all of us.”"
    assert one(run(text), "It is a fine").speaker is None


def test_turn_taking_alternates_two_speakers_in_a_dialogue(run):
    text = ("“Are you coming down to the harbour?” asked Jon Petersen.\n\n"
            "“Not today,” said Ilse Marwick.\n\n"
            "“Why not?”\n\n"
            "“The tide is wrong, and the boat is not ready.”\n\n"
            "“Then tomorrow, Ilse?”\n\n"
            "“Tomorrow, Jon.”\n")
    quotes = run(text)
    assert [(q.speaker, q.method) for q in quotes[2:]] == [
        ("Jon Petersen", "turn_taking"), ("Ilse Marwick", "turn_taking"),
        ("Jon Petersen", "turn_taking"), ("Ilse Marwick", "turn_taking")]
    assert [q.addressee for q in quotes[2:]] == ["Ilse Marwick", "Jon Petersen", "Ilse Marwick", "Jon Petersen"]


def test_a_monologue_over_several_paragraphs_keeps_its_speaker(run):
    text = ("“We will build the bridge this year,” Mayor Lena Ortiz said.\n\n"
            "“It will open in May, before the summer crowds.”\n\n"
            "“And it will be free for everyone who lives here.”\n")
    quotes = run(text)
    assert [(q.speaker, q.method) for q in quotes] == [
        ("Lena Ortiz", "syntax"), ("Lena Ortiz", "continuation"), ("Lena Ortiz", "continuation")]


def test_a_quote_after_a_narration_paragraph_goes_to_its_subject(run):
    text = ("The council met on Monday.\n\n"
            "Anna Keller says she wants the council to think again about the school.\n\n"
            "“When my children come home, they tell me the roof leaks in every classroom.”")
    q = one(run(text), "When my children")
    assert (q.speaker, q.method) == ("Anna Keller", "narration")


def test_a_person_named_in_passing_in_the_attribution_does_not_stop_continuation(run):
    text = ("“I started young,” said Lena Ortiz, who once met the painter Paul Renner in Lisbon.\n\n"
            "“Nobody starts at the top. Everyone pays their dues.”")
    q = one(run(text), "Nobody starts")
    assert (q.speaker, q.method) == ("Lena Ortiz", "continuation")
    told = run("“We are ready,” Lena Ortiz told Paul Renner.\n\n“Then go ahead.”")
    assert one(told, "Then go").speaker != "Lena Ortiz"


def test_a_quote_continues_the_speaker_of_the_reported_statement_before_it(run):
    text = ("Lena Ortiz says she wants the council to listen to the parents.\n\n"
            "“When my children come home upset, nobody at the town hall asks why.”")
    assert one(run(text), "When my children").speaker == "Lena Ortiz"
    mixed = run("The vote was “a disaster for the town,” Paul Renner told reporters before "
                "criticising Lena Ortiz's plan. “She wants to save her own project.”")
    assert one(mixed, "She wants").speaker == "Paul Renner"


def test_a_continued_quote_points_at_the_mention_that_named_its_speaker(run):
    text = "“We will build the tunnel,” Lena Ortiz said.\n\n“It will take five years.”"
    first, second = run(text)
    assert second.method == "continuation"
    assert (second.speaker_mention, second.speaker_start) == (first.speaker_mention, first.speaker_start) == (
        "Lena Ortiz", text.index("Lena"))


def test_a_quote_after_a_statement_of_several_paragraphs_goes_on_with_its_speaker(run):
    text = ("“The process is flawed,” Hal Brennan said Monday. “The proposal itself is badly made.\n\n"
            "“So people come to conclusions with poor information.\n\n"
            "“We want people to decide with the right information,” Brennan added.\n\n"
            "“Closing the sessions did two things, and both were wrong.”")
    assert one(run(text), "Closing the sessions").speaker == "Hal Brennan"


def test_a_paragraph_of_narration_that_names_no_one_does_not_stop_continuation(run):
    text = ("“People lost a third of their earnings,” said Alan Gartner, who led the study.\n\n"
            "The financial fallout from a stroke was the most significant, with a 31 per cent drop.\n\n"
            "“Stroke patients were losing about a third of their incomes.”")
    assert one(run(text), "Stroke patients").speaker == "Alan Gartner"
    text = ("“People lost a third of their earnings,” said Alan Gartner, who led the study.\n\n"
            "Maria Colt, a nurse, disagreed with the figures.\n\n"
            "“Stroke patients were losing about a third of their incomes.”")
    assert one(run(text), "Stroke patients").speaker != "Alan Gartner"


def test_a_quote_after_an_answer_to_an_interviewer_goes_on_with_the_one_interviewed(run):
    text = ("“We can't have this naive approach,” Lena Ortiz told radio host Paul Renner.\n\n"
            "“There are a lot of real concerns here.”")
    assert one(run(text), "There are a lot").speaker == "Lena Ortiz"


def test_a_paragraph_about_the_same_speaker_does_not_stop_continuation(run):
    text = ("“Three patients waited more than half an hour,” said Terry Chapman of the paramedics' union.\n\n"
            "Chapman admits in this instance, there were fatalities.\n\n"
            "“I can't say the wait caused them to die.”")
    assert one(run(text), "I can't say").speaker == "Terry Chapman"


def test_a_quote_carried_on_from_a_reported_statement_passes_its_speaker_on(run):
    text = ("In the report, Sen. Mara Quill said the board had failed to deal with the pattern of violence.\n\n"
            "\u201cThe board's failure to act is indicative of wilful blindness,\u201d Quill states. "
            "\u201cThe board has perpetuated systemic discrimination in the city.\u201d")
    assert one(run(text), "The board has perpetuated").speaker == "Mara Quill"


def test_a_possessed_message_a_colon_opens_gives_the_next_quote_to_its_owner(run):
    text = ("Marla Quinlan now lives in a small house outside Elmvale.\n\n"
            "Her message now is simple: lock away old pills.\n\n"
            "\"You never know who will open that cabinet. It only takes one.\"")
    assert one(run(text), "You never know").speaker == "Marla Quinlan"


def test_organisations_issuing_statements_are_no_dialogue(run):
    text = ("The Northland Trade Office called for the release of the two men.\n\n"
            "“We share the commitment to the rule of law,” the office said in a statement.\n\n"
            "A statement from the Coastal Union said, “the stated motive raises concerns about research.”\n\n"
            "“Holding people without a lawyer is contrary to the right of defence. The union supports "
            "the efforts of the government.”")
    assert one(run(text), "Holding people").speaker == "the Coastal Union"


def test_a_quote_goes_on_over_a_closing_aside_that_names_others(run):
    text = ('"We have had some tremendous success as a nation these last few years," said Owen Farrell, '
            'who, along with Tate and Hume, has won on the tour. Mike Silvano and Nick Brandt have also won on the '
            'junior tour.\n\n'
            '"We are all proud to play for our country, and we hope to see a couple of us in contention."')
    assert one(run(text), "We are all proud").speaker == "Owen Farrell"


def test_a_backshifted_sentence_with_a_quoted_fragment_goes_on_with_the_reported_speech(run):
    text = ("Lena Ortiz said the Varne bridge would open late. The council would “need to be patient” "
            "with the builders.\n\nThe mayor arrived at noon. The town would “need to be patient” too.")
    quotes = run(text)
    sequel = one(quotes, "The council")
    assert (sequel.type, sequel.speaker, sequel.cue) == ("mixed", "Lena Ortiz", None)
    assert sequel.text == "The council would “need to be patient” with the builders"
    assert not [q for q in quotes if q.text.startswith("The town")]  # (no reported speech before it)


def test_no_sequel_without_a_backshifted_verb_or_with_a_cue_of_its_own(run):
    text = ("Lena Ortiz said the Varne bridge would open late. The council has been “patient” with the builders. "
            "The builders would “need more time”, Tom Renner said.")
    quotes = run(text)
    assert not [q for q in quotes if q.text.startswith("The council")]
    assert [q.speaker for q in quotes if "need more time" in q.text] == ["Tom Renner"]


def test_a_verb_after_a_quote_that_ends_in_a_colon_introduces_the_next_quote(run):
    text = ('"We have searched long and hard," said chief executive David Moorcroft. "We have tested '
            'the candidates. I believe David will make a great leader." Collins said: "It is a great challenge."')
    quotes = run(text)
    assert one(quotes, "We have tested").speaker == "David Moorcroft"
    assert one(quotes, "It is a great").speaker == "Collins"


def test_people_quoted_one_after_another_are_no_dialogue(run):
    # A writer quoting two people in turn: a cue-less quote after the second goes on with
    # the second, as neither asks, calls the other by name nor speaks to the other.
    text = ("“We will build the bridge this year,” Mayor Lena Ortiz said.\n\n"
            "“The money is not there for a bridge,” said councillor Tom Renner.\n\n"
            "“The council has spent its reserves on the new depot already.”\n\n"
            "“Nobody has shown us the costs of the work yet.”\n")
    quotes = run(text)
    assert [(q.speaker, q.method) for q in quotes[2:]] == [
        ("Tom Renner", "continuation"), ("Tom Renner", "continuation")]


def test_a_question_between_two_people_makes_their_quotes_a_dialogue(run):
    text = ("“Will the bridge open this year?” asked Tom Renner.\n\n"
            "“It will open in May,” said Lena Ortiz.\n\n"
            "“And who will pay for it?”\n")
    quotes = run(text)
    last = quotes[-1]
    assert (last.speaker, last.resolver) == ("Tom Renner", "turn-taking")
    assert "Tom Renner" in last.evidence and "Lena Ortiz" in last.evidence


def test_a_title_before_the_name_after_a_quote_does_not_hide_the_speaker(run):
    # The parser hangs the words after the quote on the quote; the one told is no speaker.
    text = ("The winger is injured.\n\n"
            "“Under the agreement, England wanted a second opinion, which they can do,” director of "
            "rugby Nigel Melville told the Gloucester Citizen.\n")
    quote = one(run(text), "Under the agreement")
    assert (quote.speaker, quote.addressee) == ("Nigel Melville", "Gloucester Citizen")
