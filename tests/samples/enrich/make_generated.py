"""Build generated.jsonl: fictional template news in English and Russian, with labels.

Each line: {"id", "language", "headline", "text", "countries": primary countries,
"people": gazetteer person ids}. The Russian case forms below are written out by hand
(not produced by Steppe's matcher), so the set tests the tagger against real grammar.
Run: python tests/samples/enrich/make_generated.py  (deterministic; rewrites the file)
"""

from __future__ import annotations

import json
import random
from pathlib import Path

# code: English name, adjective, capital, leader (id, full names, surname forms),
# Russian cases (nom, gen, dat, acc, ins, prep), adjective (m nom, f gen), capital (nom, prep, acc),
# leader cases (nom, gen, dat, ins).
COUNTRIES = {
    "KZ": dict(
        en="Kazakhstan",
        adj="Kazakh",
        cap="Astana",
        pid="person:kassym-jomart-tokayev",
        full=["Kassym-Jomart Tokayev", "Kassym-Jomart Tokaev"],
        sur=["Tokayev", "Tokaev", "Toqaev"],
        ru=["Казахстан", "Казахстана", "Казахстану", "Казахстан", "Казахстаном", "Казахстане"],
        ru_adj=["казахстанский", "казахстанской"],
        ru_cap=["Астана", "Астане", "Астану"],
        ru_lead=["Касым-Жомарт Токаев", "Касым-Жомарта Токаева", "Касым-Жомарту Токаеву", "Касым-Жомартом Токаевым"],
        ru_sur=["Токаев", "Токаева", "Токаеву", "Токаевым"],
        cities=["Almaty", "Shymkent", "Karaganda"],
        ru_cities=["Алматы", "Шымкенте", "Караганде"],
    ),
    "KG": dict(
        en="Kyrgyzstan",
        adj="Kyrgyz",
        cap="Bishkek",
        pid="person:sadyr-japarov",
        full=["Sadyr Japarov", "Sadyr Zhaparov"],
        sur=["Japarov", "Zhaparov"],
        ru=["Киргизия", "Киргизии", "Киргизии", "Киргизию", "Киргизией", "Киргизии"],
        ru2=["Кыргызстан", "Кыргызстана", "Кыргызстану", "Кыргызстан", "Кыргызстаном", "Кыргызстане"],
        ru_adj=["киргизский", "кыргызской"],
        ru_cap=["Бишкек", "Бишкеке", "Бишкек"],
        ru_lead=["Садыр Жапаров", "Садыра Жапарова", "Садыру Жапарову", "Садыром Жапаровым"],
        ru_sur=["Жапаров", "Жапарова", "Жапарову", "Жапаровым"],
        cities=["Osh", "Karakol", "Naryn"],
        ru_cities=["Оше", "Караколе", "Нарыне"],
    ),
    "TJ": dict(
        en="Tajikistan",
        adj="Tajik",
        cap="Dushanbe",
        pid="person:emomali-rahmon",
        full=["Emomali Rahmon"],
        sur=["Rahmon", "Rakhmon"],
        ru=["Таджикистан", "Таджикистана", "Таджикистану", "Таджикистан", "Таджикистаном", "Таджикистане"],
        ru_adj=["таджикский", "таджикской"],
        ru_cap=["Душанбе", "Душанбе", "Душанбе"],
        ru_lead=["Эмомали Рахмон", "Эмомали Рахмона", "Эмомали Рахмону", "Эмомали Рахмоном"],
        ru_sur=["Рахмон", "Рахмона", "Рахмону", "Рахмоном"],
        cities=["Khujand", "Kulob", "Khorog"],
        ru_cities=["Худжанде", "Кулябе", "Хороге"],
    ),
    "UZ": dict(
        en="Uzbekistan",
        adj="Uzbek",
        cap="Tashkent",
        pid="person:shavkat-mirziyoyev",
        full=["Shavkat Mirziyoyev", "Shavkat Mirziyoev"],
        sur=["Mirziyoyev", "Mirziyoev"],
        ru=["Узбекистан", "Узбекистана", "Узбекистану", "Узбекистан", "Узбекистаном", "Узбекистане"],
        ru_adj=["узбекский", "узбекской"],
        ru_cap=["Ташкент", "Ташкенте", "Ташкент"],
        ru_lead=["Шавкат Мирзиёев", "Шавката Мирзиёева", "Шавкату Мирзиёеву", "Шавкатом Мирзиёевым"],
        ru_sur=["Мирзиёев", "Мирзиеева", "Мирзиёеву", "Мирзиёевым"],
        cities=["Samarkand", "Bukhara", "Andijan"],
        ru_cities=["Самарканде", "Бухаре", "Андижане"],
    ),
    "TM": dict(
        en="Turkmenistan",
        adj="Turkmen",
        cap="Ashgabat",
        pid="person:serdar-berdimuhamedov",
        full=["Serdar Berdimuhamedov", "Serdar Berdimuhamedow"],
        sur=["Berdimuhamedov"],
        ru=["Туркмения", "Туркмении", "Туркмении", "Туркмению", "Туркменией", "Туркмении"],
        ru2=["Туркменистан", "Туркменистана", "Туркменистану", "Туркменистан", "Туркменистаном", "Туркменистане"],
        ru_adj=["туркменский", "туркменской"],
        ru_cap=["Ашхабад", "Ашхабаде", "Ашхабад"],
        ru_lead=[
            "Сердар Бердымухамедов",
            "Сердара Бердымухамедова",
            "Сердару Бердымухамедову",
            "Сердаром Бердымухамедовым",
        ],
        ru_sur=["Бердымухамедов", "Бердымухамедова", "Бердымухамедову", "Бердымухамедовым"],
        cities=["Turkmenabat", "Dashoguz", "Balkanabat"],
        ru_cities=["Туркменабаде", "Дашогузе", "Балканабаде"],
    ),
    "MN": dict(
        en="Mongolia",
        adj="Mongolian",
        cap="Ulaanbaatar",
        pid="person:ukhnaagiin-khurelsukh",
        full=["Ukhnaagiin Khurelsukh"],
        sur=["Khurelsukh"],
        ru=["Монголия", "Монголии", "Монголии", "Монголию", "Монголией", "Монголии"],
        ru_adj=["монгольский", "монгольской"],
        ru_cap=["Улан-Батор", "Улан-Баторе", "Улан-Батор"],
        ru_lead=["Ухнаагийн Хурэлсух", "Ухнаагийн Хурэлсуха", "Ухнаагийн Хурэлсуху", "Ухнаагийн Хурэлсухом"],
        ru_sur=["Хурэлсух", "Хурэлсуха", "Хурэлсуху", "Хурэлсухом"],
        cities=["Erdenet", "Darkhan"],
        ru_cities=["Эрдэнэте", "Дархане"],
    ),
    "RU": dict(
        en="Russia",
        adj="Russian",
        cap="Moscow",
        pid="person:vladimir-putin",
        full=["Vladimir Putin"],
        sur=["Putin"],
        ru=["Россия", "России", "России", "Россию", "Россией", "России"],
        ru_adj=["российский", "российской"],
        ru_cap=["Москва", "Москве", "Москву"],
        ru_lead=["Владимир Путин", "Владимира Путина", "Владимиру Путину", "Владимиром Путиным"],
        ru_sur=["Путин", "Путина", "Путину", "Путиным"],
        cities=["Kazan", "Orenburg"],
        ru_cities=["Казани", "Оренбурге"],
    ),
    "CN": dict(
        en="China",
        adj="Chinese",
        cap="Beijing",
        pid="person:xi-jinping",
        full=["Xi Jinping"],
        sur=["Xi"],
        ru=["Китай", "Китая", "Китаю", "Китай", "Китаем", "Китае"],
        ru_adj=["китайский", "китайской"],
        ru_cap=["Пекин", "Пекине", "Пекин"],
        ru_lead=["Си Цзиньпин", "Си Цзиньпина", "Си Цзиньпину", "Си Цзиньпином"],
        ru_sur=["Си Цзиньпин", "Си Цзиньпина", "Си Цзиньпину", "Си Цзиньпином"],
        cities=["Urumqi", "Xi'an"],
        ru_cities=["Урумчи", "Сиане"],
    ),
    "AZ": dict(
        en="Azerbaijan",
        adj="Azerbaijani",
        cap="Baku",
        pid="person:ilham-aliyev",
        full=["Ilham Aliyev"],
        sur=["Ilham Aliyev"],
        ru=["Азербайджан", "Азербайджана", "Азербайджану", "Азербайджан", "Азербайджаном", "Азербайджане"],
        ru_adj=["азербайджанский", "азербайджанской"],
        ru_cap=["Баку", "Баку", "Баку"],
        ru_lead=["Ильхам Алиев", "Ильхама Алиева", "Ильхаму Алиеву", "Ильхамом Алиевым"],
        ru_sur=["Ильхам Алиев", "Ильхама Алиева", "Ильхаму Алиеву", "Ильхамом Алиевым"],
        cities=["Baku"],
        ru_cities=["Баку"],
    ),
    "TR": dict(
        en="Turkey",
        adj="Turkish",
        cap="Ankara",
        pid="person:recep-tayyip-erdogan",
        full=["Recep Tayyip Erdogan"],
        sur=["Erdogan"],
        ru=["Турция", "Турции", "Турции", "Турцию", "Турцией", "Турции"],
        ru_adj=["турецкий", "турецкой"],
        ru_cap=["Анкара", "Анкаре", "Анкару"],
        ru_lead=[
            "Реджеп Тайип Эрдоган",
            "Реджепа Тайипа Эрдогана",
            "Реджепу Тайипу Эрдогану",
            "Реджепом Тайипом Эрдоганом",
        ],
        ru_sur=["Эрдоган", "Эрдогана", "Эрдогану", "Эрдоганом"],
        cities=["Istanbul"],
        ru_cities=["Стамбуле"],
    ),
}
CORE = ["KZ", "KG", "TJ", "UZ", "TM"]
TOPICS_EN = [
    "water sharing",
    "a new railway",
    "gas supplies",
    "cross-border trade",
    "digital services",
    "grain exports",
]
TOPICS_RU = [
    "водопользования",
    "строительства железной дороги",
    "поставок газа",
    "приграничной торговли",
    "цифровых услуг",
    "экспорта зерна",
]
MONEY_EN = ["$1.2 billion", "$450 million", "2.3 billion tenge", "€300 million", "$85.5 million"]
MONEY_RU = ["1,2 млрд долларов", "450 млн долларов", "300 млрд тенге", "85,5 млн долларов", "12 трлн сумов"]


