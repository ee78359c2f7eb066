from quotes.engine.marks import find_quoted_spans


def spans(text):
    return [text[s.start:s.end] for s in find_quoted_spans(text)]


def test_curly_and_straight_quotes():
    text = '“One two three,” she said. He replied: "Four five six."'
    assert spans(text) == ["One two three,", "Four five six."]


def test_apostrophes_are_not_quote_marks():
    text = "The ministers’ plan isn’t new, and Iran’s reply wasn't either."
    assert spans(text) == []


def test_single_quotes_as_outer_marks():
    text = "‘We don’t know yet,’ the coach said."
    assert spans(text) == ["We don’t know yet,"]


def test_nested_quotes_stay_inside():
    text = '“He told me ‘never again’ and left,” she said.'
    assert spans(text) == ["He told me ‘never again’ and left,"]


def test_guillemets_and_low_openers():
    text = "«Bonjour tout le monde» dit-il. „Guten Tag allerseits“ sagte er."
    assert spans(text) == ["Bonjour tout le monde", "Guten Tag allerseits"]


def test_quote_over_paragraphs_is_one_span():
    text = "“First paragraph of it.\n\n“Second paragraph of it.”\n\nAfter."
    found = find_quoted_spans(text)
    assert len(found) == 1
    assert found[0].parts == ((1, 23), (26, 49))
    assert text[found[0].start:found[0].end].endswith("Second paragraph of it.")


def test_unbalanced_mark_stops_at_paragraph_end():
    text = "“This never closes\n\nA later paragraph “with its own quote” here."
    found = find_quoted_spans(text)
    assert [text[s.start:s.end] for s in found] == ["This never closes", "with its own quote"]
    assert not found[0].closed


def test_offsets_index_original_text():
    text = "Intro.\r\n\r\n  “Quoted words here,” he said."
    (span,) = find_quoted_spans(text)
    assert text[span.start:span.end] == "Quoted words here,"
    assert text[span.open_at] == "“"


def test_doubled_single_marks_are_one_double_mark():
    text = "“We print local creators,’’ says the founder. ``Nobody else does,'' he adds."
    assert spans(text) == ["We print local creators,", "Nobody else does,"]


def test_a_paragraph_continues_only_a_quote_of_its_own_style():
    text = '"Unclosed straight quote here.\n\n“A new curly quote,” she said.'
    assert spans(text) == ["Unclosed straight quote here.", "A new curly quote,"]


def test_paragraphs_of_wrapped_and_unwrapped_text():
    from quotes.paragraphs import paragraph_spans

    wrapped = "\n".join(["A line of a book that wraps at a fixed width of about"] * 6) + "\n\nNext paragraph."
    assert len(paragraph_spans(wrapped)) == 2
    news = ("A first paragraph long enough to be a whole paragraph of a news article on its own line, "
            "as feeds write them.\nA second one on the next line, with no blank line between them at all.\n\n"
            "A third after a blank line.")
    assert [news[s:e][:8] for s, e in paragraph_spans(news)] == ["A first ", "A second", "A third "]


def test_a_quote_reopened_after_its_attribution_runs_on_over_paragraphs():
    text = ('“Nobody wants a strike,” she said. “Not the parents, not the teachers.\n\n'
            '“We have put a fair offer on the table.”\n\nNext paragraph.')
    spans = find_quoted_spans(text)
    assert len(spans) == 2
    second = spans[1]
    assert second.closed and len(second.parts) == 2
    assert [text[s:e] for s, e in second.parts] == ["Not the parents, not the teachers.",
                                                    "We have put a fair offer on the table."]


def test_three_apostrophes_close_a_nested_quote_and_its_own():
    text = ("''I said, 'There should be no daylight,''' he recalled. ''He said, 'Eight years, no daylight.' ''\n\n"
            "''They say, 'Go back,''' said Mr. Petersen.")
    assert spans(text) == ["I said, 'There should be no daylight,'", "He said, 'Eight years, no daylight.'",
                           "They say, 'Go back,'"]
