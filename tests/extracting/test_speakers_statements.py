"""Speaker attribution: each cue pattern, each non-speaker, canonical names, labels, pronouns."""

from __future__ import annotations

from pathlib import Path

import pytest

from searchidx.extracting.speakers.statements import _CUE_WORD, _Cues, extract_statements, speakers_of

SEED = Path(__file__).resolve().parents[2] / "corpus" / "000_147f1172ebdf106e.txt"


def speakers(text: str) -> tuple[str, ...]:
    return speakers_of(extract_statements(text))


@pytest.mark.parametrize(
    "text, expected",
    [
        # direct speech, indirect speech with and without "that"
        ('"We will help," John Smith said.', ("John Smith",)),
        ("John Smith said that the talks went well.", ("John Smith",)),
        ("John Smith said the talks went well.", ("John Smith",)),
        # inverted, after a comma or a closing quote
        ("The talks went well, said John Smith, who led them.", ("John Smith",)),
        ("\u201cThe talks went well,\u201d added John Smith.", ("John Smith",)),
        # according to
        ("The talks went well, according to John Smith.", ("John Smith",)),
        # the author of a writing that "according to" names
        ("The talks went well, according to a 2014 study by economists Ann Lee and Bo Ortiz.", ("Ann Lee", "Bo Ortiz")),
        ("The deal fell apart, according to a lawsuit filed in Dallas by Mary Jones.", ("Mary Jones",)),
        ("The talks went well, according to a report by the Harbour Post.", ()),
        # the agent of a passive cue asks, urges, criticises: what was said follows the name
        ("Tom Hale was asked by host Ann Lee whether the talks went well.", ("Ann Lee",)),
        ("Pressed by Mary Jones on the budget, the minister left the room.", ("Mary Jones",)),
        ("The bill was sponsored by Mary Jones last year.", ()),
        ("He was criticized by a Clinton aide for the vote.", ()),
        # other cue verbs, helpers and adverbs before them
        ("John Smith told reporters the talks went well.", ("John Smith",)),
        ("John Smith has repeatedly warned that talks could fail.", ("John Smith",)),
        ("John Smith also stressed the need for talks.", ("John Smith",)),
        ("John Smith urged both sides to talk.", ("John Smith",)),
        ("John Smith noted progress in the talks.", ("John Smith",)),
        # in a statement; appositives and party tags between subject and cue
        ("In a statement, John Smith said the talks went well.", ("John Smith",)),
        ("John Smith, a Democrat from Ohio, said the talks went well.", ("John Smith",)),
        ("Sen. Jack Reed (D-R.I.) said the talks went well.", ("Jack Reed",)),
        # two subjects share one cue
        ("John Smith and Mary Jones agreed that the talks went well.", ("John Smith", "Mary Jones")),
        ("John Smith and Mary Jones have both argued that talks help.", ("John Smith", "Mary Jones")),
        ("Ann Lee, Bo Ortiz and Tom Hale all said the talks went well.", ("Ann Lee", "Bo Ortiz", "Tom Hale")),
        # a quote followed by a dash and a name
        ("\u201cThe talks went well.\u201d \u2015 Mary Jones", ("Mary Jones",)),
        # a time, a dash appositive, the rest of an institution between subject and cue
        ("John Smith on Wednesday morning also called for talks.", ("John Smith",)),
        ("John Smith \u2014 a teacher from Mount Pleasant \u2014 says the talks went well.", ("John Smith",)),
        ("John Smith of the Martin Center for Nonproliferation Studies wrote that talks help.", ("John Smith",)),
        # manner-of-speaking verbs after a closing quotation; a retweet is a post
        ("\u201cThis is fantastic!\u201d beamed Dana Ruiz of Madison.", ("Dana Ruiz",)),
        ("\u201cShe was fearless,\u201d remembered Tom Hale, her coach.", ("Tom Hale",)),
        ("Mary Jones retweeted that the talks had failed.", ("Mary Jones",)),
        # a surname that is also a nation's, a people's or a newsroom's word, after a given name
        ("Rep. Steve Israel (D-N.Y.) said the bill would pass.", ("Steve Israel",)),
        ("Mark Cuban, the owner of the team, says he would run.", ("Mark Cuban",)),
        # a name after a preposition is a place, not the first of a list of speakers
        ("Making her way around Chez Marlo, Ann Lee and Bo Ortiz thanked a diner for wearing her pin.",
         ("Ann Lee", "Bo Ortiz")),
        ("The field is split, with Ann Lee, Bo Ortiz and Tom Hale all calling for a strong rule.",
         ("Ann Lee", "Bo Ortiz", "Tom Hale")),
        # a statement sent out, a decision applauded, a wording put
        ("Ohio's elections chief Ken Dorner sent out a statement saying the ballots were fine.", ("Ken Dorner",)),
        ("Ann Lee applauded the decision to end the strike.", ("Ann Lee",)),
        ("As Ann Lee put it, the strike was a mistake.", ("Ann Lee",)),
        ("The strike, as Ann Lee puts it, \u201cwas a mistake from day one.\u201d", ("Ann Lee",)),
        # "and" over lower-case role words joins two speakers of one cue; over a possessive, a family
        ("Rep. Tom Hale and state House Speaker Bo Ortiz have publicly stated their interest.", ("Tom Hale", "Bo Ortiz")),
        ("Joe Marlo and co-host Ann Lee say the claim is false.", ("Joe Marlo", "Ann Lee")),
        ("He met with Ann Lee and former Gov. Bo Ortiz said the talks failed.", ("Bo Ortiz",)),
        # a feeling expressed about a clause reports the clause
        ("Ann Lee expressed confidence that the bill would pass.", ("Ann Lee",)),
        ("Bo Ortiz voiced frustration in an interview this year that allies pay too little.", ("Bo Ortiz",)),
        # after an inverted cue, a description set off by a comma, then the speaker's name
        ("\u201cWe are anxious,\u201d said another Twitter user, Ann Lee.", ("Ann Lee",)),
        ("\u201cIt works,\u201d said Hale's deputy campaign manager, Bo Ortiz, who ran the field team.", ("Bo Ortiz",)),
        ("\u201cIt works,\u201d said a former spokesman for Ohio's Foreign Office, Bo Ortiz.", ("Bo Ortiz",)),
        # the examples given of a plural subject speak with it
        ("Several Republican leaders, including Ann Lee and Bo Ortiz, have since denounced the remarks.",
         ("Ann Lee", "Bo Ortiz")),
        ("Some experts, like Tom Hale, a geophysicist, say the wall is useless.", ("Tom Hale",)),
        ("Experts like Tom Hale say the wall is useless.", ("Tom Hale",)),
        # a title alone before "of" is the first half of a role
        ("Lake County Supervisor of Elections Ann Lee said that independents cannot vote.", ("Ann Lee",)),
        # a role noun before "of" keeps its person
        ("Ohio's Secretary of State Ken Dorner said the ballots were fine.", ("Ken Dorner",)),
        # a long role between an inverted cue and the name
        ("\u201cThe talks went well,\u201d said Iowa State University political scientist Mary Jones.", ("Mary Jones",)),
        # a second verb shares the sentence's subject, unless a clause of its own comes between
        ("John Smith put off the vote but said the talks went well.", ("John Smith",)),
        ("John Smith says she respects Mary Jones but argues that talks fail.", ("John Smith",)),
        ("\u201cWe will win,\u201d said Robert Hale of the Ohio delegation.", ("Robert Hale",)),
        # an institution after "of" that names its own place is no person
        ("Archbishop Ann Lee of the Greek Patriarchate of Jerusalem told reporters that talks help.", ("Ann Lee",)),
        # an appositive may hold a few quoted words; a quotation may close one inside it
        ("Tom Hale, whose book is called \u201cWinning Big\u201d in Ohio, said the talks went well.", ("Tom Hale",)),
        ("\u201cHe said, \u2018Go home,\u2019\u201d Hale recalled.", ("Hale",)),
        # "that" before a name is the conjunction: the full name it gives is the speaker's
        ("He said that Ann Lee is wrong. \u201cIt works,\u201d Lee said.", ("Ann Lee",)),
        # a description before the name is its role
        ("\u201cThe talks went well,\u201d Texas-based Matt Hale said.", ("Matt Hale",)),
        # State Department readout
        ("The below is attributable to Spokesperson Ned Price: The Secretary met the minister.", ("Ned Price",)),
    ],
)
def test_attribution_patterns(text: str, expected: tuple[str, ...]) -> None:
    assert speakers(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Russia said the talks went well.",  # a country
        "China's Foreign Ministry said the talks went well.",  # a ministry
        "The New York Times reported that the talks went well.",  # a newspaper
        "Xinhua said the talks went well.",  # a news agency
        "The White House said the talks went well.",  # an institution
        "The Councilor said the talks went well.",  # a title alone, nobody to resolve to
        "He said the talks went well.",  # an unresolved pronoun
        "John Smith was charged with fraud.",  # passive: the subject reports nothing
        "John Smith did not respond to a request for comment.",  # a denied cue
        "The report helped John Smith maintain his lead.",  # a bare infinitive
        "Officials met with John Smith said to be the leader.",  # a name in object position
        "Russian President Vladimir Putin voiced support to China.",  # an act, not a statement
        "Metro Manila said the talks went well.",  # a place that reads like a name
        "Los Angeles said the talks went well.",
        "Goldman Sachs said the talks went well.",  # an organisation that reads like a name
        # a name that describes an unnamed speaker, or the subject of what was said
        "Tom Hale spoke. \u201cWe will win,\u201d said a Hale aide.",
        "Tom Hale spoke. Ann Lee's aide said Hale reached out to Ohio.",
        # organisations and outlets named by a word no name holds, peoples, a place
        "Human Rights Watch said the talks went well. Amnesty International agreed that they did.",
        "Peace Now said the talks went well. Plymouth Live reported that they did.",
        "Free Beacon reported that the talks went well. Israel-based Yeshgvul said so too.",
        "Harbour Politics reported that the talks went well. Ohio Economics agreed that they did.",
        "Farm Advocates said the talks went well. Team Hale said so too.",
        "Many Palestinians said the talks went well. Middle East analysts agreed that they did.",
        "The Harbour Sentinel reported that the talks went well.",  # a name after "the", with no role
        "\u201cIt works,\u201d the Minnesota Republican told reporters.",  # a description, not a name
        "Epstein's neighbour in New York, said the talks went well.",  # "New York" is a place
        "John Smith explained.",  # no words reported
        # the rest of a body's or a thing's name after its "of" or "the", an amendment
        "In a statement, the Association of Flight Attendants called Ann Lee a champion of workers.",
        "The University of Chicago said the talks went well.",
        "Air France said the flights would resume.",  # the surname rule needs a given name first
        "Ann Lee put it on the table.",  # an act: no wording follows
        "Ann Lee expressed concern about the vote.",  # a feeling with no clause: an act
        "He attacked rivals, including Ann Lee, and said nothing else.",  # an object's examples
        # a relative clause in the description: the name after it is part of what was said
        "Tom, said the staff member who succeeded him, Bo Ortiz, should be fired.",
        # newspapers in other languages, companies and buildings
        "La Stampa declared that the talks went well. Le Courrier Picard reported that they did.",
        "Exxon Mobil contended that the talks went well. Ohio Electric says so too.",

        "It is the only Amendment the Founding Fathers wrote \u201cshall not be infringed.\u201d",
        "A judge may balk because of Lee's Fifth Amendment claims, prosecutors rarely pursue such cases, and few act.",
    ],
)
def test_non_speakers(text: str) -> None:
    assert speakers(text) == ()


