"""The verb sieve: the subject of the cue verb, a speaker written after it, the one spoken to (engine/verb.py)."""

from .conftest import one  # noqa: F401


def test_syntax_subject_of_the_cue(run):
    q = one(run("“The bridge will open in May,” Mayor Lena Ortiz said on Monday."), "The bridge")
    assert (q.speaker, q.cue, q.method, q.type) == ("Lena Ortiz", "said", "syntax", "direct")
    assert q.confidence >= 0.9


def test_inversion_postposed_speaker(run):
    q = one(run("“We have the votes,” declared Senator Paul Renner."), "We have")
    assert (q.speaker, q.method) == ("Paul Renner", "inversion")
    q = one(run("Paul Renner spoke first. “We have the votes,” said the senator."), "We have")
    assert q.speaker == "Paul Renner"


def test_negated_passive_and_imperative_speech_verbs_report_no_statement(run):
    assert run("Jon Petersen would not say what the message was.") == []
    assert run("When asked whether the budget was too high, Ilse Marwick smiled.") == []
    assert run("Tell your partner why you think the plan would work.") == []
    q = one(run("Jon Petersen said the message was clear."), "the message")
    assert (q.type, q.speaker) == ("indirect", "Jon Petersen")


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


def test_a_name_the_model_left_unlabelled_is_a_person_when_it_speaks(run):
    # the small model labels "Mira Tavesh" but not the bare "Tavesh" of "Tavesh said"
    quotes = run("For Mira Tavesh, the strike meant a long winter. Anna Keller, her neighbour, lost her job. "
                 "Tavesh said she was lucky.\n\n“I think I was fortunate,” she said.")
    assert one(quotes, "I think").speaker == "Mira Tavesh"


def test_scolding_and_echoing_are_speech(run):
    quotes = run("“Nobody reads the minutes,” scolded Lena Ortiz.\n\n“A budget is a choice,” echoes Paul Renner.")
    assert [(q.speaker, q.method) for q in quotes] == [("Lena Ortiz", "inversion"), ("Paul Renner", "inversion")]


def test_as_someone_put_it_names_the_speaker(run):
    quotes = run("As Lena Ortiz put it, “The river is back.” The water rose overnight.\n\n"
                 "Paul Renner put it on the shelf and said nothing.")
    assert [(q.text, q.speaker, q.cue) for q in quotes] == [("The river is back.", "Lena Ortiz", "put it")]


def test_the_ones_a_message_is_sent_to_are_not_its_speaker(run):
    quotes = run("Paul Renner won the vote.\n\nBefore the vote, his campaign sent out a text message to supporters "
                 "saying: “With your help, we won!”\n\nHis office sent a letter to voters saying, “The vote is on Tuesday.”")
    assert [(q.speaker, q.cue) for q in quotes] == [("Paul Renner's campaign", "saying"), ("Paul Renner's office", "saying")]


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


def test_a_person_right_before_a_participle_speaks(run):
    q = one(run("The ad uses old footage of Lena Ortiz asking, “Why are we not ahead?”"), "Why are we")
    assert q.speaker == "Lena Ortiz"


def test_a_verb_after_a_finished_quote_that_reports_its_own_words_is_not_its_cue(run):
    text = ("“We are pleased with the first year,” says director Anna Keller. “We are setting ourselves up "
            "for the next two.” While some critics say the city should not pay a middle man, Keller disagrees.")
    assert one(run(text), "We are setting").speaker == "Anna Keller"


def test_a_wire_dateline_is_never_the_speaker(run):
    text = ("NORVIK, July 25 (UPI) — The Democratic Harbour Committee released a statement at the outset of "
            "the convention Monday, offering “a deep and sincere apology” to Sen. Paul Renner.")
    q = one(run(text), "a deep")
    assert q.speaker == "the Democratic Harbour Committee"


def test_a_speech_verb_read_as_a_participle_of_the_name_before_it_is_the_cue(run):
    text = ("The agency disclosed a large claim. “The agency had the largest claim in its history as a "
            "result of the turmoil,” Peter Galvan, the agency’s then-chief risk officer, mentioned in a "
            "2013 commentary.")
    assert one(run(text), "The agency had").speaker == "Peter Galvan"


def test_blurted_is_a_cue_for_quoted_words(run):
    text = "Paul Renner turned around, and there was Clara.\n\n“You're short,” Renner blurted out."
    q = one(run(text), "You're short")
    assert (q.speaker, q.cue) == ("Paul Renner", "blurted out")


def test_a_gerund_after_a_small_clause_goes_to_the_small_clause_subject(run):
    text = ("In 2015, a man named Neil Carter was charged.\n\n"
            "Wendy Gold remembers him apologizing in court, saying he had never meant for her son to die.")
    assert one(run(text), "he had never meant").speaker == "Neil Carter"


def test_wondered_is_a_cue_for_quoted_words_only(run):
    assert not run("She wondered that Edmund should forget her, and felt a pang.")
    q = one(run("“Do you ever kiss your husband anymore?” a friend wondered."), "Do you ever")
    assert q.speaker == "a friend"


def test_a_relative_clause_keeps_who_as_the_mention_and_its_antecedent_as_the_speaker(run):
    text = "The plan was attacked by Lena Ortiz, who said the freshman senator lacks the experience."
    q = one(run(text), "the freshman senator")
    assert (q.speaker, q.speaker_mention) == ("Lena Ortiz", "who")


def test_people_right_before_a_saying_clause_are_its_speakers(run):
    quotes = run("The closures have left many of the residents saying the council ignored them.")
    assert [q.speaker_mention for q in quotes if q.text.startswith("the council")] == ["many of the residents"]
    quotes = run("The scandal has left 62 percent of voters saying the mayor should resign.")
    assert [q.speaker_mention for q in quotes if q.text.startswith("the mayor")] == ["62 percent"]


def test_a_relative_clause_on_an_apposed_description_is_the_named_persons(run):
    text = ('A crowd of 9,000 watched another win by Tessa Varga, the fearless striker who '
            'calls herself "The Hammer."')
    assert one(run(text), "The Hammer").speaker == "Tessa Varga"


def test_a_time_expression_the_parser_made_a_second_subject_never_speaks(run):
    """'But this financial year, because of …, he said …': the parser gives 'said' two
    subjects, 'year' (a DATE) before 'he'; the one who speaks is 'he'."""
    text = ("Mayor Tomas Velde told councillors that the city raises parking fees in line with costs each "
            "year to pay for its roads. But this financial year, because of \"pressure on household "
            "budgets\", he said the fees would be frozen.")
    q = one(run(text), "the fees would")
    assert (q.speaker, q.speaker_mention) == ("Tomas Velde", "he")
