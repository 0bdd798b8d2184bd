"""Generate the cluster evaluation set: short fictional news in English and Russian with cluster labels.

    python tests/samples/cluster/generate.py      # rewrites stories.jsonl beside this file

Each event below is told by 1-3 English and 0-3 Russian outlets, on its day or the next,
with different headlines, leads, sentence choice and order (templates.py). Hard negatives
are built in: the same bank deciding twice five weeks apart and two banks deciding the same
day; a state visit and, two days later, a phone call between the same presidents; two
earthquakes in one country three days apart; several stories per country and week; stories
that mention another event of the window in one sentence (labelled with their own event);
and wire copies of English stories (near-copies, labelled with the original's event).
Deterministic: the same seed gives the same file.
"""

from __future__ import annotations

import json
import random
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from places import ATHLETES, BANKS, COUNTRIES, LEADERS, LENDERS, SPOKESPEOPLE, TOWNS  # noqa: E402
from templates import FILLER, KINDS  # noqa: E402

START = date(2026, 9, 1)
EN_SITES = ["altaipost.example", "silkroadherald.example", "tengrireview.example"]
RU_SITES = ["vostokinfo.example", "kurier-ca.example", "nomad-vesti.example"]
WIRE_SITE = "steppewire.example"
RU_DAT = {
    "KZ": "Казахстану",
    "KG": "Кыргызстану",
    "TJ": "Таджикистану",
    "UZ": "Узбекистану",
    "TM": "Туркменистану",
    "MN": "Монголии",
    "CN": "Китаю",
    "RU": "России",
    "TR": "Турции",
    "AZ": "Азербайджану",
}
RU_ACC = {"MN": "Монголию", "RU": "Россию", "TR": "Турцию"}
RU_ADJ = {"KZ": "казахстанского", "TM": "туркменского", "RU": "российского", "UZ": "узбекского"}
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