def ru_name(c: dict, case: int, rng: random.Random) -> str:
    """A Russian country name in a case, picking the variant spelling when there is one."""
    forms = c["ru2"] if "ru2" in c and rng.random() < 0.5 else c["ru"]
    return forms[case]


def en_visit(rng: random.Random, a: str, b: str, third: str) -> dict:
    A, B, C = COUNTRIES[a], COUNTRIES[b], COUNTRIES[third]
    headline = rng.choice(
        [
            f"{rng.choice(A['sur'])} arrives in {B['cap']} for talks with {rng.choice(B['sur'])}",
            f"{A['en']} and {B['en']} sign agreements during state visit",
            f"{rng.choice(A['sur'])} and {rng.choice(B['sur'])} discuss {rng.choice(TOPICS_EN)}",
        ]
    )
    dateline = f"{B['cap'].upper()} — " if rng.random() < 0.5 else ""
    text = (
        f"{dateline}{A['adj']} President {rng.choice(A['full'])} arrived in {B['cap']} on Tuesday for a "
        f"two-day state visit. He held talks with {rng.choice(B['full'])} on {rng.choice(TOPICS_EN)} and "
        f"energy. The sides signed documents worth {rng.choice(MONEY_EN)}. Officials said a transport "
        f"project involving {C['en']} could follow next year."
    )
    return dict(language="en", headline=headline, text=text, countries=[a, b], people=[A["pid"], B["pid"]])


