"""Narrative cues of urgency in every portal language, matched after Unicode normalisation."""
# ruff: noqa: RUF001 - wording in Cyrillic and Arabic script is intended.

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

# Cue kind -> language -> phrases. A phrase ending in "*" matches any word it starts; phrases
# in Arabic script match anywhere (prefixes such as ال and و attach to the word).
CUES: dict[str, dict[str, tuple[str, ...]]] = {
    "medical_emergency": {
        "en": (
            "life-threatening",
            "life threatening",
            "transplant*",
            "chemotherapy",
            "cancer",
            "leukaemia",
            "leukemia",
            "intensive care",
            "urgent surgery",
            "emergency surgery",
        ),
        "es": (
            "peligro de muerte",
            "riesgo de muerte",
            "trasplante*",
            "quimioterapia",
            "cáncer",
            "leucemia",
            "cirugía urgente",
            "cuidados intensivos",
        ),
        "fr": (
            "danger de mort",
            "greffe*",
            "chimiothérapie",
            "cancer",
            "leucémie",
            "chirurgie urgente",
            "soins intensifs",
        ),
        "ht": ("danje lanmò", "grefon", "kansè", "operasyon ijan", "chimyoterapi", "lesemi"),
        "uk": (
            "загроза життю",
            "загрожує життю",
            "пересадк*",
            "трансплантац*",
            "хіміотерап*",
            "рак",
            "лейкемі*",
            "онкологі*",
            "реанімаці*",
        ),
        "ru": (
            "угроза жизни",
            "угрожает жизни",
            "пересадк*",
            "трансплантац*",
            "химиотерап*",
            "рак",
            "лейкоз*",
            "лейкеми*",
            "онкологи*",
            "реанимаци*",
        ),
        "ar": (
            "خطر على حياة",
            "يهدد حياة",
            "زراعة",
            "العلاج الكيميائي",
            "سرطان",
            "لوكيميا",
            "العناية المركزة",
        ),
        "fa-af": (
            "خطر جانی",
            "تهدید جانی",
            "پیوند",
            "شیمی درمانی",
            "سرطان",
            "لوکیمیا",
            "مراقبت های ویژه",
        ),
        "ps": ("د ژوند خطر", "سرطان", "پیوند", "کیموتراپي", "بیړني عملیات"),
    },
    "imminent_harm": {
        "en": (
            "threaten*",
            "death threat*",
            "kill*",
            "persecut*",
            "kidnap*",
            "in hiding",
            "targeted",
        ),
        "es": ("amenaz*", "matar*", "secuestr*", "persegu*", "escondid*", "extorsi*"),
        "fr": ("menac*", "tuer", "enlèvement", "enlev*", "persécut*", "en danger"),
        "ht": ("menase", "touye", "kidnape", "kache", "gang"),
        "uk": ("погроз*", "погрожу*", "вбити", "вбивст*", "переслід*", "викрад*", "ховаю*"),
        "ru": ("угроз*", "угрожа*", "убить", "убийств*", "преследова*", "похищ*", "скрыва*"),
        "ar": ("تهديد", "هددوا", "يقتلون", "قتل", "اختطاف", "مختبئ", "اضطهاد"),
        "fa-af": ("تهدید", "کشتن", "ربودن", "پنهان", "طالبان", "تعقیب"),
        "ps": ("ګواښ", "وژل", "تښتول", "طالبان", "ځورول"),
    },
    "child_alone": {
        "en": ("unaccompanied", "orphan*", "without a parent", "without parents", "no parents"),
        "es": ("huérfan*", "sin padres", "no acompañad*", "niño solo", "niña sola"),
        "fr": ("orphelin*", "sans parents", "non accompagné*", "enfant seul"),
        "ht": ("òfelen", "san paran", "timoun poukont"),
        "uk": ("сирот*", "без батьків", "без супроводу"),
        "ru": ("сирот*", "без родителей", "без сопровождения"),
        "ar": ("يتيم", "أيتام", "بدون والدين", "بلا والدين", "غير مصحوب"),
        "fa-af": ("یتیم", "بدون والدین", "بی سرپرست"),
        "ps": ("یتیم", "بې سرپرسته", "بې له مور او پلار"),
    },
    "dated_event": {
        "en": ("funeral", "burial", "dying", "last days", "court hearing", "organ donation"),
        "es": ("funeral", "entierro", "agonizando", "últimos días", "audiencia", "donante"),
        "fr": ("funérailles", "enterrement", "obsèques", "mourant*", "audience", "donneur"),
        "ht": ("fineray", "lantèman", "ap mouri", "odyans"),
        "uk": ("похорон*", "помира*", "судове засідання", "донор*", "останні дні"),
        "ru": ("похорон*", "умира*", "судебное заседание", "донор*", "последние дни"),
        "ar": ("جنازة", "دفن", "يحتضر", "جلسة المحكمة", "متبرع"),
        "fa-af": ("جنازه", "خاکسپاری", "در حال مرگ", "دادگاه", "اهدا کننده"),
        "ps": ("جنازه", "د مرګ په حال", "محکمه", "بسپنه ورکوونکی"),
    },
}

# A hyphen joins words: "threaten" is not a cue inside "life-threatening".
_JOINERS = r"\-"
_WORD_START = rf"(?<![\w{_JOINERS}])"
_ARABIC_SCRIPT = re.compile(r"[\u0600-\u06FF]")
_ARABIC_MARKS = re.compile(r"[\u064B-\u065F\u0670\u0640]")  # harakat, superscript alef, tatweel
_LETTER_VARIANTS = str.maketrans(
    {"ي": "ی", "ى": "ی", "ك": "ک", "ە": "ه", "ۀ": "ه", "\u200c": " ", "\u2010": "-", "\u2011": "-"}
)


def normalise(text: str) -> str:
    """NFKC, case-folded, Arabic-script letter variants unified, marks dropped."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return _ARABIC_MARKS.sub("", text.translate(_LETTER_VARIANTS))


@dataclass(frozen=True)
class CueMatch:
    kind: str
    language: str
    phrase: str
    excerpt: str


@cache
def _patterns() -> tuple[tuple[str, str, str, re.Pattern[str]], ...]:
    compiled = []
    for kind, by_language in CUES.items():
        for language, phrases in by_language.items():
            for phrase in phrases:
                stem = normalise(phrase.rstrip("*"))
                if _ARABIC_SCRIPT.search(stem):
                    pattern = re.escape(stem)
                elif phrase.endswith("*"):
                    pattern = rf"{_WORD_START}{re.escape(stem)}"
                else:
                    pattern = rf"{_WORD_START}{re.escape(stem)}(?![\w{_JOINERS}])"
                compiled.append((kind, language, phrase, re.compile(pattern)))
    return tuple(compiled)


def find_cues(narrative: str) -> list[CueMatch]:
    """The first match of each cue kind, in CUES order, with a short excerpt around it."""
    text = normalise(narrative)
    found: dict[str, CueMatch] = {}
    for kind, language, phrase, pattern in _patterns():
        if kind in found:
            continue
        match = pattern.search(text)
        if match:
            start, end = max(match.start() - 40, 0), min(match.end() + 40, len(text))
            excerpt = text[start:end].strip()
            found[kind] = CueMatch(kind, language, phrase.rstrip("*"), excerpt)
    return list(found.values())