# (kind, day, parameters): days count from START; the hard negatives are described above.
EVENTS = [
    ("rate", 3, dict(c="KZ", action="cut", rate=16.5, prev=17.0, infl=10.9, target="5-7")),
    ("rate", 3, dict(c="KG", action="hold", rate=9.25, prev=9.25, infl=7.1, target="5-7")),
    ("rate", 38, dict(c="KZ", action="cut", rate=16.0, prev=16.5, infl=10.2, target="5-7")),
    ("rate", 17, dict(c="UZ", action="hold", rate=13.5, prev=13.5, infl=8.3, target="5")),
    ("rate", 24, dict(c="TJ", action="cut", rate=8.5, prev=9.0, infl=3.6, target="4-6")),
    ("rate", 40, dict(c="KG", action="raise", rate=9.75, prev=9.25, infl=7.8, target="5-7")),
    ("visit", 5, dict(h="UZ", g="KZ", docs=14, target=10, trade=4.4, deals=2.7, gap=5)),
    ("call", 7, dict(a="KZ", b="UZ", topic=0)),
    ("visit", 12, dict(h="KG", g="TJ", docs=11, target=1.5, trade=0.6, deals=0.9, gap=6)),
    ("visit", 19, dict(h="TM", g="AZ", docs=9, target=2, trade=0.8, deals=1.1, gap=7)),
    ("visit", 26, dict(h="MN", g="KZ", docs=17, target=0.5, trade=0.16, deals=0.3, gap=8)),
    ("visit", 33, dict(h="KZ", g="CN", docs=21, target=40, trade=31.2, deals=18.4, gap=5)),
    ("call", 34, dict(a="KZ", b="RU", topic=2)),
    ("call", 20, dict(a="TJ", b="UZ", topic=1)),
    ("call", 45, dict(a="KG", b="KZ", topic=3)),
    ("visit", 44, dict(h="TJ", g="UZ", docs=12, target=2, trade=0.75, deals=1.4, gap=5)),
    (
        "loan",
        2,
        dict(lender="adb", c="KG", amount=85, project=0, town="naryn", years=32, people=120000, build=3, cofin=12),
    ),
    (
        "loan",
        9,
        dict(
            lender="world-bank", c="TJ", amount=150, project=2, town="kulob", years=38, people=90000, build=4, cofin=20
        ),
    ),
    (
        "loan",
        10,
        dict(
            lender="ebrd", c="UZ", amount=220, project=3, town="samarkand", years=15, people=600000, build=3, cofin=35
        ),
    ),
    (
        "loan",
        23,
        dict(lender="aiib", c="KZ", amount=310, project=1, town="shymkent", years=20, people=450000, build=4, cofin=60),
    ),
    (
        "loan",
        30,
        dict(lender="adb", c="MN", amount=95, project=2, town="darkhan", years=25, people=70000, build=3, cofin=14),
    ),
    (
        "loan",
        41,
        dict(lender="isdb", c="TJ", amount=60, project=0, town="khujand", years=25, people=180000, build=2, cofin=8),
    ),
    (
        "loan",
        47,
        dict(lender="eabr", c="KG", amount=130, project=3, town="osh", years=15, people=250000, build=3, cofin=18),
    ),
    ("plant", 4, dict(c="UZ", kind="solar", mw=220, cost=180, company=0, town="bukhara", gwh=480, ppa=25)),
    ("plant", 15, dict(c="KZ", kind="wind", mw=100, cost=140, company=1, town="turkestan", gwh=350, ppa=20)),
    ("plant", 16, dict(c="KZ", kind="solar", mw=50, cost=45, company=0, town="aktobe", gwh=95, ppa=15)),
    ("plant", 28, dict(c="KG", kind="hydro", mw=28, cost=62, company=2, town="naryn", gwh=110, ppa=20)),
    ("plant", 37, dict(c="TM", kind="solar", mw=10, cost=15, company=3, town="mary", gwh=22, ppa=10)),
    ("plant", 46, dict(c="MN", kind="wind", mw=55, cost=90, company=1, town="erdenet", gwh=170, ppa=20)),
    ("quake", 13, dict(c="KG", town="karakol", mag=5.3, injured=4, houses=120, depth=15)),
    ("quake", 16, dict(c="KG", town="osh", mag=4.8, injured=2, houses=35, depth=10)),
    ("quake", 29, dict(c="TJ", town="kulob", mag=5.6, injured=11, houses=300, depth=20)),
    ("quake", 42, dict(c="UZ", town="namangan", mag=4.6, injured=0, houses=18, depth=8)),
    ("trade", 11, dict(c="UZ", turn=54.3, growth=12.6, exp=22.8, partner="CN")),
    ("trade", 11, dict(c="KG", turn=11.9, growth=7.4, exp=3.1, partner="RU")),
    ("trade", 14, dict(c="KZ", turn=112.4, growth=4.8, exp=66.5, partner="CN")),
    ("trade", 18, dict(c="TJ", turn=6.8, growth=9.1, exp=2.2, partner="RU")),
    ("trade", 39, dict(c="MN", turn=19.6, growth=15.2, exp=12.4, partner="CN")),
    ("border", 6, dict(a="TJ", b="UZ", town="khujand", cap_n=1500, pas=12000, cost=24)),
    ("border", 21, dict(a="KZ", b="UZ", town="shymkent", cap_n=3000, pas=20000, cost=48)),
    ("border", 22, dict(a="KG", b="KZ", town="karakol", cap_n=800, pas=5000, cost=11)),
    ("border", 36, dict(a="TM", b="UZ", town="turkmenbashi", cap_n=600, pas=4000, cost=17)),
    ("sport", 8, dict(ath=0, sport="judo", champ="asia", city="UZ", cat=73, rival="MN", nth="third")),
    ("sport", 8, dict(ath=1, sport="boxing", champ="asia", city="UZ", cat=63, rival="KZ", nth="second")),
    ("sport", 25, dict(ath=3, sport="wrestling", champ="asia", city="KG", cat=86, rival="UZ", nth="fourth")),
    ("sport", 27, dict(ath=6, sport="judo", champ="grand", city="KZ", cat=90, rival="KZ", nth="fifth")),
    ("sport", 35, dict(ath=4, sport="boxing", champ="asia", city="TM", cat=71, rival="KG", nth="first")),
    ("sport", 43, dict(ath=7, sport="weightlifting", champ="asia", city="KZ", cat=59, rival="CN", nth="second")),
    ("eurobond", 15, dict(c="UZ", amt=1.5, yld=6.95, years=7, book=4.8)),
    ("eurobond", 31, dict(c="KZ", amt=1.0, yld=5.4, years=10, book=3.2)),
    ("eurobond", 32, dict(c="MN", amt=0.65, yld=7.25, years=5, book=2.1)),
    ("eurobond", 48, dict(c="TJ", amt=0.5, yld=8.1, years=8, book=1.6)),
    ("gas", 1, dict(s="RU", b="UZ", bcm=11, prev=7.5)),
    ("gas", 18, dict(s="TM", b="CN", bcm=40, prev=35)),
    ("gas", 30, dict(s="RU", b="KG", bcm=0.6, prev=0.45)),
    ("gas", 49, dict(s="KZ", b="UZ", bcm=2.5, prev=1.8)),
    ("rate", 46, dict(c="UZ", action="cut", rate=13.0, prev=13.5, infl=7.6, target="5")),
    ("plant", 7, dict(c="TJ", kind="hydro", mw=40, cost=75, company=2, town="khujand", gwh=160, ppa=25)),
    ("border", 47, dict(a="KZ", b="KG", town="karakol", cap_n=900, pas=6000, cost=13)),
    ("visit", 50, dict(h="UZ", g="TM", docs=10, target=3, trade=1.3, deals=0.8, gap=6)),
]