def test_short_forms_become_the_fullest_name_and_keep_the_role() -> None:
    text = (
        "State Councilor and Foreign Minister Wang Yi met Russian Foreign Minister Sergei Lavrov.\n\n"
        "Wang said the talks went well. Lavrov said Russia agreed."
    )
    statements = extract_statements(text)
    assert speakers_of(statements) == ("Wang Yi", "Sergei Lavrov")
    assert [s.role for s in statements] == ["State Councilor and Foreign Minister", "Russian Foreign Minister"]


def test_fullest_form_wins_over_a_shorter_full_name() -> None:
    text = "Secretary Antony J. Blinken arrived. Antony Blinken said the talks went well. Blinken added more."
    assert speakers(text) == ("Antony J. Blinken",)


@pytest.mark.parametrize(
    "text, expected",
    [
        # the title fits one of them
        ("Ivanka Trump spoke. Later President Donald Trump arrived. President Trump said it went well.",
         ("Donald Trump",)),
        ("Mr. Donald Trump met Ms. Ivanka Trump. Ms. Trump said it was fun.", ("Ivanka Trump",)),
        # the article calls one of them by first name alone: the surname is the other's
        ("Donald Trump spoke. Ivanka Trump attended. Ivanka said it was fun. Trump said it went well.",
         ("Ivanka Trump", "Donald Trump")),
        # no evidence: the person the article introduced first
        ("President Donald Trump spoke. His daughter Ivanka Trump attended. Trump said it went well.",
         ("Donald Trump",)),
        # a given name that is also a word
        ("Bill Clinton said the talks went well.", ("Bill Clinton",)),
    ],
)
def test_people_who_share_a_surname(text: str, expected: tuple[str, ...]) -> None:
    assert speakers(text) == expected


