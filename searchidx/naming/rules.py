"""Name rules as data: spellings of one person, places that were renamed, what a source is also
called, and names that are never a person's. Each table is a one-line change with a test
beside it (tests/naming/); keys are written as ``keys.name_tokens`` folds them (lower case,
accents and punctuation gone).
"""

from __future__ import annotations

# Transliterations of one Russian, Ukrainian, Arabic or Chinese name part -> the form they merge
# under. Wires and governments romanise differently (Reuters "Sergei", the Kremlin "Sergey";
# the State Department "Zelenskyy", older wires "Zelensky"), and all of them mean one person.
TRANSLITERATIONS: dict[str, str] = {
    "sergei": "sergey", "sergej": "sergey",
    "yuri": "yury", "yuriy": "yury", "iouri": "yury",
    "dmitri": "dmitry", "dmitriy": "dmitry",
    "zelenskyy": "zelensky", "zelenskiy": "zelensky", "zelenskii": "zelensky", "zelenskyi": "zelensky",
    "alexei": "alexey", "aleksei": "alexey", "aleksey": "alexey",
    "andrei": "andrey", "nikolai": "nikolay", "maxim": "maksim", "oleksii": "oleksiy", "shoygu": "shoigu",
    "valeri": "valery", "valeriy": "valery", "evgeny": "yevgeny", "evgeni": "yevgeny", "yevgeni": "yevgeny",
    "vasili": "vasily", "vasiliy": "vasily", "anatoli": "anatoly", "anatoliy": "anatoly",
    "gennadi": "gennady", "gennadiy": "gennady", "arkadi": "arkady", "georgi": "georgy", "grigori": "grigory",
    "nazarbaev": "nazarbayev", "tokaev": "tokayev", "mirziyoev": "mirziyoyev",
    "berdymukhamedov": "berdimuhamedov", "berdymukhammedov": "berdimuhamedov",
    "muhammad": "mohammed", "mohammad": "mohammed", "mohamed": "mohammed",
    "muhammed": "mohammed", "ahmad": "ahmed", "hussain": "hussein", "husain": "hussein",
    "gaddafi": "qaddafi", "kadhafi": "qaddafi", "qadhafi": "qaddafi",
}
# Short forms of given names: "Tony Blinken" is Antony J. Blinken. Only for telling whether two
# full names with one family name can be one person; never applied to a name on its own.
NICKNAMES: dict[str, frozenset[str]] = {
    "tony": frozenset({"antony", "anthony"}), "bill": frozenset({"william"}), "will": frozenset({"william"}),
    "bob": frozenset({"robert"}), "rob": frozenset({"robert"}), "bobby": frozenset({"robert"}),
    "mike": frozenset({"michael"}), "jim": frozenset({"james"}), "jimmy": frozenset({"james"}),
    "tim": frozenset({"timothy"}), "tom": frozenset({"thomas"}), "matt": frozenset({"matthew"}),
    "dan": frozenset({"daniel"}), "joe": frozenset({"joseph"}), "ned": frozenset({"edward"}),
    "ted": frozenset({"edward", "theodore"}), "dick": frozenset({"richard"}), "rick": frozenset({"richard"}),
    "steve": frozenset({"stephen", "steven"}), "chris": frozenset({"christopher"}), "nick": frozenset({"nicholas"}),
    "ben": frozenset({"benjamin"}), "sam": frozenset({"samuel"}), "liz": frozenset({"elizabeth"}),
    "kate": frozenset({"katherine", "catherine"}), "jen": frozenset({"jennifer"}), "andy": frozenset({"andrew"}),
    "alex": frozenset({"alexander", "alexandra"}), "pete": frozenset({"peter"}), "greg": frozenset({"gregory"}),
    "jake": frozenset({"jacob"}), "jon": frozenset({"jonathan"}), "ken": frozenset({"kenneth"}),
    "don": frozenset({"donald"}), "ron": frozenset({"ronald"}), "jerry": frozenset({"gerald", "jerome"}),
    "larry": frozenset({"lawrence"}), "fred": frozenset({"frederick"}), "vlad": frozenset({"vladimir"}),
}
# Words written before a name that are not part of it ("Honorable Aiyaz Sayed-Khaiyum", "Mr. Ice").
HONORIFICS = frozenset(
    "mr mrs ms miss dr sir dame lord lady madam madame mme m hon honorable honourable his her excellency "
    "h e rev reverend sheikh shaikh prof professor gen general col colonel adm admiral".split()
)
# Name parts that say "organisation, not person" wherever they stand in a name.
ORGANISATION_WORDS = frozenset(
    "ministry department embassy consulate committee commission council government parliament agency "
    "administration office bureau authority authorities bank reserve fund exchange corporation corp co inc "
    "ltd plc llc group company companies association union institute university school party movement "
    "army forces force navy police court assembly alliance coalition organization organisation federation "
    "foundation network press news radio television tv times post journal daily telegraph herald tribune "
    "democracy globally secretariat directorate service services board workers cable airlines airways "
    "motors electric industries holdings systems".split()
)
# Names that are places, organisations, groups or outlets, never a speaker, though news writes
# them as one ("Kabul said", "Moderna announced", "Houthi attacks"). Folded keys. Places that
# are also datelines or sources in the index are caught without being listed here.
NOT_PEOPLE = frozenset({
    # groups and armed movements, alliances, institutions
    "houthi", "houthis", "taliban", "isis", "isil", "daesh", "isis khorasan", "isis k", "al qaeda",
    "al shabaab", "hamas", "hezbollah", "hizballah", "boko haram", "wagner", "nato", "asean", "opec",
    "brics", "un", "eu", "osce", "iaea", "wto", "imf", "sco", "csto", "quad", "aukus", "pentagon",
    "kremlin", "white house", "state department", "foreign ministry", "fed", "congress", "senate",
    # companies
    "moderna", "pfizer", "biontech", "astrazeneca", "johnson johnson", "sinovac", "sinopharm", "gazprom",
    "rosneft", "huawei", "boeing", "airbus", "google", "apple", "microsoft", "amazon", "facebook", "meta",
    "twitter", "tiktok", "gencorp", "chrysler", "exxon", "texaco", "opec",
    # outlets
    "xinhua", "reuters", "tass", "ria novosti", "interfax", "afp", "ap", "associated press", "bbc", "cnn",
    "al jazeera", "cctv", "cgtn", "global times", "people s daily", "sputnik", "rt", "bloomberg", "kyodo",
    "yonhap", "politico", "axios",
    # places that make the news as actors (capitals standing for governments, regions)
    "kabul", "doha", "moscow", "beijing", "washington", "kyiv", "kiev", "tehran", "ankara", "riyadh",
    "brussels", "london", "paris", "berlin", "tokyo", "seoul", "pyongyang", "islamabad", "new delhi",
    "delhi", "minsk", "tashkent", "astana", "nur sultan", "almaty", "bishkek", "dushanbe", "ashgabat",
    "baku", "yerevan", "tbilisi", "damascus", "baghdad", "beirut", "cairo", "tripoli", "sanaa", "aden",
    "jerusalem", "gaza", "ramallah", "abu dhabi", "dubai", "muscat", "manama", "kuwait", "amman",
    "taipei", "hong kong", "xinjiang", "tibet", "crimea", "donbas", "donbass", "donetsk", "luhansk",
    "afghanistan", "pakistan", "india", "china", "russia", "ukraine", "iran", "iraq", "syria", "yemen",
    "israel", "qatar", "turkey", "turkiye", "japan", "korea", "north korea", "south korea", "taiwan",
    "kazakhstan", "uzbekistan", "kyrgyzstan", "tajikistan", "turkmenistan", "mongolia", "belarus",
    "georgia", "armenia", "azerbaijan", "moldova", "germany", "france", "britain", "italy", "spain",
    "poland", "europe", "asia", "africa", "america", "united states", "us", "usa", "uk", "gulf",
    "central asia", "middle east", "eurasia", "greenland", "denmark", "estonia", "lithuania", "latvia",
})
# Comma-separated parts of a dateline that name a region rather than the place ("Washington, D.C.").
REGION_PARTS = frozenset({"dc", "d c", "district of columbia"})
# Words a dateline's part starts with that are not the place's name ("The Kremlin, Moscow").
PLACE_ARTICLES = ("the ",)
# Places that were renamed, or that English spells two ways: old or other form -> the form the
# facets show and filters match under. Astana was Nur-Sultan from 2019 to 2022.
RENAMED_PLACES: dict[str, str] = {
    "nur sultan": "astana", "akmola": "astana", "tselinograd": "astana",
    "kiev": "kyiv", "kharkov": "kharkiv", "odessa": "odesa", "lvov": "lviv", "nikolaev": "mykolaiv",
    "alma ata": "almaty", "frunze": "bishkek", "ashkhabad": "ashgabat",
    "peking": "beijing", "canton": "guangzhou", "bombay": "mumbai", "calcutta": "kolkata",
    "madras": "chennai", "rangoon": "yangon", "saigon": "ho chi minh city", "leningrad": "st petersburg",
    "saint petersburg": "st petersburg", "tiflis": "tbilisi", "constantinople": "istanbul",
    "new york city": "new york",
}
# What people call a source, by the name the index stores: a domain, an agency's short name,
# a ministry's common name. Matched by filters in both directions; the first spelling is shown.
SOURCE_ALIASES: tuple[tuple[str, ...], ...] = (
    ("U.S. Department of State", "State Department", "Department of State", "US State Department",
     "state.gov", "www.state.gov", "DoS"),
    ("Kremlin", "President of Russia", "kremlin.ru", "en.kremlin.ru", "Russian Presidential Executive Office"),
    ("Xinhua", "Xinhua News Agency", "xinhuanet.com", "news.cn", "english.news.cn"),
    ("english.gov.cn", "The State Council of the People's Republic of China", "gov.cn", "State Council"),
    ("Ministry of Foreign Affairs of the People's Republic of China", "Chinese Foreign Ministry", "fmprc.gov.cn"),
    ("Ministry of Foreign Affairs of the Russian Federation", "Russian Foreign Ministry", "mid.ru"),
    ("Reuters", "Thomson Reuters", "reuters.com"),
)
# How close a filter value must be (difflib ratio) to an indexed value to be offered as "close".
CLOSE_CUTOFF = 0.6
CLOSE_MAX = 5