def en_domestic(rng: random.Random, a: str, third: str) -> dict:
    A, C = COUNTRIES[a], COUNTRIES[third]
    topic = rng.choice(TOPICS_EN)
    headline = rng.choice(
        [
            f"{rng.choice(A['sur'])} signs decree on {topic}",
            f"{A['en']} tightens rules on {topic}",
            f"{A['adj']} government approves plan for {topic}",
        ]
    )
    city = rng.choice(A["cities"])
    text = (
        f"President {rng.choice(A['full'])} signed a decree on {topic}, his press service said on Monday. "
        f"The plan will first be tried in {city}. Local officials in {A['cap']} expect it to cost "
        f"{rng.choice(MONEY_EN)}. A similar scheme was tested in {C['en']} last year."
    )
    return dict(language="en", headline=headline, text=text, countries=[a], people=[A["pid"]])


def en_trade(rng: random.Random, a: str, b: str) -> dict:
    A, B = COUNTRIES[a], COUNTRIES[b]
    money = rng.choice(MONEY_EN)
    headline = rng.choice([f"{A['en']}–{B['en']} trade reaches {money}", f"{A['adj']} exports to {B['en']} grow"])
    text = (
        f"Trade between {A['en']} and {B['en']} reached {money} in 2025, customs data show. "
        f"{A['adj']} firms shipped more grain and metals, while {B['adj']} exporters sold machinery. "
        f"The two governments aim to double turnover by 2030."
    )
    return dict(language="en", headline=headline, text=text, countries=[a, b], people=[])