def test_honorific_short_form_is_resolved() -> None:
    text = "Donald J. Trump spoke in Ohio.\n\nMr. Trump said the talks went well."
    assert speakers(text) == ("Donald J. Trump",)


def test_a_bare_single_word_mentioned_once_is_no_speaker() -> None:
    assert speakers("Melanie thought the whole thing was outrageous.") == ()


def test_state_department_transcript_labels() -> None:
    text = (
        "MR PRICE: Good afternoon. Ned Price here with the briefing.\n\n"
        "QUESTION: Any news on the talks?\n\n"
        "MR PRICE: The talks went well.\n\n"
        "MODERATOR: Next question.\n\n"
        "SECRETARY BLINKEN:\n\n"
        "Thank you all for coming."
    )
    statements = extract_statements(text)
    assert speakers_of(statements) == ("Ned Price", "Blinken")
    assert statements[-1].text == "Thank you all for coming."


def test_kremlin_transcript_labels_with_retranslated_marks() -> None:
    text = (
        "Following the talks, the two leaders made statements for the press.\n\n"
        "President of Russia Vladimir Putin: Mr President, friends, welcome to Moscow.\n\n"
        "President of the People\u2019s Republic of China Xi Jinping (retranslated): Thank you, Mr President.\n\n"
        "Vladimir Putin: We agreed on much.\n\n"
        "Xi Jinping: Indeed we did."
    )
    statements = extract_statements(text)
    assert speakers_of(statements) == ("Vladimir Putin", "Xi Jinping")
    assert statements[1].role == "President of the People\u2019s Republic of China"
    assert statements[1].text == "Thank you, Mr President."


