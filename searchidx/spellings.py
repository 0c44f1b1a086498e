"""British and American spellings of one word folded to one form (the American), for analysis.

News from London, Beijing and Washington spells the same word two ways ("Shanghai Cooperation
Organisation", "defense ministry"), and Porter2 stems the two apart ("organis" / "organ",
"defenc" / "defens"), so either spelling missed the other. Analysis folds both sides of the
index (engine/analysis.py, after lower-casing), so changing this table needs a schema bump.

Only whole words fold, and only words listed here: a rule on every "-ise" word would also turn
"promise", "exercise" and "expertise" into words that are not theirs. Each family below is a
root with the endings both spellings take; irregular pairs are listed as they are. Keys are
lower-case tokens as the tokenizer produces them; the table is data: add a row, add a test.
"""

from __future__ import annotations

# Verbs in -ise/-ize and their nouns: root + ending, "s" -> "z" ("organis|ation" -> "organiz|ation").
_IZE_ROOTS = (
    "agon", "apolog", "author", "capital", "categor", "central", "character", "civil", "colon",
    "commercial", "computer", "critic", "customer", "decentral", "democrat", "demilitar", "denuclear",
    "destabil", "digit", "digital", "emphas", "equal", "extern", "familiar", "fertil", "final", "formal",
    "fossil", "general", "global", "harmon", "hospital", "human", "ideal", "immun", "individual",
    "industrial", "institutional", "internal", "international", "jeopard", "legal", "legitim", "liberal",
    "local", "marginal", "material", "maxim", "memor", "memorial", "militar", "minim", "mobil", "modern",
    "monetar", "monet", "monopol", "moral", "national", "natural", "neutral", "normal", "optim", "organ",
    "penal", "personal", "polar", "politic", "pressur", "priorit", "privat", "radical", "random",
    "rational", "real", "recogn", "regular", "revolution", "sanit", "scrutin", "secular", "sensit",
    "social", "special", "stabil", "standard", "steril", "stigmat", "subsid", "summar", "symbol",
    "sympath", "synchron", "terror", "theor", "trivial", "urban", "util", "visual", "weapon", "western",
)
_IZE_ENDINGS = ("ise", "ised", "ises", "ising", "isation", "isations", "iser", "isers")
# Verbs in -yse/-yze ("analyses" is left alone: it is also the plural of "analysis").
_YZE_ROOTS = ("anal", "paral", "catal", "dial", "hydrol", "electrol")
_YZE_ENDINGS = ("yse", "ysed", "ysing", "yser", "ysers")
# -our/-or: root + ending, "our" -> "or" ("labo|ur" -> "labo|r").
_OUR_ROOTS = (
    "ardo", "armo", "behavio", "cando", "clamo", "colo", "demeano", "endeavo", "favo", "fervo", "flavo",
    "harbo", "hono", "humo", "labo", "neighbo", "odo", "parlo", "rigo", "rumo", "savo", "splendo", "tumo",
    "valo", "vapo", "vigo",
)
_OUR_ENDINGS = ("ur", "urs", "ured", "uring", "ural", "urally", "urful", "urable", "urably", "urite",
                "urites", "urer", "urers", "urhood", "urhoods", "urless", "urism", "ury", "uries")
# Irregular pairs, British first.
_PAIRS = """
centre center centres centers centred centered centring centering
metre meter metres meters kilometre kilometer kilometres kilometers centimetre centimeter
centimetres centimeters millimetre millimeter millimetres millimeters litre liter litres liters
theatre theater theatres theaters fibre fiber fibres fibers calibre caliber sombre somber
spectre specter lustre luster meagre meager sabre saber manoeuvre maneuver manoeuvres maneuvers
manoeuvred maneuvered manoeuvring maneuvering
defence defense defences defenses defenceless defenseless offence offense offences offenses
licence license licences licenses pretence pretense
catalogue catalog catalogues catalogs catalogued cataloged analogue analog analogues analogs
dialogue dialog dialogues dialogs prologue prolog epilogue epilog monologue monolog
travelled traveled travelling traveling traveller traveler travellers travelers
cancelled canceled cancelling canceling labelled labeled labelling labeling
modelled modeled modelling modeling fuelled fueled fuelling fueling signalled signaled
signalling signaling channelled channeled channelling channeling levelled leveled levelling leveling
counselled counseled counselling counseling counsellor counselor counsellors counselors
marshalled marshaled equalled equaled totalled totaled tunnelled tunneled quarrelled quarreled
dialled dialed dialling dialing jewellery jewelry woollen woolen
fulfil fulfill fulfils fulfills fulfilment fulfillment enrol enroll enrols enrolls enrolment enrollment
enrolments enrollments instalment installment instalments installments skilful skillful
wilful willful distil distill instil instill
anaemia anemia anaemic anemic anaesthesia anesthesia anaesthetic anesthetic anaesthetics anesthetics
haemorrhage hemorrhage haemoglobin hemoglobin haematology hematology haemophilia hemophilia
leukaemia leukemia paediatric pediatric paediatrics pediatrics orthopaedic orthopedic
oesophagus esophagus oestrogen estrogen foetus fetus foetal fetal diarrhoea diarrhea
oedema edema gynaecology gynecology caesarean cesarean encyclopaedia encyclopedia
programme program programmes programs grey gray greys grays judgement judgment judgements judgments
ageing aging aluminium aluminum plough plow ploughs plows ploughed plowed mould mold moulds molds
mouldy moldy sceptic skeptic sceptics skeptics sceptical skeptical scepticism skepticism
practise practice practised practiced practises practices practising practicing
sulphur sulfur sulphate sulfate sulphates sulfates sulphuric sulfuric sulphide sulfide
artefact artifact artefacts artifacts moustache mustache pyjamas pajamas cosy cozy gaol jail
smoulder smolder smouldering smoldering aeroplane airplane aeroplanes airplanes
"""


def _spellings() -> dict[str, str]:
    """The British spelling of each word listed -> its American spelling."""
    table: dict[str, str] = {}
    for roots, endings, old, new in ((_IZE_ROOTS, _IZE_ENDINGS, "is", "iz"), (_YZE_ROOTS, _YZE_ENDINGS, "ys", "yz"),
                                     (_OUR_ROOTS, _OUR_ENDINGS, "ur", "r")):
        for root in roots:
            for ending in endings:
                table[root + ending] = root + new + ending[len(old):]
    words = _PAIRS.split()
    table.update(zip(words[::2], words[1::2]))
    return table


SPELLINGS: dict[str, str] = _spellings()
