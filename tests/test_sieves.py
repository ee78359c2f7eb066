"""Each sieve held to its behaviour on small texts written for the purpose."""

import pytest

from quotes import extract


@pytest.fixture(scope="module")
def run(nlp):
    def _run(text):
        quotes = extract(text, nlp=nlp)
        assert len({(q.start, q.end) for q in quotes}) == len(quotes)  # offsets identify a record
        for q in quotes:
            assert text[q.start:q.end] == q.text
            if q.speaker_start is not None:
                assert text[q.speaker_start:q.speaker_end] == q.speaker_mention
        return quotes
    return _run


def one(quotes, startswith):
    matches = [q for q in quotes if q.text.startswith(startswith)]
    assert len(matches) == 1, [q.text for q in quotes]
    return matches[0]


def test_syntax_subject_of_the_cue(run):
    q = one(run("“The bridge will open in May,” Mayor Lena Ortiz said on Monday."), "The bridge")
    assert (q.speaker, q.cue, q.method, q.type) == ("Lena Ortiz", "said", "syntax", "direct")
    assert q.confidence >= 0.9


def test_inversion_postposed_speaker(run):
    q = one(run("“We have the votes,” declared Senator Paul Renner."), "We have")
    assert (q.speaker, q.method) == ("Paul Renner", "inversion")
    q = one(run("Paul Renner spoke first. “We have the votes,” said the senator."), "We have")
    assert q.speaker == "Paul Renner"


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


def test_pronoun_resolves_to_the_speaker_not_the_addressee(run):
    text = ("Minister Ruth Adler told her counterpart Omar Haddad that talks would go on. "
            "“We will not walk away,” she said.")
    quotes = run(text)
    q = one(quotes, "We will not")
    assert (q.speaker, q.speaker_mention, q.method) == ("Ruth Adler", "she", "coreference")
    told = one(quotes, "talks would go on")
    assert told.addressee == "Omar Haddad" and told.speaker == "Ruth Adler"


def test_pronoun_gender_skips_a_person_of_the_other_gender(run):
    text = ("Mrs. Clara Voss runs the bakery with her husband, Tomas Voss. "
            "“Bread is our life,” she said.")
    assert one(run(text), "Bread is").speaker == "Clara Voss"


def test_nominal_description_resolves_to_a_named_person(run):
    text = ("Ana Liu has run the gallery for twenty years. "
            "“Art needs room to breathe,” says the soft-spoken curator.")
    q = one(run(text), "Art needs")
    assert (q.speaker, q.method) == ("Ana Liu", "coreference")


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


def test_multi_paragraph_quote_is_one_record(run):
    text = ("Ian Cole said:\n\n“The first part of the plan is simple.\n\n"
            "“The second part is harder, and it will take years.”\n\nThe end.")
    q = one(run(text), "The first part")
    assert q.text.endswith("it will take years.") and len(q.type) and q.speaker == "Ian Cole"


def test_scare_quotes_and_titles_are_not_statements(run):
    quotes = run("The so-called “reform” was debated in the film “Nights of Rain” last week.")
    assert quotes == []


def test_mixed_quote_belongs_to_the_statement(run):
    q = one(run("Ian Cole said that the plan was “a disaster for everyone” and must be dropped."), "the plan")
    assert (q.type, q.speaker) == ("mixed", "Ian Cole")


def test_indirect_speech_with_that_clause(run):
    q = one(run("Police said that the suspect had fled north."), "the suspect")
    assert (q.type, q.speaker, q.speaker_kind) == ("indirect", "Police", "organisation")


def test_group_speaker(run):
    q = one(run("The two leaders agreed to meet again in June."), "to meet")
    assert (q.speaker, q.speaker_kind) == ("the two leaders", "group")


def test_boilerplate_yields_nothing(run):
    text = ("READ MORE: Mayor says “the city is broke” in leaked memo\n\n"
            "Share this article\n\nPlease enter your comment!")
    assert run(text) == []


def test_unbalanced_mark_does_not_swallow_the_article(run):
    text = ("The mayor called the plan “a waste of money and left the room.\n\n"
            "“A fine day for sailing,” Captain Eva Berg said.")
    q = one(run(text), "A fine day")
    assert q.speaker == "Eva Berg"


def test_nothing_found_in_plain_text(run):
    assert run("The river rose by two metres overnight and the road was closed.") == []


