"""Wordings as words: what normalising ignores, how much of one wording another holds, and
the fingerprints that find candidates without comparing all pairs."""

from quotes.wording import CUT, containment, fingerprints, key, length, words

from .corpus import BRIDGE, BRIDGE_CUT, BRIDGE_ELLIPSIS, BRIDGE_NOT, COSTS, COSTS_NUMBER, SCHOOL


def test_case_quote_marks_dashes_ellipses_accents_and_whitespace_do_not_count():
    plain = words("We won't go back - not to the old cafe, ever again")
    assert plain == ("we", "won't", "go", "back", "not", "to", "the", "old", "cafe", "ever", "again")
    for other in ("\u201cWE WON\u2019T go back \u2014 not to the old caf\u00e9,\u201d ever  again",
                  "'We won`t go\nback\u2013not to the old Caf\u00c9, ever again\u2026'",
                  "\u00abwe won't go back -- not to the old cafe , ever again . . .\u00bb"):
        assert words(other) == plain, other
        assert key(7, words(other)) == key(7, plain)


def test_an_ellipsis_inside_is_kept_once_however_written():
    for text in ("We will go \u2026 and win", "We will go ... and win", "We will go . . . and win",
                 "We will go [...] and win"):
        assert words(text) == ("we", "will", "go", CUT, "and", "win"), text
    assert length(words("We will go \u2026 and win")) == 5


def test_the_key_tells_speakers_apart():
    assert key(1, words(BRIDGE)) != key(2, words(BRIDGE)) != key(None, words(BRIDGE))


def test_a_cut_version_is_wholly_contained():
    assert containment(words(BRIDGE_CUT), words(BRIDGE)) == 1.0
    assert containment(words("the new bridge before the winter"), words(BRIDGE)) == 1.0
    assert containment(words(BRIDGE_ELLIPSIS), words(BRIDGE)) == 1.0


def test_words_left_out_without_an_ellipsis_cost():
    long = words(BRIDGE)
    short = words("We will build the bridge before the winter, and no family will lose its home to the works")
    assert 0.9 < containment(short, long) < 1.0  # one word of eighteen left out ("new")
    assert containment(words("We will build the winter"), long) < 0.9


def test_near_misses_are_far_apart():
    assert containment(words(SCHOOL), words(BRIDGE)) < 0.8
    assert containment(words(COSTS_NUMBER), words(COSTS)) < 0.8


def test_a_negation_or_a_number_changed_costs_everything():
    """Eighteen words of nineteen are the same, but one says the opposite."""
    assert containment(words(BRIDGE), words(BRIDGE_NOT)) == 0.0
    assert containment(words(BRIDGE_NOT), words(BRIDGE)) == 0.0
    assert containment(words("The plan costs 10 million and no more than that"),
                       words("The plan costs 12 million and no more than that")) == 0.0
    assert containment(words("We will not build ... the winter"), words(BRIDGE_NOT)) == 1.0
    assert containment(words("We will not ... lose its home"), words(BRIDGE_NOT)) < 0.9  # "no family" cut


def test_a_shared_run_of_five_words_shares_a_fingerprint():
    long = words(BRIDGE)
    for start in range(len(long) - 5):
        run = long[start:start + 5]
        if sum(w in ("the", "and", "no", "to", "its", "will", "we", "before") for w in run) == 5:
            continue
        assert fingerprints(3, run) & fingerprints(3, long), run


def test_fingerprints_are_one_speakers_and_skip_function_words():
    assert not fingerprints(3, words(BRIDGE)) & fingerprints(4, words(BRIDGE))
    assert fingerprints(3, words("one of the")) == set()
    assert len(fingerprints(3, words(BRIDGE))) < len(words(BRIDGE)) - 2  # winnowed: not every shingle