def ru_visit(rng: random.Random, a: str, b: str, third: str) -> dict:
    A, B, C = COUNTRIES[a], COUNTRIES[b], COUNTRIES[third]
    headline = rng.choice(
        [
            f"{A['ru_sur'][0]} прибыл в {B['ru_cap'][2]} на переговоры с {B['ru_sur'][3]}",
            f"{ru_name(A, 0, rng)} и {ru_name(B, 0, rng)} подписали соглашения",
            f"{A['ru_sur'][0]} и {B['ru_sur'][0]} обсудили вопросы {rng.choice(TOPICS_RU)}",
        ]
    )
    dateline = f"{B['ru_cap'][0].upper()}, 14 декабря. " if rng.random() < 0.5 else ""
    text = (
        f"{dateline}Президент {ru_name(A, 1, rng)} {A['ru_lead'][0]} прибыл в {B['ru_cap'][2]} с "
        f"государственным визитом. Он провёл переговоры с {B['ru_lead'][3]}. Стороны обсудили "
        f"вопросы {rng.choice(TOPICS_RU)} и подписали документы на {rng.choice(MONEY_RU)}. "
        f"По словам {A['ru_sur'][1]}, к проекту может присоединиться {ru_name(C, 0, rng)}."
    )
    return dict(language="ru", headline=headline, text=text, countries=[a, b], people=[A["pid"], B["pid"]])


def ru_domestic(rng: random.Random, a: str, third: str) -> dict:
    A, C = COUNTRIES[a], COUNTRIES[third]
    topic = rng.choice(TOPICS_RU)
    headline = rng.choice(
        [
            f"{A['ru_sur'][0]} подписал указ о развитии {topic}",
            f"В {ru_name(A, 5, rng)} ужесточат правила {topic}",
            f"Правительство {ru_name(A, 1, rng)} одобрило план {topic}",
        ]
    )
    text = (
        f"Президент {A['ru_lead'][0]} подписал указ, сообщила его пресс-служба. "
        f"Пилотный проект начнётся в {rng.choice(A['ru_cities'])}. Власти в {A['ru_cap'][1]} оценивают "
        f"расходы в {rng.choice(MONEY_RU)}. Похожую схему ранее опробовали в {ru_name(C, 5, rng)}."
    )
    return dict(language="ru", headline=headline, text=text, countries=[a], people=[A["pid"]])


def ru_trade(rng: random.Random, a: str, b: str) -> dict:
    A, B = COUNTRIES[a], COUNTRIES[b]
    money = rng.choice(MONEY_RU)
    headline = rng.choice(
        [
            f"Товарооборот {ru_name(A, 1, rng)} и {ru_name(B, 1, rng)} достиг {money}",
            f"Экспорт из {ru_name(A, 1, rng)} в {ru_name(B, 3, rng)} вырос",
        ]
    )
    text = (
        f"Товарооборот между {ru_name(A, 4, rng)} и {ru_name(B, 4, rng)} в 2025 году составил {money}. "
        f"{A['ru_adj'][0].capitalize()} экспорт вырос за счёт зерна и металлов. Правительства "
        f"намерены удвоить товарооборот к 2030 году."
    )
    return dict(language="ru", headline=headline, text=text, countries=[a, b], people=[])


def generate(seed: int = 6, per_kind: int = 25) -> list[dict]:
    rng = random.Random(seed)
    stories = []
    codes = list(COUNTRIES)
    for kind in ("visit", "domestic", "trade"):
        for lang in ("en", "ru"):
            for _ in range(per_kind):
                a = rng.choice(CORE)
                b = rng.choice([c for c in codes if c != a])
                third = rng.choice([c for c in codes if c not in (a, b)])
                if kind == "visit":
                    story = (en_visit if lang == "en" else ru_visit)(rng, a, b, third)
                elif kind == "domestic":
                    story = (en_domestic if lang == "en" else ru_domestic)(rng, a, third)
                else:
                    story = (en_trade if lang == "en" else ru_trade)(rng, a, b)
                stories.append(story)
    for i, story in enumerate(stories):
        story["id"] = f"gen-{i:03d}"
    return stories


if __name__ == "__main__":
    out = Path(__file__).with_name("generated.jsonl")
    with out.open("w", encoding="utf-8") as fh:
        for story in generate():
            fh.write(json.dumps(story, ensure_ascii=False) + "\n")
    print(f"wrote {out}")