def test_description_of_an_unnamed_person_is_not_resolved_to_a_named_one(run):
    text = ("One man in the crowd interrupted Senator Paul Renner.\n\n"
            "“You sold us out,” the man shouted.")
    q = one(run(text), "You sold")
    assert q.speaker == "the man" and q.method != "coreference"
    text = "Ana Liu spoke first. “It is a mistake,” the Renner supporter said."
    assert one(run(text), "It is a").speaker != "Ana Liu"


def test_headline_colon_names_the_speaker(run):
    text = "Mayor Lena Ortiz: city budget will be balanced by spring\n\nThe council met on Monday."
    q = one(run(text), "city budget")
    assert (q.speaker, q.cue, q.type) == ("Lena Ortiz", ":", "indirect")
    assert run("Weather: rain and wind all week\n\nNothing else happened.") == []


def test_titles_and_markup_attributes_are_not_quotes(run):
    assert run("Her new book, “Doomed to Succeed Again,” came out in March.") == []
    assert run('The page held <img pic="a.jpg" author="staff"> and nothing else.') == []


def test_fragment_governed_by_a_speech_verb_is_mixed(run):
    q = one(run("The premier called the allegation “false and malicious” on Thursday."), "the allegation “false and")
    assert (q.type, q.speaker, q.cue) == ("mixed", "the premier", "called")


def test_short_quote_right_after_a_word_with_its_attribution(run):
    q = one(run("Asked about the vote, “Fine,” said Tom Park."), "Fine")
    assert (q.type, q.speaker) == ("direct", "Tom Park")


def test_lone_surrogates_keep_offsets(run):
    text = "Bad byte \ud800 here. “We are open,” Ana Liu said."
    q = one(run(text), "We are open")
    assert q.start == text.index("We are open") and q.speaker == "Ana Liu"


def test_group_of_named_people_is_named_by_its_members(run):
    text = "Mayor Lena Ortiz met Governor Paul Renner. Ortiz and Renner agreed to share the costs."
    q = one(run(text), "to share")
    assert (q.speaker, q.speaker_kind) == ("Lena Ortiz and Paul Renner", "group")


def test_markup_attribute_values_with_an_empty_one_are_not_quotes(run):
    text = ('Senator Paul Renner wrote on Friday.\n\n<post pic="" author="prenner" id="42">We will win '
            'this vote.</post>\n\nThe vote is on Monday.')
    assert [q for q in run(text) if "prenner" in q.text or q.text.strip() == ""] == []


def test_a_title_after_a_preposition_or_possessive_is_not_a_quote_even_before_a_speech_verb(run):
    text = ("Speaking on the network’s “Morning Table,” Lena Ortiz said the bridge would open.\n\n"
            "“It is done,” Ortiz told “Evening Hour,” adding that the money was there.")
    quotes = run(text)
    assert not any(q.text.startswith(("Morning Table", "Evening Hour")) for q in quotes), [q.text for q in quotes]
    assert one(quotes, "It is done").speaker == "Lena Ortiz"


def test_terms_listed_in_quote_marks_are_not_quotes(run):
    text = 'Clerks searched the files for words such as "harbour," "Tilbury," "Marwick" and "tide tables."'
    assert [q for q in run(text) if q.type == "direct"] == []
    text = 'The hacker known as “Nightjar,” said he had read the mails.'
    assert [q for q in run(text) if q.type == "direct"] == []


def test_a_short_phrase_the_sentence_goes_on_from_is_not_a_quote(run):
    text = "“Night Watch” host Ilse Marwick spoke to the crowd on Monday.\n\n‘Thin-skinned’ mayor sues critics"
    assert [q for q in run(text) if q.type == "direct"] == []
    q = one(run("Jon Petersen laughed and replied, “I am a good sailor” and walked off."), "I am a good")
    assert (q.type, q.speaker) == ("direct", "Jon Petersen")


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


def test_negated_passive_and_imperative_speech_verbs_report_no_statement(run):
    assert run("Jon Petersen would not say what the message was.") == []
    assert run("When asked whether the budget was too high, Ilse Marwick smiled.") == []
    assert run("Tell your partner why you think the plan would work.") == []
    q = one(run("Jon Petersen said the message was clear."), "the message")
    assert (q.type, q.speaker) == ("indirect", "Jon Petersen")