def test_headings_with_colons_are_no_labels() -> None:
    assert speakers("Publication date: July 3, 2017\n\nThe Gap Goes On: the report is out.") == ()


def test_pronoun_resolves_to_the_person_already_speaking() -> None:
    text = "Sen. John Smith arrived on Monday.\n\nHe said the talks went well."
    statements = extract_statements(text)
    assert speakers_of(statements) == ("John Smith",)
    assert statements[0].text == "the talks went well."


def test_title_resolves_to_the_person_who_holds_it() -> None:
    text = "Spokesperson Ned Price spoke on Monday. The spokesperson said the talks went well."
    assert speakers(text) == ("Ned Price",)


def test_statement_spans_point_into_the_text() -> None:
    text = (
        "John Smith said that the talks went well.\n\n"
        "\u201cWe are pleased,\u201d said Mary Jones, who led them."
    )
    statements = extract_statements(text)
    assert [(s.speaker, s.cue, s.text) for s in statements] == [
        ("John Smith", "said", "the talks went well."),
        ("Mary Jones", "said", "\u201cWe are pleased,\u201d"),
    ]
    for s in statements:
        assert text[s.start : s.end] == s.text


def test_seed_speakers_are_wang_yi_and_sergei_lavrov() -> None:
    body = SEED.read_text(encoding="utf-8").split("MUNICH", 1)[1]
    statements = extract_statements("MUNICH" + body)
    assert speakers_of(statements) == ("Wang Yi", "Sergei Lavrov")
    assert {s.cue for s in statements} >= {"said", "added", "according to"}


