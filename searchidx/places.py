"""Place-name folding: demonyms and combining forms -> the place's own name.

Analysts search for places ("Central Asia", "Russia", "China") while news writes their
adjectives ("Central Asian", "Russian", "Sino-Russian"). Folding both sides of the index
to the place name makes either form find the other. Keys are lower-case tokens as the
tokenizer produces them; the table is data: add a row, add a test.
"""

from __future__ import annotations

DEMONYMS: dict[str, str] = {
    # Asia
    "asian": "asia", "asians": "asia", "eurasian": "eurasia",
    "chinese": "china", "sino": "china",
    "russian": "russia", "russians": "russia", "russo": "russia",
    "japanese": "japan", "korean": "korea", "koreans": "korea",
    "indian": "india", "indians": "india", "indo": "india",
    "pakistani": "pakistan", "pakistanis": "pakistan",
    "afghan": "afghanistan", "afghans": "afghanistan",
    "iranian": "iran", "iranians": "iran",
    "iraqi": "iraq", "iraqis": "iraq",
    "syrian": "syria", "syrians": "syria",
    "israeli": "israel", "israelis": "israel",
    "palestinian": "palestine", "palestinians": "palestine",
    "saudi": "saudi", "turkish": "turkey", "turks": "turkey",
    "kazakh": "kazakhstan", "kazakhstani": "kazakhstan", "kazakhs": "kazakhstan",
    "uzbek": "uzbekistan", "uzbekistani": "uzbekistan", "uzbeks": "uzbekistan",
    "kyrgyz": "kyrgyzstan", "kirghiz": "kyrgyzstan",
    "tajik": "tajikistan", "tajikistani": "tajikistan", "tajiks": "tajikistan",
    "turkmen": "turkmenistan",
    "mongolian": "mongolia", "vietnamese": "vietnam", "thai": "thailand",
    "indonesian": "indonesia", "malaysian": "malaysia", "filipino": "philippines",
    "singaporean": "singapore", "taiwanese": "taiwan", "tibetan": "tibet",
    # Europe
    "european": "europe", "europeans": "europe",
    "ukrainian": "ukraine", "ukrainians": "ukraine",
    "belarusian": "belarus", "belarusians": "belarus",
    "german": "germany", "germans": "germany",
    "french": "france", "franco": "france",
    "british": "britain", "anglo": "britain",
    "italian": "italy", "spanish": "spain", "polish": "poland",
    "georgian": "georgia", "armenian": "armenia", "azerbaijani": "azerbaijan",
    "serbian": "serbia", "greek": "greece", "swedish": "sweden", "finnish": "finland",
    "norwegian": "norway", "danish": "denmark", "dutch": "netherlands",
    # Americas, Africa, Oceania
    "american": "america", "americans": "america",
    "canadian": "canada", "mexican": "mexico", "cuban": "cuba",
    "venezuelan": "venezuela", "brazilian": "brazil", "argentine": "argentina",
    "african": "africa", "africans": "africa",
    "egyptian": "egypt", "libyan": "libya", "ethiopian": "ethiopia",
    "nigerian": "nigeria", "sudanese": "sudan",
    "australian": "australia",
}