def test_a_quote_after_a_narration_paragraph_goes_to_its_subject(run):
    text = ("The council met on Monday.\n\n"
            "Anna Keller says she wants the council to think again about the school.\n\n"
            "“When my children come home, they tell me the roof leaks in every classroom.”")
    q = one(run(text), "When my children")
    assert (q.speaker, q.method) == ("Anna Keller", "narration")


def test_the_author_of_a_statement_noun_is_the_speaker(run):
    text = "Minister Ilse Marwick left on Friday.\n\n“We will not bend,” her statement said."
    q = one(run(text), "We will not")
    assert q.speaker == "Ilse Marwick" and q.speaker_mention == "her"


def test_an_apposition_across_a_relative_clause_is_not_the_speaker(run):
    text = ("Tom Brandt opened the shop in May.\n\n“It is months and months of work,” says the self-taught "
            "Harbourview resident, who sold 40 copies of his mystical war comic Lost Sentinel: The Iron Soldier, "
            "inspired by the movies.")
    q = one(run(text), "It is months")
    assert "Soldier" not in (q.speaker or "")
    q = one(run("“We will win,” said a spokesman for the ministry, Jon Petersen."), "We will win")
    assert q.speaker == "Jon Petersen"


def test_the_subject_of_a_passive_speech_verb_is_spoken_to_not_the_speaker(run):
    quotes = run("Jon Petersen was asked, “Would you have told her it was a bad idea?” He answered, “I have no idea.”")
    asked, answer = one(quotes, "Would you"), one(quotes, "I have no idea")
    assert asked.speaker is None and asked.addressee == "Jon Petersen"
    assert answer.speaker == "Jon Petersen"


def test_reported_content_before_its_attribution_runs_up_to_it(run):
    text = ("Readings fell by five points. It means some people moved their readings from high to "
            "normal, a significant finding for a program without drugs, researchers say.")
    q = one(run(text), "It means")
    assert q.text.endswith("a program without drugs") and q.speaker == "researchers"


def test_a_pronoun_reads_on_from_the_pronoun_before_it(run):
    text = ("Lena Ortiz runs the school board. She said the board would answer in a letter to Paul Renner.\n\n"
            "“We have more pupils than anyone,” she said.")
    q = one(run(text), "We have more")
    assert (q.speaker, q.method) == ("Lena Ortiz", "coreference")


def test_a_name_the_model_left_unlabelled_is_a_person_when_it_speaks(run):
    # the small model labels "Mira Tavesh" but not the bare "Tavesh" of "Tavesh said"
    quotes = run("For Mira Tavesh, the strike meant a long winter. Anna Keller, her neighbour, lost her job. "
                 "Tavesh said she was lucky.\n\n“I think I was fortunate,” she said.")
    assert one(quotes, "I think").speaker == "Mira Tavesh"


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


def test_noun_objects_that_are_no_statement_are_not_reported(run):
    quotes = run("The ministry denied a request from the school board for a new gym. Lena Ortiz recalls "
                 "long evenings of rehearsal in the old hall. The council denied the parents the permits "
                 "they needed. Paul Renner cited the rising cost of steel and timber.")
    assert [q.text for q in quotes] == ["the rising cost of steel and timber"]


def test_scolding_and_echoing_are_speech(run):
    quotes = run("“Nobody reads the minutes,” scolded Lena Ortiz.\n\n“A budget is a choice,” echoes Paul Renner.")
    assert [(q.speaker, q.method) for q in quotes] == [("Lena Ortiz", "inversion"), ("Paul Renner", "inversion")]


def test_according_to_in_the_middle_leaves_it_out_of_the_content(run):
    text = ("The new hall will replace the old arena, which has two rinks, according to the city, "
            "and that arena will close next spring.")
    quotes = run(text)
    assert [q.text for q in quotes] == [
        "The new hall will replace the old arena, which has two rinks", "that arena will close next spring"]
    assert {(q.speaker, q.method, q.statement) for q in quotes} == {("the city", "cue_phrase", quotes[0].statement)}
    text = "The volcano erupted again on Saturday and the wave struck an hour later, according to the agency."
    q = one(run(text), "The volcano")
    assert q.text == "The volcano erupted again on Saturday and the wave struck an hour later"


def test_an_attribution_set_inside_the_reported_clause_splits_it(run):
    text = "Paul Renner has run the ferry for twenty years. It's normal, he says, for the crossing to take an hour in winter."
    quotes = run(text)
    assert [q.text for q in quotes] == ["It's normal", "for the crossing to take an hour in winter"]
    assert {(q.speaker, q.type, q.statement) for q in quotes} == {("Paul Renner", "indirect", quotes[0].statement)}
    assert quotes[0].statement is not None