CALL_TOPICS = [
    ("water and energy cooperation", "сотрудничество в сфере воды и энергетики"),
    ("transport corridors", "развитие транспортных коридоров"),
    ("trade and investment", "торгово-инвестиционное сотрудничество"),
    ("preparations for the regional summit", "подготовку к региональному саммиту"),
]
PROJECTS = [
    ("modernise water supply in {en}", "модернизацию водоснабжения в {prep}"),
    ("rebuild roads in the {en} region", "ремонт дорог в районе города {ru}"),
    ("build schools in {en}", "строительство школ в {prep}"),
    ("upgrade the power grid around {en}", "модернизацию электросетей в районе города {ru}"),
]
COMPANIES = [
    ("Tengri Solar", "Тенгри Солар"),
    ("Samal Wind", "Самал Винд"),
    ("Nurly Su Hydro", "Нурлы Су Гидро"),
    ("Orda Power", "Орда Пауэр"),
]
PLANT_KINDS = {
    "solar": ("solar", "солнечная электростанция", "солнечную электростанцию"),
    "wind": ("wind", "ветровая электростанция", "ветровую электростанцию"),
    "hydro": ("hydropower", "малая ГЭС", "малую ГЭС"),
}
CHAMPS = {
    "asia": ("Asian Championships", "чемпионата Азии", "чемпионате Азии", "чемпион Азии"),
    "grand": ("Grand Prix", "Гран-при", "турнире Гран-при", "победитель Гран-при"),
}
SPORTS = {"judo": "judo", "boxing": "boxing", "wrestling": "wrestling", "weightlifting": "weightlifting"}
NTH_RU = {"first": "первая", "second": "вторая", "third": "третья", "fourth": "четвёртая", "fifth": "пятая"}


def en_number(value: float) -> str:
    """1250 -> '1,250'; 1.5 -> '1.5'."""
    return (
        f"{value:,}" if float(value).is_integer() and isinstance(value, int) else f"{value:,}".rstrip("0").rstrip(".")
    )