def test_large_input_is_handled_in_one_pass() -> None:
    paragraph = (
        "Sen. John Smith, a Democrat from Ohio, said the talks went well, according to aides. "
        "Russia said nothing. \u201cWe are pleased,\u201d said Mary Jones. " + "x " * 200
    )
    text = "\n\n".join([paragraph] * 2500) + "\n\n" + "A" * 100_000 + " " + "Word " * 50_000
    assert len(text) > 1_000_000
    statements = extract_statements(text)
    assert speakers_of(statements) == ("John Smith", "Mary Jones")
    assert len(statements) == 2500 * 2


def test_an_honorific_makes_the_next_word_a_name_and_pairs_take_plural_verbs() -> None:
    assert speakers("Both Mr. King and Mr. Schultz say the network never told them what to say.") == ("King", "Schultz")


def test_an_appositive_with_was_is_no_passive_and_a_quote_before_is_the_content() -> None:
    text = 'Recalling that, David Axelrod, who was chief strategist, said of Sanders: "He will."'
    assert speakers(text) == ("David Axelrod",)
    statements = extract_statements('"I do not think so," state Sen. Jason Holsman (D) said about halfway through.')
    assert [(s.speaker, s.text) for s in statements] == [("Jason Holsman", '"I do not think so,"')]


@pytest.mark.parametrize(
    "text, expected",
    [
        # a form of address names nobody
        ("As Mr Chairman just said, the talks went well.", ()),
        # movements, countries and documents are no people
        ("MR PRICE: The Taliban has said otherwise.", ("Price",)),
        ("The United States and Armenia reiterated their commitment.", ()),
        # a first name alone goes to the full name it belongs to
        ("Foreign Minister Luigi Di Maio spoke first. I think what Luigi said is right.", ("Luigi Di Maio",)),
        # a readout's "the Secretary" is the Secretary named before
        (
            "Secretary of State Antony J. Blinken met the minister. The Secretary emphasized the partnership.",
            ("Antony J. Blinken",),
        ),
    ],
)
def test_transcript_and_readout_cases(text: str, expected: tuple[str, ...]) -> None:
    assert speakers(text) == expected


def test_a_qualified_title_resolves_to_the_person_whose_role_has_both_words() -> None:
    text = (
        "Russian Foreign Minister Sergei Lavrov met Chinese Foreign Minister Wang Yi. "
        "The Russian minister stressed the importance of the partnership."
    )
    assert speakers(text) == ("Sergei Lavrov",)


def test_a_participle_gives_its_sentence_subject() -> None:
    text = "Oil fell. Hillary Clinton chimed in on Twitter, saying that officials should release the video."
    statements = extract_statements(text)
    assert [(s.speaker, s.cue, s.text) for s in statements] == [
        ("Hillary Clinton", "saying", "officials should release the video.")
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        # an abbreviation's dot ends no sentence; a paragraph's first word opens one
        ("Oil fell. Rep. Ann Lee reacted to the news, saying the verdict was wrong.", ("Ann Lee",)),
        ("Oil fell.\n\nAnn Lee reacted to the news, saying the verdict was wrong.", ("Ann Lee",)),
        ("Oil fell.\n\nAnn Lee rounded out the list, citing \u201cThe Wire\u201d as her favorite show.", ("Ann Lee",)),
        # a name that describes the next one; an adverb that opens the sentence
        ("Oil fell.\n\nLee press secretary Bo Ortiz gave it a try, tweeting that the crowd was huge.", ("Bo Ortiz",)),
        ("Oil fell.\n\nUltimately, Mr. Bo Ortiz ignored the advice and refused to sign the deal.", ("Bo Ortiz",)),
        ("Oil fell.\n\nOnce he was elected, Mr. Bo Ortiz made peace a priority, announcing an envoy for the talks.",
         ("Bo Ortiz",)),
        # a body named after a person
        ("Oil fell.\n\nThe Lee campaign would do well to target voters, emphasizing the threat to their jobs.", ()),
    ],
)
def test_the_participle_s_speaker_opens_the_sentence(text: str, expected: tuple[str, ...]) -> None:
    assert speakers(text) == expected


