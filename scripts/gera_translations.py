"""Translations of the Gera indicator names, short names and units (columns `<spalte>_<sprache>` of
data/indikatoren.csv, see data/README.md „Übersetzungen“). Used by generate_gera.py.

Checked against the German of generate_gera.INDICATORS one by one: German legal terms that have no
exact counterpart (SGB II, Gymnasium, Hauptschulabschluss, Hilfen zur Erziehung) keep the German term or
explain it briefly; definitions are not translated yet (the page shows them in German, marked `lang="de"`).
"""

from __future__ import annotations

LANGUAGES = ("en", "uk", "ar")
COLUMNS = ("name", "kurzname", "einheit")

_THOUSAND = "1\u00a0000"  # Ukrainian groups thousands with a (no-break) space

# indikator_id → language → (name, kurzname, einheit)
INDICATOR_TEXTS: dict[str, dict[str, tuple[str, str, str]]] = {
    "einwohner": {
        "en": ("Residents", "Residents", "people"),
        "uk": ("Мешканці", "Мешканці", "осіб"),
    },
    "anteil_u18": {
        "en": ("Share of children and young people under 18", "Share under 18", "%"),
        "uk": ("Частка дітей і молоді віком до 18 років", "Частка до 18 років", "%"),
    },
    "anteil_65plus": {
        "en": ("Share of residents aged 65 and over", "Share 65+", "%"),
        "uk": ("Частка мешканців віком від 65 років", "Частка 65+", "%"),
    },
    "anteil_80plus": {
        "en": ("Share of the very old, aged 80 and over", "Share 80+", "%"),
        "uk": ("Частка людей похилого віку від 80 років", "Частка 80+", "%"),
    },
    "durchschnittsalter": {
        "en": ("Average age of the population", "Average age", "years"),
        "uk": ("Середній вік населення", "Середній вік", "років"),
    },
    "altenquotient": {
        "en": ("Old-age dependency ratio", "Old-age dependency ratio", "per 100 people aged 20–64"),
        "uk": (
            "Коефіцієнт демографічного навантаження особами старшого віку",
            "Навантаження старшим віком",
            "на 100 осіб віком 20–64 роки",
        ),
    },
    "auslaenderanteil": {
        "en": ("Share of residents with a foreign citizenship", "Share of foreign nationals", "%"),
        "uk": ("Частка мешканців з іноземним громадянством", "Частка іноземців", "%"),
    },
    "sgb2_quote": {
        "en": ("SGB II rate (basic income support for jobseekers)", "SGB II rate", "%"),
        "uk": ("Частка одержувачів допомоги за SGB II (базове забезпечення)", "Частка SGB II", "%"),
    },
    "sgb2_kinder_quote": {
        "en": ("SGB II rate of children under 15", "SGB II rate, children under 15", "%"),
        "uk": ("Частка дітей до 15 років, які отримують допомогу за SGB II", "SGB II, діти до 15 років", "%"),
    },
    "grundsicherung_65plus": {
        "en": ("Rate of basic income support in old age", "Old-age basic income support 65+", "%"),
        "uk": ("Частка одержувачів базового забезпечення в старості", "Базове забезпечення 65+", "%"),
    },
    "wohngeld_haushalte": {
        "en": (
            "Households receiving housing benefit per 1,000 households",
            "Housing benefit households",
            "per 1,000 households",
        ),
        "uk": (
            f"Домогосподарства з допомогою на житло на {_THOUSAND} домогосподарств",
            "Допомога на житло",
            f"на {_THOUSAND} домогосподарств",
        ),
    },
    "arbeitslosenquote": {
        "en": ("Unemployment rate (relative to residents)", "Unemployment rate", "%"),
        "uk": ("Рівень безробіття (щодо кількості мешканців)", "Рівень безробіття", "%"),
    },
    "anteil_langzeitarbeitslose": {
        "en": ("Share of long-term unemployed among all unemployed", "Share long-term unemployed", "%"),
        "uk": ("Частка довготривало безробітних серед усіх безробітних", "Довготривало безробітні", "%"),
    },
    "jugendarbeitslosigkeit": {
        "en": ("Unemployment of young people under 25", "Youth unemployment", "%"),
        "uk": ("Безробіття молоді віком до 25 років", "Безробіття молоді", "%"),
    },
    "sv_beschaeftigtenquote": {
        "en": ("Employment rate (place of residence)", "Employment rate", "%"),
        "uk": ("Рівень зайнятості (за місцем проживання)", "Рівень зайнятості", "%"),
    },
    "alleinerziehende": {
        "en": ("Share of single-parent households", "Single parents", "%"),
        "uk": ("Частка домогосподарств батьків-одинаків", "Батьки-одинаки", "%"),
    },
    "geburten_je_1000": {
        "en": ("Live births per 1,000 residents", "Birth rate", "per 1,000 residents"),
        "uk": (f"Живонароджені на {_THOUSAND} мешканців", "Народжуваність", f"на {_THOUSAND} мешканців"),
    },
    "hze_je_1000_u21": {
        "en": (
            "Child and youth welfare support (Hilfen zur Erziehung) per 1,000 young people under 21",
            "Child and youth welfare support",
            "per 1,000 under 21",
        ),
        "uk": (
            f"Допомога у вихованні (Hilfen zur Erziehung) на {_THOUSAND} молодих людей віком до 21 року",
            "Допомога у вихованні",
            f"на {_THOUSAND} осіб до 21 року",
        ),
    },
    "wanderungssaldo": {
        "en": ("Net migration per 1,000 residents", "Net migration", "per 1,000 residents"),
        "uk": (f"Сальдо міграції на {_THOUSAND} мешканців", "Сальдо міграції", f"на {_THOUSAND} мешканців"),
    },
    "betreuungsquote_u3": {
        "en": ("Childcare rate of children under 3", "Childcare under 3", "%"),
        "uk": (
            "Частка дітей до 3 років у дитячих закладах і денному догляді",
            "Денний догляд до 3 років",
            "%",
        ),
    },
    "betreuungsquote_3_6": {
        "en": ("Childcare rate of children from 3 until school entry", "Childcare 3–6", "%"),
        "uk": (
            "Частка дітей від 3 років до вступу до школи в дитячих закладах і денному догляді",
            "Денний догляд 3–6",
            "%",
        ),
    },
    "uebertrittsquote_gymnasium": {
        "en": ("Transfer rate to the Gymnasium (academic secondary school)", "Transfer to Gymnasium", "%"),
        "uk": ("Частка учнів, які переходять до гімназії", "Перехід до гімназії", "%"),
    },
    "abgaenger_ohne_abschluss": {
        "en": (
            "School leavers without a lower secondary certificate (Hauptschulabschluss)",
            "Leavers without certificate",
            "%",
        ),
        "uk": (
            "Випускники шкіл без атестата базової школи (Hauptschulabschluss)",
            "Без шкільного атестата",
            "%",
        ),
    },
    "leerstandsquote": {
        "en": ("Housing vacancy rate", "Vacancy rate", "%"),
        "uk": ("Частка незаселених квартир", "Незаселене житло", "%"),
    },
    "wohnflaeche_je_einwohner": {
        "en": ("Living space per resident", "Living space per resident", "m²"),
        "uk": ("Житлова площа на одного мешканця", "Житлова площа на мешканця", "м²"),
    },
}