def ru_number(value: float) -> str:
    """1250 -> '1 250'; 1.5 -> '1,5'."""
    return en_number(value).replace(",", " ").replace(".", ",")


def nums(slots: dict, **values: float) -> None:
    for name, value in values.items():
        slots[f"{name}_en"], slots[f"{name}_ru"] = en_number(value), ru_number(value)


def country(slots: dict, prefix: str, code: str) -> None:
    en, adj, nom, gen, prep, _ins, cap_en, cap_ru, cap_prep = COUNTRIES[code]
    lead = LEADERS[code]
    slots.update(
        {
            f"{prefix}en": en,
            f"{prefix}adj": adj,
            f"{prefix}ru": nom,
            f"{prefix}gen": gen,
            f"{prefix}prep": prep,
            f"{prefix}dat": RU_DAT[code],
            f"{prefix}ru_acc": RU_ACC.get(code, nom),
            f"{prefix}cap_en": cap_en,
            f"{prefix}cap_ru": cap_ru,
            f"{prefix}cap_prep": cap_prep,
            f"{prefix}lead": lead[0],
            f"{prefix}lead_sur": lead[0].split()[-1] if code != "CN" else "Xi",
            f"{prefix}ru_nom": lead[1],
            f"{prefix}ru_gen_lead": lead[2],
            f"{prefix}ru_ins": lead[3],
        }
    )


def town(slots: dict, key: str) -> None:
    en, ru, prep, _ = TOWNS[key]
    slots.update(town_en=en, town_ru=ru, town_prep=prep)


def slots_for(kind: str, p: dict, rng: random.Random) -> dict:
    """Every slot the templates of one event can use."""
    s: dict = {}
    if "c" in p:
        country(s, "", p["c"])
        s["country_en"], s["country_ru"], s["country_gen"] = s["en"], s["ru"], s["gen"]
        s["country_prep"], s["country_dat"] = s["prep"], s["dat"]
    for role in ("h", "g", "a", "b", "s"):
        if role in p:
            country(s, f"{role}_", p[role])
    s["spokes_en"], s["spokes_ru"] = rng.choice(SPOKESPEOPLE)
    if kind == "rate":
        s.update(rate_slots(p))
    elif kind == "visit":
        s.update(docs=p["docs"], gap=p["gap"])
        nums(s, target=p["target"], trade=p["trade"], deals=p["deals"])
    elif kind == "call":
        s["topic_en"], s["topic_ru"] = CALL_TOPICS[p["topic"]]
    elif kind == "loan":
        s["lender_en"], s["lender_ru"] = LENDERS[p["lender"]]
        town(s, p["town"])
        en, ru = PROJECTS[p["project"]]
        s["project_en"] = en.format(en=s["town_en"])
        s["project_ru"] = ru.format(prep=s["town_prep"], ru=s["town_ru"])
        s.update(years=p["years"], build=p["build"])
        nums(s, amount=p["amount"], people=p["people"], cofin=p["cofin"])
    elif kind == "plant":
        town(s, p["town"])
        s["company_en"], s["company_ru"] = COMPANIES[p["company"]]
        s["kind_en"], s["kind_ru"], s["kind_acc"] = PLANT_KINDS[p["kind"]]
        s["kind_cap"] = s["kind_ru"][0].upper() + s["kind_ru"][1:]
        s["ppa"] = p["ppa"]
        nums(s, mw=p["mw"], cost=p["cost"], gwh=p["gwh"])
    elif kind == "quake":
        town(s, p["town"])
        s.update(injured=p["injured"], depth=p["depth"])
        nums(s, mag=p["mag"], houses=p["houses"])
    elif kind == "trade":
        s["month_en"], s["month_ru"], s["month_prep"] = "October", "октябрь", "октябре"
        s["partner_en"], s["partner_ru"] = COUNTRIES[p["partner"]][0], COUNTRIES[p["partner"]][2]
        nums(s, turn=p["turn"], growth=p["growth"], exp=p["exp"])
    elif kind == "border":
        town(s, p["town"])
        nums(s, cap_n=p["cap_n"], cost=p["cost"])
        s["pass_en"], s["pass_ru"] = en_number(p["pas"]), ru_number(p["pas"])
    elif kind == "sport":
        s.update(sport_slots(p))
    elif kind == "eurobond":
        s["years"] = p["years"]
        nums(s, amt=p["amt"], yld=p["yld"], book=p["book"])
        s["yield_en"], s["yield_ru"] = s["yld_en"], s["yld_ru"]
    elif kind == "gas":
        s["s_adj_ru"] = RU_ADJ.get(p["s"], "импортного")
        s["b_dat"] = RU_DAT[p["b"]]
        nums(s, bcm=p["bcm"], prev_bcm=p["prev"])
    return s


