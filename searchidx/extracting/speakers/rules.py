"""Tables for speaker attribution: cue words, titles, and words that never name a person.

Every rule here is data: adding a speech verb, a title or an organisation word is a one-line
change, with a test beside it in ``tests/extracting/test_speakers_statements.py``. All words are lower-case; the
extractor lower-cases before looking them up. ``statements`` holds the logic.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Cues that report a position or a refusal rather than words ("Clinton backed a no-fly zone",
# "Mr. Thiel declined to comment", "Trump knows nothing about …"): PolNeAR's annotators mark them as attributions (on its train split, 80-95% of the
# statements this extractor reads with each of them overlap an annotated attribution), and an
# analyst asking "who backed X?" wants them. They report only what follows them, never the
# clause before, and nothing when a particle or a preposition makes them an act, a passive or a
# relative clause ("backed away", "backed by", "the rate Trump proposed for individuals").
# Left out: plans and intentions ("plans to visit Charlotte" is a schedule, not a position),
# proposals ("the senator proposed a study" is a legislator's act; diplo-dev's gold leaves it
# out), "sees" ("sees a surge"), the bare "back" (an adverb as often as a verb).
STANCE_CUES = _words("""
    backs backed
    defend defends defended reject rejects rejected rejecting
    decline declines declined refuse refuses refused knows
    advocate advocates advocated advocating dispute disputes disputed
    """)

# Words after a stance cue that make it an act, a passive or a relative clause.
STANCE_PARTICLES = _words("by away off out up down into from over for in on at with as about")

# Stance cues that report a refusal only before "to": "declined to comment" (not "declined an
# assignment").
REFUSALS = _words("decline declines declined refuse refuses refused")

# Verbs whose subject is the person whose statement, position or belief is reported
# ("Wang said", "Lavrov told reporters", "she warned"). "voiced"/"expressed" are left out on
# purpose: "Putin voiced support" reports an act, not a statement with content. So are "wanted"
# and "proposed": in narrative past they tell a motive or an act ("Roosevelt wanted to open
# markets", "the senator proposed a study"), while "wants"/"proposes" report a stated position.
CUE_VERBS = _words("""
    say says said saying tell tells told telling add adds added note notes noted
    stress stresses stressed urge urges urged warn warns warned argue argues argued
    claim claims claimed insist insists insisted explain explains explained write writes wrote
    tweet tweets tweeted tweeting ask asks asked announce announces announced declare declares
    declared acknowledge acknowledges acknowledged admit admits admitted suggest suggests
    suggested predict predicts predicted believe believes believed think thinks thought
    emphasize emphasizes emphasized emphasise emphasises emphasised reiterate reiterates reiterated
    recall recalls recalled reply replies replied respond responds responded answer answers answered
    counter counters countered complain complains complained concede concedes conceded
    confirm confirms confirmed deny denies denied contend contends contended maintain maintains
    maintained vow vows vowed pledge pledges pledged promise promises promised
    criticize criticizes criticized criticise criticised praise praises praised
    accuse accuses accused charge charges charged lament laments lamented joke jokes joked
    quip quips quipped observe observes observed remark remarks remarked agree agrees agreed
    echo echoes echoed propose proposes mention mentions mentioned
    reveal reveals revealed disclose discloses disclosed estimate estimates estimated
    hope hopes hoped fear fears feared allege alleges alleged assure assures assured
    boast boasts boasted brag brags bragged caution cautions cautioned conclude concludes concluded
    demand demands demanded hint hints hinted indicate indicates indicated object objects objected
    protest protests protested recount recounts recounted recommend recommends recommended
    retort retorts retorted scoff scoffs scoffed shout shouts shouted speculate speculates speculated
    stated testify testifies testified threaten threatens threatened
    underline underlines underlined underscore underscores underscored wonder wonders wondered
    reckon reckons reckoned feel feels felt slam slams slammed blast blasts blasted
    dismiss dismisses dismissed question questions questioned
    continue continues continued expect expects expected acknowledging announcing
    adding noting stressing warning arguing claiming insisting explaining writing asking
    declaring suggesting predicting emphasizing recalling replying responding complaining
    vowing pledging promising accusing urging telling calling
    want wants endorse endorses endorsed endorsing cite cites cited citing
    support supports supported supporting oppose opposes opposed opposing seek seeks sought seeking
    denounce denounces denounced denouncing blame blames blamed blaming attack attacks attacked
    decry decries decried condemn condemns condemned assert asserts asserted knock knocks knocked
    applaud applauds applauded applauding rail rails railed thank thanks thanked challenge challenges challenged invoke invokes invoked
    email emails emailed retweet retweets retweeted post posts posted favor favors favored prefer prefers preferred
    worry worries worried lambaste lambastes lambasted liken likens likened welcome welcomes welcomed
    report reports reported scold scolds scolded laud lauds lauded hail hails hailed mock mocks mocked
    chide chides chided tout touts touted fume fumes fumed snap snaps snapped
    call calls called describe describes described point points pointed
    spoke speaks talked talks
    repeat repeats repeated repeating interject interjects interjected
    apologize apologizes apologized apologise apologises apologised
    criticizing criticising praising touting thanking defending dismissing
    """) | STANCE_CUES


# Feelings that "expressed" or "voiced" report with a clause after them ("expressed confidence
# that …"): the clause is a statement; "voiced support" with no clause stays an act.
FEELING_NOUNS = _words("""
    concern concerns frustration hope hopes confidence doubt doubts skepticism scepticism dismay
    regret optimism pessimism disappointment surprise fear fears worry worries belief alarm
    """)

# Writings whose author "according to" names after "by"/"from": "according to a study by Ann
# Lee", "according to documents from Bo Ortiz". The author is the source of what the sentence
# reports, as in "according to Ann Lee"; a place or an outlet after "by" stays no person.
SOURCE_WRITINGS = _words("""
    study studies report reports poll polls survey surveys analysis analyses calculation calculations
    estimate estimates document documents record records memo memos lawsuit filing filings letter
    letters book memoir research paper review biography email emails notes transcript testimony
    complaint affidavit audit interview column op-ed essay post posts statement statements
    """)

# Participles between such a writing and "by": "a lawsuit filed in Manhattan by …".
SOURCE_WRITING_VERBS = _words("""
    filed published written released prepared conducted issued compiled commissioned obtained
    posted sent
    """)

# Cues in the passive whose agent, after "by", is the speaker: "Rubio was asked by moderator Ann
# Lee whether …", "When pressed by Bo Ortiz on taxes, …". What was said follows the agent.
PASSIVE_AGENT_CUES = _words("""
    asked pressed questioned urged told criticized criticised accused challenged
    """)

# Cues that may come before the speaker: "…, said Wang, who…", "…, added Lavrov." The verbs of
# manner ("“This is fantastic!” beamed Ann Lee", "remembered", "posted") report speech only in
# this position, right after what was said, so they are here and not among the cue verbs.
INVERTED_CUES = _words("""
    said says added adds noted notes explained explains continued continues wrote writes asked asks
    insisted insists argued argues stressed stresses recalled recalls replied replies remarked
    observed tweeted warned cautioned declared concluded acknowledged responded countered quipped
    joked told tells
    remembered posted retweeted beamed exclaimed whispered shouted laughed mused sighed
    """)

# Cues that say what they report with a particle first: "pointed out that …" reports what
# follows "out".
PHRASAL_PARTICLES: dict[str, str] = {
    **dict.fromkeys(("point", "points", "pointed", "pointing"), "out"),
    **dict.fromkeys(("spoke", "speaks"), "out"),
}

# Words that may sit between a subject and its cue: "Wang also said", "Lavrov has repeatedly warned",
# and the quantifiers that float after a plural subject ("Lee and Ortiz have both argued").
AUXILIARIES = _words("""
    both all each
    has have had will would could can may might should must did does do is was were are
    has been had been also later then further again once often repeatedly recently previously
    publicly privately reportedly separately subsequently earlier last yesterday today since
    already frequently long even still simply just
    """)

# Title and role words: a run of these before a name is the speaker's role, not the name.
TITLE_WORDS = _words("""
    sens sens. reps reps. del del. supt. amb. ministers presidents secretaries senators governors
    ambassadors leaders officials envoys spokespeople
    president vice prime minister foreign deputy secretary state councilor councillor spokesperson
    spokesman spokeswoman senator sen sen. rep rep. representative congressman congresswoman
    governor gov gov. mayor chairman chairwoman chair chief director general gen gen. ambassador
    chancellor premier king queen prince princess speaker leader attorney judge justice
    commissioner envoy special assistant adviser advisor counselor counsellor undersecretary
    under assistant officer commander admiral adm adm. colonel col col. lt lt. major maj captain capt
    sergeant sgt pope cardinal archbishop bishop rabbi imam sheikh emir crown minority majority whip
    executive managing acting interim former nominee candidate presidential vice-presidential
    republican democratic democrat independent libertarian lieutenant first lady
    south north east west new
    foreign affairs defense defence interior finance trade commerce energy education health
    national security homeland economic permanent representative delegate member members
    press host anchor correspondent editor columnist professor prof prof. dr dr. doctor
    mr mr. mrs mrs. ms ms. miss sir lord dame madam mister the of and for on to at in
    people's republic federation kingdom united nations general-secretary secretary-general
    director-general head ceo cfo chairperson co-founder founder owner analyst economist
    strategist pollster lawyer candidate retranslated minister-counselor consul consul-general
    resources management operations policy planning relations development intelligence
    counterterrorism cooperation diplomacy administrator coordinator high
    engineer engineers researcher researchers scientist scientists teacher teachers lecturer
    physician surgeon nurse pastor reverend rev rev. father imam student students farmer
    sheriff alderman alderwoman councilman councilwoman supervisor recorder treasurer comptroller
    prosecutor superintendent trustee consultant official staff excellency
    """)

# Numbers that end labels and headings, never names ("Senior Official Number One:", "Part One").
NUMBER_WORDS = _words("one two three four five six seven eight nine ten")

# Words after a surname that belong to the name: "Charles Elliott III", "Joseph Dunford Jr.".
# A numeral after a lone given name is a regnal name ("Charles III"), no surname and suffix.
NAME_SUFFIXES = _words("jr sr ii iii iv")
GENERATION_SUFFIXES = _words("jr sr")

# Honorifics that mark what follows as a person even when it is a single word ("Mr. Trump").
HONORIFICS = _words("""
    mr mr. mrs mrs. ms ms. dr dr. sen sen. rep rep. gov gov. gen gen. prof prof.
    president senator governor secretary minister councilor spokesperson spokesman spokeswoman
    ambassador premier chancellor mayor judge justice speaker representative congressman
    congresswoman lt. col. capt. sgt. adm. sir lord dame pope del. sens.
    """)

# Abbreviations whose final dot does not end a sentence.
ABBREVIATIONS = _words("""
    mr. mrs. ms. dr. sen. sens. rep. reps. del. gov. gen. prof. supt. insp. det. amb. lt. col. capt. sgt. maj. st. jr. sr. u.s. u.n. u.k.
    no. vs. inc. corp. co. ltd. jan. feb. mar. apr. aug. sep. sept. oct. nov. dec. rev. hon. adm.
    """)

# Words that, anywhere in a name, show that it names no person: organisations, media, places,
# nations and their adjectives, calendar words.
NON_PERSON_WORDS = _words("""
    committee center centre university college school times news post journal herald tribune
    gazette magazine press media network television tv radio daily weekly review institute
    institution foundation council court commission board bureau agency office department
    ministry administration government parliament congress senate house assembly cabinet
    party campaign association federation union league coalition alliance organization
    organisation group company corporation corp inc ltd llc bank fund trust club church
    project program programme initiative act bill law amendment amendments poll polls survey study report research
    election elections
    service services force army navy police guard clinic hospital caucus pac pacs super
    conference summit forum convention partnership agreement treaty
    china russia america united states kingdom france germany japan iran iraq syria israel
    britain england europe european union ukraine korea india pakistan afghanistan libya turkey
    mexico canada brazil cuba venezuela egypt saudi arabia qatar greenland denmark
    italy spain poland australia asia africa africa's kazakhstan uzbekistan kyrgyzstan
    tajikistan turkmenistan mongolia vietnam taiwan hong kong beijing moscow washington
    afghanistan albania algeria andorra angola argentina armenia austria azerbaijan bahamas bahrain
    bangladesh barbados belarus belgium belize benin bhutan bolivia bosnia botswana brunei bulgaria
    burkina burundi cambodia cameroon chad chile colombia comoros congo croatia cyprus czechia
    djibouti dominica ecuador eritrea estonia eswatini ethiopia fiji finland gabon gambia ghana
    greece grenada guatemala guinea guyana haiti honduras hungary iceland indonesia ireland jamaica
    jordan kenya kiribati kosovo kuwait laos latvia lebanon lesotho liberia liechtenstein lithuania
    luxembourg madagascar malawi malaysia maldives mali malta mauritania mauritius micronesia moldova
    monaco montenegro morocco mozambique myanmar burma namibia nauru nepal netherlands nicaragua niger
    nigeria macedonia norway oman palau panama paraguay peru philippines portugal romania rwanda samoa
    senegal serbia seychelles singapore slovakia slovenia somalia sudan suriname sweden switzerland
    tanzania thailand togo tonga tunisia tuvalu uganda uruguay vanuatu yemen zambia zimbabwe
    palestine gaza crimea donbas xinjiang tibet sahel balkans caucasus
    alabama alaska arizona arkansas california colorado connecticut delaware florida hawaii idaho
    illinois iowa kansas kentucky louisiana maine maryland massachusetts michigan minnesota
    mississippi missouri nebraska nevada ohio oklahoma oregon pennsylvania tennessee texas utah
    vermont wisconsin wyoming hampshire
    taliban hamas hezbollah isis isil daesh al-qaeda nato asean opec un eu g7 g20 who
    request strategy document consultations dialogue budget declaration communique framework
    embassy consulate mission kremlin pentagon treasury capitol area white xinhua reuters tass ap afp upi bloomberg cnn msnbc fox abc nbc cbs
    npr pbs bbc politico breitbart huffpost huffington nyt twitter facebook youtube instagram
    politifact gallup quinnipiac marist pew rasmussen ipsos yougov axios vox slate salon buzzfeed
    drudge newsmax wikileaks beast factcheck snopes
    google apple microsoft amazon
    chinese russian american french german japanese iranian iraqi syrian israeli british
    english ukrainian korean indian pakistani afghan libyan turkish mexican canadian cuban
    egyptian saudi european asian african western eastern northern southern central
    australian greek italian spanish polish dutch swedish norwegian danish finnish belgian swiss
    austrian irish scottish welsh hungarian czech romanian bulgarian serbian croatian
    greenlandic kazakh uzbek kyrgyz tajik turkmen mongolian vietnamese taiwanese filipino
    indonesian malaysian thai brazilian argentine argentinian chilean colombian peruvian
    venezuelan nigerian kenyan ethiopian south-african lebanese jordanian emirati qatari
    palestinian belarusian georgian armenian azerbaijani estonian latvian lithuanian
    americans republicans democrats voters supporters critics experts officials lawmakers
    monday tuesday wednesday thursday friday saturday sunday january february march april
    june july august september october november december
    god lord jesus coal oil energy technologies holdings partners capital industries airlines
    motors systems solutions labs studios records books pictures entertainment
    city county state province region district street avenue square island river airport
    internet web online video statement tweet command linkedin reddit tiktok telegram whatsapp
    instagram snapchat substack sentinel globe observer chronicle inquirer examiner courier
    stampa courrier osservatore correio corriere monde figaro spiegel zeitung repubblica
    exxon mobil electric jet tower
    watch international amnesty beacon now live citizen express telegraph intercept
    politics statistics economics lawyers advocates future matter team latinos latino hispanics
    """)

# Word endings that make a word a description, never part of a name ("Israel-based", "US-led").
NON_NAME_SUFFIXES = ("-based", "-led", "-backed", "-owned", "-run", "-funded", "-born")

# Days and months that a name's run may carry at its end ("Andrew Holness Friday"); not "May",
# a surname as often.
CALENDAR_WORDS = _words("""
    monday tuesday wednesday thursday friday saturday sunday january february march april june
    july august september october november december jan. feb. aug. sept. oct. nov. dec.
    """)

# Capitalised words that start sentences but are no names ("But Wang said": "But" is no name).
SENTENCE_WORDS = _words("""
    a an the this that these those there here it its he she his her they them their we our i
    you your who whom whose which what when where why how while after before as at by for from
    in into of on onto to with without but and or nor so yet if then though although because
    once whenever wherever whether
    since until unless also however meanwhile still now later earlier asked speaking according
    like unlike under over about above across against among between during despite through
    both either neither each every all any some many most much more other another such
    one two three four five six seven eight nine ten first last next new old
    yes no not never only even just well oh ok okay please thank thanks
    question questions moderator operator participant audience answer q a.
    regarding concerning following including considering given hi hello dear
    i'm i've i'd i'll we're we've it's that's he's she's there's here's let's
    do does did maybe perhaps through everyone everybody nobody nothing something anyone were was is are goes go my me us i we
    """)

# Transcript labels that name nobody ("QUESTION:", "MODERATOR:").
ANONYMOUS_LABELS = _words("""
    question q questioner moderator operator participant audience voice voices staff
    reporter reporters journalist interviewer unidentified unknown male female speaker
    interpreter translator announcer narrator crowd audience member members
    update note editor's correction source related read watch photo credit disclosure
    background transcript excerpt excerpts text full clarification addendum begin end part
    everyone everybody all both others
    """)

# Family-name-first naming: the short form of "Wang Yi" is "Wang", of "Ban Ki-moon" is "Ban".
FAMILY_NAME_FIRST = _words("""
    wang li zhang liu chen yang zhao huang zhou wu xu sun hu zhu gao lin he guo ma luo liang song
    zheng xie han tang feng yu dong xiao cheng cao yuan deng fu shen zeng peng lu su jiang cai
    jia ding wei xue ye yan pan du dai xia zhong tian ren fan fang shi yao tan liao zou xiong jin
    hao kong bai cui kang mao qiu qin gu hou shao meng long wan duan lei qian yin qiao lai gong
    wen hua geng le chang yi xi
    kim park lee choi jung kang cho yoon jang lim moon ban
    """)

# Words after which a name is an object, not the subject of the cue that follows
# ("a meeting with Lavrov said" names no speaker).
OBJECT_MARKERS = _words("""
    on about of to with for against by from at in into than that between among over under
    toward towards like unlike including via per around near inside outside behind beyond
    within throughout across along amid beside past
    """)

# Prepositions of place: a name after one opens no list of speakers ("Making her way around Chez
# Marlo, A and B thanked"). Not "with": "with A, B and C all calling for" lists speakers.
PLACE_PREPOSITIONS = _words("in at on near around inside outside behind beyond within throughout across along amid beside past from into onto")

# Helpers that make a following cue passive ("was charged"): its subject is no speaker.
PASSIVE_MARKERS = _words("is was were are been be being")

# Helpers that deny the cue ("did not respond", "would never say").
NEGATIONS = _words("not never n't")

# Helpers after which a bare verb is finite ("will say", "did tell").
MODALS = _words("will would could can may might should must did does do")

# Finite cue forms that end in neither -s, -ed nor -ing.
IRREGULAR_FINITE = _words("said told thought wrote felt spoke")

# Title words that are nouns: the last of them in a run ends the role, whatever precedes it
# ("Charlotte Mayor Jennifer Roberts", "Virginia AFL-CIO President Doris Crouse-Mays").
ROLE_NOUNS = TITLE_WORDS - _words("""
    the of and for on to at in first new south north east west former acting interim executive
    managing deputy vice under crown minority majority democratic
    presidential vice-presidential foreign defense defence interior finance
    trade commerce energy education health national security homeland economic permanent
    people's republic federation kingdom united nations special assistant lady mr mr. mrs mrs.
    ms ms. miss sir lord dame madam mister member members press state
    resources management operations policy planning relations development intelligence
    counterterrorism cooperation diplomacy high
    """)

# Titles used as forms of address: "Mr Chairman", "Mr. Secretary" name nobody.
ADDRESS_TITLES = _words("""
    president secretary chairman chairwoman chair minister speaker ambassador mayor governor senator
    prime vice deputy chancellor premier commissioner director general envoy
    """)

# --- reported text ------------------------------------------------------------------------------

# Time words that may stand between a cue and what was said ("said Monday that …",
# "told reporters yesterday"): skipped at the start of the reported text.
ADJUNCT_WORDS = _words("""
    monday tuesday wednesday thursday friday saturday sunday today yesterday tonight
    on last this earlier later recently previously again also
    """)

# Words that open a time, place or occasion rather than what was said ("said in an interview.",
# "told Fox News on Sunday", "said to applause"): after a cue, they mean that the reported text
# is the clause before the attribution ("“…,” Wang said in Munich.").
ADJUNCT_OPENERS = _words("in on at to during after before while from of with earlier later last this")

# Listeners named after "told" ("told reporters on Monday that …"): what was said follows "that".
LISTENER_WORDS = _words("""
    reporters journalists supporters voters crowd crowds audiences students workers members
    lawmakers colleagues donors delegates listeners viewers readers me us him her them
    """)

# --- what a name is not ------------------------------------------------------------------------

# Words that never end a person's name: parties, leanings and roles ("the Minnesota Republican
# told", "Ohio Democrat"); a name ending in one is a description, not a name.
NAME_END_NEVER = _words("""
    republican republicans democrat democrats democratic independent independents conservative
    conservatives liberal liberals progressive progressives libertarian socialist socialists
    spokesman spokeswoman spokesperson spokespeople official officials minister ministers
    secretary senator senators governor governors president presidents ambassador candidate
    candidates nominee leader leaders chairman chairwoman director adviser advisor advisers aide
    aides analyst analysts economist economists lawmaker lawmakers congressman congresswoman
    resident residents supporter supporters voter voters activist activists
    """)

# First words of place names that look like people ("Metro Manila", "Los Angeles", "San Jose",
# "New York"): a two- or three-word name that opens with one of these is a place.
PLACE_PREFIXES = _words("""
    metro greater upper lower middle los las san santa sao são st st. saint sainte fort port mount mt mt.
    lake new north south east west northern southern eastern western central
    """)

# Surnames that are also words of the lists above ("Steve Israel", "Mark Cuban", "David French",
# "Michael Bloomberg", "Jim Jordan", "Kerry Washington"): after a given name, as the last word of
# a name, they are surnames. Not "law", "day" or "king": "Harvard Law", "Election Day" and
# "Burger King" would read as people.
SURNAME_WORDS = _words("bloomberg israel cuban french english washington jordan huffington hong")

# Given names that are also words of the lists above ("Bill Clinton", "June Carter"): as the first
# word of a longer name they are given names.
GIVEN_NAME_WORDS = _words("bill june april august")

# Determiners: a name right after one, with no role, is a thing ("the Orlando Sentinel
# reported", "the Reddit posts"), not a person. Not "that": before a name it is most often the
# conjunction ("his attack that Hillary Clinton is not qualified").
DETERMINERS = _words("the a an this these those")

# Organisations whose names read like a person's (a given name and a surname), lower-case.
ORGANISATION_NAMES = frozenset((
    "goldman sachs", "morgan stanley", "merrill lynch", "lehman brothers", "dow jones",
    "charles schwab", "wells fargo", "johnson & johnson", "procter & gamble", "ernst & young",
    "marks & spencer", "rolls-royce", "mercedes-benz", "louis vuitton", "christian dior",
    "calvin klein", "ralph lauren", "tommy hilfiger", "hugo boss", "emirates nbd",
    "bain capital", "berkshire hathaway", "jp morgan", "j.p. morgan", "jpmorgan chase",
    "john deere", "ben & jerry's", "dr pepper", "jack daniel's", "estee lauder",
    "victoria's secret", "martha stewart living", "walt disney", "thomson reuters",
))

# Cue verbs that report speech only with a clause, a quotation or a colon after them ("concluded
# that …", "continued: “…”"); with an object they report an act ("concluded their talks",
# "continued campaigning", "posted a photo", "answered the phone").
CLAUSE_ONLY_CUES = _words("""
    conclude concludes concluded continue continues continued answer answers answered
    post posts posted retweet retweets retweeted echo echoes echoed spoke speaks talked talks
    """)