# Arabic (Western digits, as the public view shows numbers): checked against the German and the English
_ARABIC: dict[str, tuple[str, str, str]] = {
    "einwohner": ("السكان", "السكان", "نسمة"),
    "anteil_u18": ("نسبة الأطفال والشباب دون 18 عامًا", "نسبة من هم دون 18", "%"),
    "anteil_65plus": ("نسبة السكان في سن 65 عامًا فأكثر", "نسبة 65+", "%"),
    "anteil_80plus": ("نسبة كبار السن في سن 80 عامًا فأكثر", "نسبة 80+", "%"),
    "durchschnittsalter": ("متوسط عمر السكان", "متوسط العمر", "سنة"),
    "altenquotient": ("نسبة إعالة كبار السن", "نسبة إعالة كبار السن", "لكل 100 شخص في سن 20–64"),
    "auslaenderanteil": ("نسبة السكان من حملة جنسية أجنبية", "نسبة الأجانب", "%"),
    "sgb2_quote": ("نسبة المستفيدين من إعانة SGB II (الإعانة الأساسية للباحثين عن عمل)", "نسبة SGB II", "%"),
    "sgb2_kinder_quote": ("نسبة الأطفال دون 15 عامًا المستفيدين من إعانة SGB II", "SGB II، الأطفال دون 15", "%"),
    "grundsicherung_65plus": ("نسبة المستفيدين من الإعانة الأساسية في سن الشيخوخة", "الإعانة الأساسية 65+", "%"),
    "wohngeld_haushalte": ("الأسر التي تتلقى بدل السكن لكل 1000 أسرة", "أسر بدل السكن", "لكل 1000 أسرة"),
    "arbeitslosenquote": ("معدل البطالة (نسبةً إلى السكان)", "معدل البطالة", "%"),
    "anteil_langzeitarbeitslose": (
        "نسبة العاطلين عن العمل لفترة طويلة من بين جميع العاطلين",
        "نسبة البطالة الطويلة",
        "%",
    ),
    "jugendarbeitslosigkeit": ("بطالة الشباب دون 25 عامًا", "بطالة الشباب", "%"),
    "sv_beschaeftigtenquote": ("معدل التوظيف (حسب مكان السكن)", "معدل التوظيف", "%"),
    "alleinerziehende": ("نسبة الأسر ذات العائل الوحيد", "الأسر ذات العائل الوحيد", "%"),
    "geburten_je_1000": ("المواليد الأحياء لكل 1000 نسمة", "معدل المواليد", "لكل 1000 نسمة"),
    "hze_je_1000_u21": (
        "مساعدات التربية (Hilfen zur Erziehung) لكل 1000 شاب دون 21 عامًا",
        "مساعدات التربية",
        "لكل 1000 دون 21 عامًا",
    ),
    "wanderungssaldo": ("صافي الهجرة لكل 1000 نسمة", "صافي الهجرة", "لكل 1000 نسمة"),
    "betreuungsquote_u3": ("نسبة رعاية الأطفال دون 3 سنوات في الحضانات والرعاية النهارية", "الرعاية دون 3 سنوات", "%"),
    "betreuungsquote_3_6": ("نسبة رعاية الأطفال من 3 سنوات حتى دخول المدرسة", "الرعاية 3–6", "%"),
    "uebertrittsquote_gymnasium": (
        "نسبة الانتقال إلى Gymnasium (المدرسة الثانوية الأكاديمية)",
        "الانتقال إلى Gymnasium",
        "%",
    ),
    "abgaenger_ohne_abschluss": (
        "تاركو المدرسة دون شهادة المرحلة الأساسية (Hauptschulabschluss)",
        "دون شهادة مدرسية",
        "%",
    ),
    "leerstandsquote": ("نسبة المساكن الشاغرة", "نسبة الشغور", "%"),
    "wohnflaeche_je_einwohner": ("مساحة السكن لكل ساكن", "مساحة السكن لكل ساكن", "م²"),
}
for _id, _texts in _ARABIC.items():
    INDICATOR_TEXTS[_id]["ar"] = _texts