def rate_slots(p: dict) -> dict:
    """Slots of a central-bank decision: the bank, its governor, the verbs of its action, the rates."""
    s: dict = {}
    bank_en, bank_ru, gov_en, gov_ru, cur_en, _ = BANKS[p["c"]]
    verbs = {
        "cut": (
            "cuts its base rate to",
            "lowers the policy rate to",
            "rate cut",
            "to",
            "снизил базовую ставку до",
            "понизил базовую ставку до",
            "cut its base rate to",
        ),
        "hold": (
            "keeps its base rate at",
            "holds the policy rate at",
            "rate pause",
            "stays at",
            "сохранил базовую ставку на уровне",
            "оставил базовую ставку на уровне",
            "kept its base rate at",
        ),
        "raise": (
            "raises its base rate to",
            "lifts the policy rate to",
            "rate rise",
            "up to",
            "повысил базовую ставку до",
            "поднял базовую ставку до",
            "raised its base rate to",
        ),
    }[p["action"]]
    s.update(
        bank_en=bank_en,
        bank_ru=bank_ru,
        gov_en=gov_en,
        gov_ru=gov_ru,
        cur_en=cur_en,
        verb_en=verbs[0],
        verb2_en=verbs[1],
        noun_en=verbs[2],
        at_en=verbs[3],
        verb_ru=verbs[4],
        verb2_ru=verbs[5],
        past_en=verbs[6],
        target_en=p["target"],
        target_ru=p["target"],
    )
    nums(s, rate=p["rate"], prev=p["prev"], infl=p["infl"])
    return s


def sport_slots(p: dict) -> dict:
    ath_en, ath_ru, code = ATHLETES[p["ath"]]
    female = ath_ru.split()[0].endswith("а")
    s: dict = {}
    country(s, "", code)
    city = COUNTRIES[p["city"]]
    champ = CHAMPS[p["champ"]]
    s.update(
        country_en=s["en"],
        country_gen=s["gen"],
        ath_en=ath_en,
        ath_ru=ath_ru,
        ath_sur_en=ath_en.split()[-1],
        ath_sur_ru=ath_ru.split()[-1],
        sport_en=SPORTS[p["sport"]],
        champ_en=champ[0],
        champ_ru=champ[1],
        champ_loc_ru=champ[2],
        champ_title_ru=champ[3] if not female else champ[3].replace("чемпион", "чемпионка"),
        city_en=city[6],
        city_ru=city[7],
        city_prep=city[8],
        cat_en=f"{p['cat']} kg",
        cat_ru=f"до {p['cat']} кг",
        rival_en=COUNTRIES[p["rival"]][0],
        rival_gen=COUNTRIES[p["rival"]][3],
        won_ru="выиграла" if female else "выиграл",
        beat_ru="победила" if female else "победил",
        nth_en=p["nth"],
        nth_ru=NTH_RU[p["nth"]],
        n_teams=20 + p["cat"] % 17,
    )
    return s