def test_an_attribution_set_inside_before_the_verb_it_reports(run):
    text = "The ferry, Lena Ortiz said, has lost money every “single, solitary” winter since 2010."
    quotes = run(text)
    assert [q.text for q in quotes] == ["The ferry", "has lost money every “single, solitary” winter since 2010"]
    assert {(q.speaker, q.type, q.statement) for q in quotes} == {("Lena Ortiz", "mixed", quotes[0].statement)}


def test_a_quoted_description_runs_on_over_what_the_text_adds_to_it(run):
    q = one(run("Paul Renner called the agreement “an historic step forward” in global efforts to clean the river."),
            "the agreement")
    assert (q.text, q.speaker, q.type) == (
        "the agreement “an historic step forward” in global efforts to clean the river", "Paul Renner", "mixed")


def test_a_show_named_after_a_speech_verb_is_not_what_was_said(run):
    quotes = run("“The river is the city,” Paul Renner said on “Lake News Sunday.”\n\n"
                 "“It is nonsense,” Lena Ortiz said by telephone on the network’s “Meet the Voters.”\n\n"
                 "Anna Keller told KLM’s “Meet the Voters” that the campaign believes it will win.")
    assert [(q.text, q.speaker) for q in quotes] == [
        ("The river is the city,", "Paul Renner"), ("It is nonsense,", "Lena Ortiz"),
        ("the campaign believes it will win", "Anna Keller")]


def test_as_someone_put_it_names_the_speaker(run):
    quotes = run("As Lena Ortiz put it, “The river is back.” The water rose overnight.\n\n"
                 "Paul Renner put it on the shelf and said nothing.")
    assert [(q.text, q.speaker, q.cue) for q in quotes] == [("The river is back.", "Lena Ortiz", "put it")]


def test_the_ones_a_message_is_sent_to_are_not_its_speaker(run):
    quotes = run("Paul Renner won the vote.\n\nBefore the vote, his campaign sent out a text message to supporters "
                 "saying: “With your help, we won!”\n\nHis office sent a letter to voters saying, “The vote is on Tuesday.”")
    assert [(q.speaker, q.cue) for q in quotes] == [("his campaign", "saying"), ("His office", "saying")]


def test_a_title_set_off_after_a_work_noun_is_not_a_quote(run):
    quotes = run("Where is the money to come from? In his 2002 book, “Make Your Kid a Millionaire,” Mr. Renner "
                 "suggested looking at the statement.\n\nAt the hearing, “We Will Win,” Anna Keller said.")
    assert [(q.text, q.speaker) for q in quotes] == [("We Will Win,", "Anna Keller")]


def test_a_fragment_inside_the_object_of_a_speech_verb_makes_the_object_a_statement(run):
    quotes = run("In a later vote, Paul Renner warned of the dangers of “owners of technology” who care only "
                 "about money.\n\nJon Petersen took to the radio to accuse the council of being “duped” by the "
                 "builders.\n\nThey told stories about the first time Anna “fell off the stage.”")
    assert [(q.text, q.speaker, q.type) for q in quotes] == [
        ("the dangers of “owners of technology” who care only about money", "Paul Renner", "mixed"),
        ("being “duped” by the builders", "Jon Petersen", "mixed")]


def test_a_no_break_space_does_not_mislead_the_parser_and_stays_in_the_record(run):
    text = ("Senator Paul Renner says the\u00a0Republican populist movement that\u2019s sweeping the country and "
            "boosting candidates including Lena Ortiz in the 2016 presidential race appeals to the "
            "\u201cbad angels\u201d of human nature.")
    q = one(run(text), "the\u00a0Republican")
    assert (q.speaker, q.type) == ("Paul Renner", "mixed")
    assert q.text.startswith("the\u00a0Republican") and text[q.start:q.end] == q.text


def test_a_second_clause_after_a_direct_quote_and_a_that_clause_after_posting(run):
    quotes = run("“We had written two dozen songs,” Paul Renner said, mentioning the long-awaited album is "
                 "“in the home stretch.”\n\nLena Ortiz posted on Friday that her claims were “sarcasm.”")
    assert [(q.text, q.speaker, q.type) for q in quotes] == [
        ("We had written two dozen songs,", "Paul Renner", "direct"),
        ("mentioning the long-awaited album is “in the home stretch.", "Paul Renner", "mixed"),
        ("her claims were “sarcasm.", "Lena Ortiz", "mixed")]