@pytest.mark.parametrize("text", ["He said, and she told him. Unsaid.", "", "nothing here", "said", "saying-said said."])
def test_cues_find_the_next_cue_verb_in_any_order_of_questions(text: str) -> None:
    starts = [m.start() for m in _CUE_WORD.finditer(text)]
    cues = _Cues(text)
    for pos in list(range(len(text) + 2)) + list(range(len(text) + 1, -1, -1)):
        assert cues.next_at(pos) == next((s for s in starts if s >= pos), None)


@pytest.mark.parametrize(
    "text, expected",
    [
        # apposition, with a name behind a lower-case particle
        ("One of the rebels, Ahmed al-Zawi, said the town had fallen.", ("Ahmed al-Zawi",)),
        ("\u201cWe are afraid,\u201d said Kyiv resident Olena Petrenko.", ("Olena Petrenko",)),
        # a personal honorific makes the next word a surname, even a nation's adjective
        ("Mr. English said the plan works.", ("English",)),
        ("Ms. White said the plan works.", ("White",)),
        # a title noun does too
        ("Admiral Harris said the plan works.", ("Harris",)),
        ("The Secretary of State John Kerry said the plan works.", ("John Kerry",)),
        # a party noun before a name is a role
        ("The Ohio Democrat Tim Ryan said the plan works.", ("Tim Ryan",)),
    ],
)
def test_names_and_roles(text: str, expected: tuple[str, ...]) -> None:
    assert speakers(text) == expected


def test_a_pronoun_after_a_quotation_skips_the_names_inside_it() -> None:
    text = ("Ann Lee spoke first. Ann Lee said the fair opens in May.\n\n"
            "\u201cI thank President Tom Hale and the people,\u201d she wrote.")
    statements = extract_statements(text)
    assert [s.speaker for s in statements] == ["Ann Lee", "Ann Lee"]
    assert statements[-1].text.startswith("\u201cI thank President Tom Hale")


@pytest.mark.parametrize(
    "text, expected",
    [
        # a relative clause right after a name, even a name in object position
        ("The plan was criticised by officials and by Ann Lee who wrote on X: \u201cIt is bad.\u201d", ("Ann Lee",)),
        ("Guests were Tom Hale and Ann Lee, who joked that it was late.", ()),  # whom "who" means is unclear
        ("Bo Ortiz, the leader of the opposition in North Westphalia, who suggested that it works.", ()),
        # a statement issued as a document
        ("Ann Lee issued a response saying the plan works.", ("Ann Lee",)),
        ("Ann Lee released a statement: \u201cThe plan works.\u201d", ("Ann Lee",)),
        ("The Harbour Ministry issued a response on Monday.", ()),
        # inline labels: a quotation after the colon shows a speaker; two names are two speakers
        ("Carl Voss: \u201cKeep on contacting voters.\u201d", ("Carl Voss",)),
        ("Mark Byrne and Jon Cole: \u201cThe polls failed.\u201d", ("Mark Byrne", "Jon Cole")),
        ('Rep. Trey Gould (R-S.C.): "I have not heard that."', ("Trey Gould",)),
        # a headline deck in capitals names nobody, nor does a heading in a release
        ("CHINESE AGGRESSION: Beijing sends ships.", ()),
        ("Violence Against Women and Girls: The resolution passed. Girls matter.", ()),
        ("We must act.\n\nClimate: We are 15 percent of emissions. Climate matters.", ()),
        ("Ned Hale spoke first.\n\nHale: Thank you.", ("Ned Hale",)),
        ("Defend Democracy Globally: In response, the plan acts. Equality Globally.", ()),  # written once
        # ", and all those gathered," closes a list: the participle is the sentence subject's
        ("The envoy thanked Minister Pontes, Minister Lira, and all those gathered, emphasizing that ties matter.", ()),
        # a quotation and its cue show a lone surname to be a person
        ("\u201cWe are tired,\u201d Cruz said.", ("Cruz",)),
    ],
)
def test_relative_clauses_documents_and_labels(text: str, expected: tuple[str, ...]) -> None:
    assert speakers(text) == expected