_FIELDS_AR = {
    "1": "التوجيه والتشبيك والاستدامة",
    "2": "الأسرة وأعمال الرعاية",
    "3": "التعليم وعالم العمل",
    "4": "الاستشارة والدعم والمعلومات",
    "5": "البيئة السكنية وجودة الحياة",
    "6": "الحوار بين الأجيال",
}


# Handlungsfeld names (handlungsfelder.csv `name_en`, `name_uk`); the descriptions stay German for now
FIELD_NAMES: dict[str, dict[str, str]] = {
    "1": {"en": "Steering, networking and sustainability", "uk": "Управління, співпраця та сталість"},
    "2": {"en": "Family and care work", "uk": "Сімʼя та доглядова праця"},
    "3": {"en": "Education and the world of work", "uk": "Освіта і світ праці"},
    "4": {"en": "Advice, support and information", "uk": "Консультації, підтримка та інформація"},
    "5": {"en": "Living environment and quality of life", "uk": "Житлове середовище та якість життя"},
    "6": {"en": "Dialogue between the generations", "uk": "Діалог поколінь"},
}


for _fid, _name in _FIELDS_AR.items():
    FIELD_NAMES[_fid]["ar"] = _name


def field_rows(fields: tuple[tuple[str, str, str], ...]) -> tuple[tuple[str, ...], list[tuple[str, ...]]]:
    """Header and rows of handlungsfelder.csv with the translated names appended."""
    header = ("handlungsfeld_id", "name", "beschreibung", *(f"name_{lang}" for lang in LANGUAGES))
    names = [tuple(FIELD_NAMES.get(fid, {}).get(lang, "") for lang in LANGUAGES) for fid, _, _ in fields]
    return header, [(*row, *translated) for row, translated in zip(fields, names, strict=True)]


def translated_header() -> tuple[str, ...]:
    """`name_en`, `kurzname_en`, `einheit_en`, `name_uk` …: the columns appended to indikatoren.csv."""
    return tuple(f"{column}_{lang}" for lang in LANGUAGES for column in COLUMNS)


def translated_cells(indikator_id: str) -> tuple[str, ...]:
    """The translated cells of one indicator in the order of `translated_header`; empty if not translated."""
    texts = INDICATOR_TEXTS.get(indikator_id, {})
    return tuple(texts[lang][i] if lang in texts else "" for lang in LANGUAGES for i in range(len(COLUMNS)))