def test_a_colon_after_the_thing_said_gives_the_quote_to_who_says_it(run):
    quotes = run("Worried about turnout, Mayor Paul Renner is rolling out a new and more personal campaign "
                 "message: “It is about me.”\n\nThe council issued a terse statement: “We will not comment.”\n\n"
                 "Lena Ortiz was blunt: “No.”")
    assert [(q.text, q.speaker) for q in quotes] == [
        ("It is about me.", "Paul Renner"), ("We will not comment.", "the council"), ("No.", "Lena Ortiz")]


def test_an_unresolved_pronoun_is_still_recorded_as_the_mention(run):
    text = "“Policies that help should not be novelties,” she said."
    q = one(run(text), "Policies")
    assert (q.speaker, q.method, q.cue) == (None, None, "said")
    assert (q.speaker_mention, text[q.speaker_start:q.speaker_end]) == ("she", "she")


def test_no_speaker_is_taken_from_inside_quoted_words(run):
    quotes = run("“The debate again is insane,” Lena Ortiz said, going on to say that the country has spent "
                 "“hundreds of years fighting against racism, to have that debate again, young people do not "
                 "want to see that.”")
    assert {q.speaker for q in quotes} <= {"Lena Ortiz", None}
    assert quotes[0].speaker == "Lena Ortiz"


def test_making_a_point_of_saying_is_saying(run):
    q = one(run("Paul Renner spoke on Monday. And he made a point of saying the old harbor where the fire "
                "occurred “was a place of solidarity,” where members of the city “came together to dance.”"),
            "the old harbor")
    assert (q.speaker, q.cue, q.type) == ("Paul Renner", "saying", "mixed")


def test_a_quote_after_an_abbreviation_that_ends_a_sentence_is_a_quote(run):
    quotes = run("“He seemed more open than her,” said Lena Ortiz, 20, of Jacksonville, Fla. “She definitely has "
                 "the stereotypical approach to things, so that makes her feel a little insincere.”")
    assert [(q.text[:12], q.speaker, q.statement) for q in quotes] == [
        ("He seemed mo", "Lena Ortiz", 0), ("She definite", "Lena Ortiz", 0)]


def test_a_relative_pronoun_stands_for_what_a_naming_verb_describes(run):
    quotes = run("It was a clip that Judge Anna Keller called “distasteful,” and it aired twice.\n\n"
                 "He opposed the deal, which Paul Renner had called a “disaster” last year.")
    assert [(q.text, q.speaker) for q in quotes] == [
        ("a clip that Judge Anna Keller called “distasteful,", "Anna Keller"),
        ("which Paul Renner had called a “disaster", "Paul Renner")]


def test_the_speakers_next_speech_verb_ends_the_reported_content(run):
    quotes = run("Paul Renner says he would sit the mayor down and tell him “no more nonsense” and tells the crowd "
                 "he was the “first one” to say the plan must end.\n\nLena Ortiz said the council met and decided to wait.")
    assert [(q.text, q.speaker, q.cue) for q in quotes] == [
        ("he would sit the mayor down and tell him “no more nonsense”", "Paul Renner", "says"),
        ("he was the “first one” to say the plan must end", "Paul Renner", "tells"),
        ("the council met and decided to wait", "Lena Ortiz", "said")]


def test_an_as_clause_after_the_quoted_words_is_the_writers_frame(run):
    quotes = run("Paul Renner says he’s “excited where we stand” as he faces a critically important test in the "
                 "primary.\n\nLena Ortiz said he “supports the plan 100 percent,” while her opponent stayed silent.")
    assert [q.text for q in quotes] == ["he’s “excited where we stand”", "he “supports the plan 100 percent,”"]


def test_a_name_in_title_case_that_a_naming_verb_gives_is_said(run):
    q = one(run("Lena Ortiz calls Norland “Everytown America” in her new book."), "Everytown")
    assert (q.speaker, q.cue, q.type) == ("Lena Ortiz", "calls", "mixed")