def test_an_issued_statement_has_a_short_cue_and_the_content_after_it() -> None:
    (statement,) = extract_statements("Ann Lee issued a statement on Monday that the plan works.")
    assert (statement.cue, statement.text) == ("issued a statement", "the plan works.")


@pytest.mark.parametrize(
    "text, expected",
    [
        # a comma list before a plural cue: every person listed speaks
        ("Harbour President Ann Lee, Island Premier Tom Hale and Coast Minister Bo Ortiz issued a joint "
         "statement on Nov. 10, agreeing on a cease-fire.", ("Ann Lee", "Tom Hale", "Bo Ortiz")),
        ("In Paris, Tom Hale and Ann Lee said it was fine.", ("Tom Hale", "Ann Lee")),
        # a cue followed by "and" took no words
        ("Her friend Bo Ortiz, according to the Harbour Post, objected and left the army.", ()),
        # a place whose role-like first word is a place word
        ("The man from both Florida and New York, Tom Hale, said it was fine.", ("Tom Hale",)),
        # an occupation is a role
        ("Engineer Gihad Saleh says the school must reopen.", ("Gihad Saleh",)),
        # a headline list: a lone word with no full name, title or quotation is nobody
        ("Most Read 1 Xi urges calm 2 Xi stresses unity 3 Weather", ()),
        ("Narrative past: Tom Hale wanted to open markets. Tom Hale proposed a study.", ()),
        ("Tom Hale planned to visit Ohio. Ann Lee intended to leave.", ()),
        # a position: what a stance cue reports follows it; a particle or a relative clause none
        ("Tom Hale backed a flat tax. Ann Lee backed away from it.", ("Tom Hale",)),
        ("The tax Tom Hale backed for families is low. Ann Lee was backed by Al Roe.", ()),
        ("Tom Hale declined to comment. Ann Lee declined an invitation.", ("Tom Hale",)),
        # a place after "of", and others who say it too
        ("Rep. Henry Cuellar of Texas said he will back it.", ("Henry Cuellar",)),
        ("Since then, Mr. Xi and other leaders have said cutting output is key.", ("Xi",)),
    ],
)
def test_lists_conjunctions_places_and_lone_words(text: str, expected: tuple[str, ...]) -> None:
    assert speakers(text) == expected


def test_quotations_right_after_an_attribution_are_the_same_speakers() -> None:
    text = "\u201cWe will win,\u201d Ann Lee said. \u201cThey are weak.\u201d \u201cVery weak.\u201d Tom Hale left."
    assert [(s.speaker, s.text) for s in extract_statements(text)] == [
        ("Ann Lee", "\u201cWe will win,\u201d"), ("Ann Lee", "\u201cThey are weak.\u201d"), ("Ann Lee", "\u201cVery weak.\u201d")]


def test_a_quotation_with_an_attribution_of_its_own_is_not_continued() -> None:
    text = "\u201cWe will win,\u201d Ann Lee said. \u201cNo,\u201d Tom Hale said."
    assert [(s.speaker, s.text) for s in extract_statements(text)] == [
        ("Ann Lee", "\u201cWe will win,\u201d"), ("Tom Hale", "\u201cNo,\u201d")]


def test_people_named_inside_a_quotation_are_not_its_speakers() -> None:
    text = "\u201cAfter the fire, Ann Lee called on lawmakers to act,\u201d Tom Hale said."
    assert speakers(text) == ("Tom Hale",)