def tell(kind: str, language: str, slots: dict, rng: random.Random, mention: str | None) -> tuple[str, str]:
    """One outlet's telling of an event: a headline and paragraphs in its own choice and order."""
    t = KINDS[kind][language]
    headline = rng.choice(t["headline"]).format(**slots)
    details = rng.sample(t["detail"], k=rng.randint(min(3, len(t["detail"])), len(t["detail"])))
    paragraphs = [rng.choice(t["lead"]).format(**slots)] + [d.format(**slots) for d in details]
    if rng.random() < 0.4:
        paragraphs.insert(rng.randint(2, len(paragraphs)), rng.choice(FILLER[language]))
    if mention:
        paragraphs.append(mention)
    return headline, "\n".join(paragraphs)


def wire_copy(headline: str, text: str, site: str, rng: random.Random) -> tuple[str, str]:
    """A wire re-publication: new headline, wire tag, one sentence dropped, a credit line."""
    paragraphs = text.split("\n")
    if len(paragraphs) > 4:
        paragraphs.pop(rng.randint(2, len(paragraphs) - 1))
    outlet = " ".join(
        w.capitalize()
        for w in site.split(".")[0]
        .replace("post", " post")
        .replace("herald", " herald")
        .replace("review", " review")
        .split()
    )
    paragraphs[0] = "(Steppe Wire) - " + paragraphs[0]
    paragraphs.append(f"(Reporting by {outlet}; editing by Steppe Wire staff)")
    return "UPDATE: " + headline, "\n".join(paragraphs)


def generate(seed: int = 20261201) -> list[dict]:
    """Every story of the set, in publication order, with its event label."""
    rng = random.Random(seed)
    stories: list[dict] = []
    built = [(n, kind, day, params, slots_for(kind, params, rng)) for n, (kind, day, params) in enumerate(EVENTS)]
    for n, kind, day, _params, slots in built:
        when = START + timedelta(days=day)
        slots["weekday_en"] = WEEKDAYS[when.weekday()]
        others = [b for b in built if b[0] != n and abs(b[2] - day) <= 3]
        counts = {"en": rng.choice([1, 2, 2, 3]), "ru": rng.choice([0, 1, 2, 2, 3])}
        for language, count in counts.items():
            sites = rng.sample(EN_SITES if language == "en" else RU_SITES, k=count)
            for site in sites:
                mention = None
                if others and rng.random() < 0.2:
                    o = rng.choice(others)
                    mention = KINDS[o[1]][language]["mention"].format(**{**o[4], "weekday_en": "Monday"})
                headline, text = tell(kind, language, slots, rng, mention)
                published = datetime.combine(
                    when + timedelta(days=rng.choice([0, 0, 1])), datetime.min.time(), tzinfo=UTC
                )
                story = {
                    "event": f"E{n:02d}",
                    "kind": kind,
                    "site": site,
                    "language": language,
                    "url": f"https://{site}/{published.date()}/{kind}-{n:02d}",
                    "published": published.isoformat(),
                    "headline": headline,
                    "text": text,
                    "mentions": mention is not None,
                }
                stories.append(story)
                if language == "en" and rng.random() < 0.15:
                    copy_headline, copy_text = wire_copy(headline, text, site, rng)
                    stories.append(
                        {
                            **story,
                            "site": WIRE_SITE,
                            "url": f"https://{WIRE_SITE}/{published.date()}/{n:02d}-{site.split('.')[0]}",
                            "headline": copy_headline,
                            "text": copy_text,
                            "copy_of": story["url"],
                        }
                    )
    stories.sort(key=lambda s: (s["published"], s["url"]))
    return stories


def main() -> None:
    stories = generate()
    out = Path(__file__).parent / "stories.jsonl"
    with out.open("w", encoding="utf-8") as f:
        for story in stories:
            f.write(json.dumps(story, ensure_ascii=False) + "\n")
    events = {s["event"] for s in stories}
    languages = {lang: sum(s["language"] == lang for s in stories) for lang in ("en", "ru")}
    print(f"{len(stories)} stories, {len(events)} events, {languages} -> {out}")


if __name__ == "__main__":
    main()