def test_the_ones_told_and_where_are_not_what_the_quoted_words_describe(run):
    q = one(run("Paul Renner tells his supporters at a rally to “go to your place and vote” and then “go sit there "
                "with your friends.”"), "go to your place")
    assert (q.speaker, q.cue, q.type) == ("Paul Renner", "tells", "mixed")
    q = one(run("Lena Ortiz urged the council to “act now, before the river rises.”"), "to “act")
    assert (q.text, q.speaker) == ("to “act now, before the river rises.", "Lena Ortiz")


def test_a_speech_verb_in_a_comparison_reports_nothing(run):
    quotes = run("A claim the costs of the tunnel are lower than the agency says they are could sway the vote.")
    assert quotes == []


def test_reported_content_runs_over_a_sentence_break_after_an_abbreviation(run):
    text = "Jon Petersen says he’s lost 9 lbs. since he joined the walking club in March."
    q = one(run(text), "he’s lost")
    assert q.text == "he’s lost 9 lbs. since he joined the walking club in March"


def test_a_long_subject_after_the_quote_still_names_the_speaker(run):
    q = one(run("“It is an invasion of the city’s domain,” Lena Ortiz, the attorney general of Norland, "
                "one of the provinces suing the agency, said at a hearing."), "It is an invasion")
    assert (q.speaker, q.cue) == ("Lena Ortiz", "said")


def test_a_statement_noun_with_saying_leads_to_its_author(run):
    q = one(run("Lena Ortiz called the press in. At the time, she released a statement saying, "
                "“The company has been a trusted partner.”"), "The company")
    assert q.speaker == "Lena Ortiz"


def test_a_particle_verb_is_speech_only_with_its_particle(run):
    q = one(run("After Paul Renner criticised her plan, Lena Ortiz shot back, “I chose to work.”"), "I chose")
    assert (q.speaker, q.cue) == ("Lena Ortiz", "shot back")
    assert run("Paul Renner shot the last goal of the season.") == []


def test_a_transcript_line_with_the_quote_glued_to_the_colon(run):
    text = ('Sen. Paul Renner (D-Ore.):"Who told you that figure?"\n\n'
            'Former minister Lena Ortiz:"We learned it from the department."')
    quotes = run(text)
    assert [(q.speaker, q.cue) for q in quotes] == [("Paul Renner", ":"), ("Lena Ortiz", ":")]


def test_an_organisation_subject_before_a_colon_is_the_speaker(run):
    q = one(run("The union, in a note to members, worded it more carefully: “Talks are paused, not over.”"), "Talks")
    assert (q.speaker, q.speaker_kind, q.cue) == ("the union", "organisation", ":")


def test_the_one_told_is_never_the_postposed_speaker(run):
    q = one(run("“Yes, I back the senator,” Jon Petersen III, founder of the Harbour Institute, tells "
                "Morning Post in an interview."), "Yes, I back")
    assert q.speaker == "Jon Petersen III"
    q = one(run("“Yes, I support Anna Keller,” Jon Petersen III, founder of the Harbour Institute, tells "
                "Morning Post in an interview."), "Yes, I support")
    assert q.speaker == "Jon Petersen III"


def test_adding_belongs_to_the_speaker_of_the_sentence(run):
    quotes = run("Paul Renner told the paper that Lena Ortiz “had a policy which was reckless,” adding, "
                 "“She lost every vote she had.”")
    assert one(quotes, "She lost").speaker == "Paul Renner"
    assert "adding" not in one(quotes, "Lena Ortiz").text


def test_the_verb_a_colon_closes_introduces_the_quote(run):
    quotes = run("“We are glad you came,” Paul Renner said as Jon Petersen yelled: “Go home!”")
    assert one(quotes, "Go home").speaker == "Jon Petersen"


def test_a_person_right_before_a_participle_speaks(run):
    q = one(run("The ad uses old footage of Lena Ortiz asking, “Why are we not ahead?”"), "Why are we")
    assert q.speaker == "Lena Ortiz"


def test_a_quoted_fragment_ending_the_reported_clause_makes_one_mixed_statement(run):
    text = "Lena Ortiz tells supporters that “the town has never been stronger.” She left at noon."
    quotes = [q for q in run(text) if "stronger" in q.text]
    assert len(quotes) == 1
    assert quotes[0].type == "mixed" and quotes[0].text.endswith("stronger.")


def test_a_second_verb_of_the_speaker_ends_what_the_first_reports(run):
    text = ("Lena Ortiz says she respects the council’s work but argues that it cannot pay for the bridge. "
            "Paul Renner said the vote was close, adding that he would try again in May.")
    quotes = run(text)
    assert one(quotes, "she respects").text == "she respects the council’s work"
    assert one(quotes, "the vote was close").text == "the vote was close"
    text = "Jon Petersen says the board has waited for years, but talks have gone back and forth."
    assert one(run(text), "the board").text.endswith("gone back and forth")


def test_a_naming_verb_takes_what_its_quoted_words_describe(run):
    text = "Lena Ortiz attacked the developer, calling him a “reckless gambler.” Paul Renner referred to the plan as “a fantasy.”"
    quotes = run(text)
    assert one(quotes, "him a").speaker == "Lena Ortiz"
    assert one(quotes, "him a").text == "him a “reckless gambler."
    assert one(quotes, "the plan as").speaker == "Paul Renner"


def test_a_verb_after_a_finished_quote_that_reports_its_own_words_is_not_its_cue(run):
    text = ("“We are pleased with the first year,” says director Anna Keller. “We are setting ourselves up "
            "for the next two.” While some critics say the city should not pay a middle man, Keller disagrees.")
    assert one(run(text), "We are setting").speaker == "Anna Keller"


def test_an_owned_description_is_someone_new_not_the_last_person(run):
    text = ("Paul Renner voted against the plan. According to a report by the city's auditor, similar "
            "projects ran 38 per cent over budget.")
    assert one(run(text), "similar projects").speaker == "the city's auditor"


def test_speech_reported_inside_reported_speech_belongs_to_the_outer_speaker(run):
    text = ("Lena Ortiz said construction would begin next spring. "
            "Paul Renner said he would ask the province to step in.")
    quotes = run(text)
    assert [(q.speaker, q.cue) for q in quotes] == [("Lena Ortiz", "said"), ("Paul Renner", "said")]


def test_a_second_clause_the_speech_verb_reports_is_part_of_the_content(run):
    text = 'Lena Ortiz said she was "hopeful" a deal could be reached before the end of the month.'
    q = one(run(text), "she was")
    assert q.type == "mixed" and q.text.endswith("before the end of the month")


def test_a_headline_title_speaker_is_the_person_the_article_gives_that_title(run):
    text = ("Minister: ferries will run again on Sunday\n\n"
            "Transport Minister Anna Keller said on Friday that the strike was over.")
    q = one(run(text), "ferries will run")
    assert (q.speaker, q.cue) == ("Anna Keller", ":")


def test_declining_to_say_reports_nothing(run):
    assert run("Lena Ortiz declined to say when the power would be restored.") == []


def test_the_writers_aside_in_parentheses_is_left_out_of_reported_content(run):
    text = ("Paul Renner said the ferry would run on Sunday (a promise he has made before) and "
            "that fares would not rise. Lena Ortiz said the Northern Ferry Line (NFL) would add a boat.")
    quotes = run(text)
    assert [q.text for q in quotes if q.speaker == "Paul Renner"] == [
        "the ferry would run on Sunday", "that fares would not rise"]
    assert one(quotes, "the Northern").text == "the Northern Ferry Line (NFL) would add a boat"


def test_a_headline_colon_without_a_claim_is_no_statement(run):
    assert run("Euro/pound: DOWN at 90.12 pence from 90.28 pence.\n\nOrtiz and Renner: a long rivalry\n\nMarkets were calm.") == []


def test_a_continued_quote_points_at_the_mention_that_named_its_speaker(run):
    text = "“We will build the tunnel,” Lena Ortiz said.\n\n“It will take five years.”"
    first, second = run(text)
    assert second.method == "continuation"
    assert (second.speaker_mention, second.speaker_start) == (first.speaker_mention, first.speaker_start) == (
        "Lena Ortiz", text.index("Lena"))


def test_a_wire_dateline_is_never_the_speaker(run):
    text = ("NORVIK, July 25 (UPI) — The Democratic Harbour Committee released a statement at the outset of "
            "the convention Monday, offering “a deep and sincere apology” to Sen. Paul Renner.")
    q = one(run(text), "a deep")
    assert q.speaker == "the Democratic Harbour Committee"


def test_chanting_and_slamming_are_speech_next_to_quote_marks(run):
    quotes = run("Supporters waved flags. Some chanted “Four more years!”\n\n"
                 "Paul Renner slammed the budget as “a fantasy from start to finish.”")
    assert one(quotes, "Four more").speaker == "Some"
    assert one(quotes, "the budget as").speaker == "Paul Renner"
