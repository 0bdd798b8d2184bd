"""Writes the list-page fixtures: fictional regional outlets' home, section, tag and search pages.

Run from the repository root: python tests/samples/extract/lists/generate.py. Every headline,
teaser and outlet here is made up for Steppe. Each page has the furniture real list pages
carry (menus, a rates ticker, a "most read" box, pagination, a footer full of links) around
its main list, in its own markup style. labels.json records each page's main list in page
order: what `extract` must give back as links.
"""

from __future__ import annotations

import json
from html import escape
from pathlib import Path

HERE = Path(__file__).parent

HOME_EN = {
    "site": "https://altyndala.kz",
    "lead": (
        "Astana and Ulaanbaatar sign a transit pact for steppe freight corridors",
        "/business/2025/12/12/transit-pact",
        "The agreement cuts border waiting times for lorries carrying grain and copper concentrate and opens two new crossings.",
    ),
    "items": [
        (
            "Kazakhstan's central bank holds its base rate at 16.5 percent",
            "/economy/2025/12/12/base-rate-hold",
            "Analysts had expected a pause after inflation slowed for a third month in a row.",
            "2025-12-12",
        ),
        (
            "Bishkek city council approves a new tram line to the eastern districts",
            "/kyrgyzstan/2025/12/12/bishkek-tram",
            "The 14-kilometre line is due to open in 2028 and will be built with a loan from a development bank.",
            "2025-12-12",
        ),
        (
            "Uzbek cotton harvest beats the five-year average despite a dry autumn",
            "/uzbekistan/2025/12/11/cotton-harvest",
            "Farmers in Kashkadarya and Surkhandarya reported yields well above last season's.",
            "2025-12-11",
        ),
        (
            "Tajik hydropower exports to Afghanistan reach a record in November",
            "/tajikistan/2025/12/11/hydropower-exports",
            "Higher water levels in the Vakhsh cascade allowed more electricity to be sold abroad.",
            "2025-12-11",
        ),
        (
            "Turkmen gas pipeline talks resume with Chinese partners in Ashgabat",
            "/turkmenistan/2025/12/11/gas-talks",
            "Delegations discussed the long-delayed fourth line of the Central Asia–China pipeline.",
            "2025-12-11",
        ),
        (
            "Almaty metro extension opens three stations ahead of schedule",
            "/almaty/2025/12/10/metro-stations",
            "Passengers can now travel from the city centre to the Kalkaman district without changing trains.",
            "2025-12-10",
        ),
        (
            "Kyrgyz gold miner reports higher output from the Kumtor deposit",
            "/business/2025/12/10/kumtor-output",
            "The state-owned company said production rose by nine percent compared with the same period last year.",
            "2025-12-10",
        ),
        (
            "Samarkand hosts a regional forum on water sharing in the Aral basin",
            "/region/2025/12/10/aral-forum",
            "Ministers from five countries agreed to publish reservoir data every week.",
            "2025-12-10",
        ),
        (
            "Wheat prices fall in northern Kazakhstan as export quotas are lifted",
            "/economy/2025/12/09/wheat-prices",
            "Traders in Kostanay said buyers from Iran and Afghanistan had returned to the market.",
            "2025-12-09",
        ),
        (
            "New direct flights link Tashkent with Urumqi from January",
            "/travel/2025/12/09/tashkent-urumqi",
            "Two carriers will operate four weekly flights between the cities.",
            "2025-12-09",
        ),
        (
            "Mongolian and Kazakh scientists launch a joint snow leopard survey",
            "/science/2025/12/09/snow-leopard-survey",
            "Camera traps will be placed along the Altai ridge for the whole winter.",
            "2025-12-09",
        ),
    ],
    "most_read": [
        ("Five things to know about the new visa-free rules", "/explainers/visa-free"),
        ("Opinion: why the tenge keeps sliding against the rouble", "/opinion/tenge-rouble"),
        ("Photo story: winter comes early to the Naryn valley", "/photo/naryn-winter"),
        ("How much does a flat in Tashkent cost this year?", "/explainers/tashkent-flats"),
        ("Quiz: how well do you know the Silk Road cities?", "/fun/silk-road-quiz"),
    ],
}

SECTION_RU = {
    "site": "https://vesti-semirechye.kz",
    "items": [
        (
            "Нацбанк сохранил базовую ставку на уровне 16,5%",
            "/economy/2025/12/12/bazovaya-stavka",
            "Регулятор сослался на замедление инфляции и стабильный курс тенге.",
            "12 декабря 2025",
        ),
        (
            "В Алматинской области запустят завод по переработке яблок",
            "/economy/2025/12/12/zavod-yabloki",
            "Инвестор обещает создать 300 рабочих мест к концу следующего года.",
            "12 декабря 2025",
        ),
        (
            "Экспорт пшеницы из Казахстана вырос на четверть",
            "/economy/2025/12/11/eksport-pshenicy",
            "Основными покупателями остаются Узбекистан, Таджикистан и Афганистан.",
            "11 декабря 2025",
        ),
        (
            "Тарифы на электроэнергию в Талдыкоргане повысят с января",
            "/economy/2025/12/11/tarify-taldykorgan",
            "Рост составит около восьми процентов для бытовых потребителей.",
            "11 декабря 2025",
        ),
        (
            "Фермеры Жетысу получат субсидии на капельное орошение",
            "/economy/2025/12/11/subsidii-oroshenie",
            "Заявки принимаются до первого марта через портал электронного правительства.",
            "11 декабря 2025",
        ),
        (
            "Курс тенге укрепился после решения по ставке",
            "/economy/2025/12/10/kurs-tenge",
            "На утренних торгах доллар подешевел почти на три тенге.",
            "10 декабря 2025",
        ),
        (
            "Строительство логистического хаба в Хоргосе завершат весной",
            "/economy/2025/12/10/hab-horgos",
            "Новый терминал сможет обрабатывать до пятисот контейнеров в сутки.",
            "10 декабря 2025",
        ),
        (
            "Малый бизнес региона получил льготные кредиты на 12 млрд тенге",
            "/economy/2025/12/09/lgotnye-kredity",
            "Больше всего займов выдано предприятиям общественного питания и сервиса.",
            "9 декабря 2025",
        ),
        (
            "Цены на сахар в магазинах Талдыкоргана снизились",
            "/economy/2025/12/09/ceny-sahar",
            "Торговые сети объясняют это новым урожаем сахарной свёклы.",
            "9 декабря 2025",
        ),
        (
            "Банки Казахстана увеличили выдачу ипотеки в ноябре",
            "/economy/2025/12/08/ipoteka-noyabr",
            "Спрос поддержали государственные программы для молодых семей.",
            "8 декабря 2025",
        ),
        (
            "Туристический сбор в Кольсайских озёрах вырастет вдвое",
            "/economy/2025/12/08/turisticheskiy-sbor",
            "Средства направят на строительство дорог и туалетов в национальном парке.",
            "8 декабря 2025",
        ),
        (
            "Региональный фонд развития одобрил три новых проекта",
            "/economy/2025/12/08/fond-razvitiya",
            "Среди них тепличный комплекс и цех по выпуску строительных блоков.",
            "8 декабря 2025",
        ),
    ],
    "most_read": [
        ("Где в Талдыкоргане поставят новые светофоры", "/city/svetofory"),
        ("Синоптики обещают сильные морозы на выходных", "/weather/morozy"),
        ("Как получить пособие на ребёнка через портал", "/explain/posobie"),
        ("Фото: первый снег в горах Жетысуского Алатау", "/photo/pervyy-sneg"),
        ("Тест: насколько хорошо вы знаете свой город", "/fun/test-gorod"),
    ],
}

TAG_KK = {
    "site": "https://jetisu-aqparat.kz",
    "items": [
        ("Астанада жаңа көпір пайдалануға берілді", "/kk/news/2025/12/12/zhana-kopir", "12.12.2025"),
        ("Елордада қысқы жарменке басталды", "/kk/news/2025/12/12/qysqy-zharmenke", "12.12.2025"),
        ("Астана әуежайы жолаушылар саны бойынша рекорд жаңартты", "/kk/news/2025/12/11/auezhai-rekord", "11.12.2025"),
        ("Бас қалада үш жаңа мектеп салынады", "/kk/news/2025/12/11/ush-mektep", "11.12.2025"),
        ("Астанада жылу беру маусымы қалыпты өтіп жатыр", "/kk/news/2025/12/11/zhylu-mausymy", "11.12.2025"),
        ("Елорда тұрғындарына тегін вакцина егіледі", "/kk/news/2025/12/10/tegin-vakcina", "10.12.2025"),
        ("Астана мен Алматы арасында жаңа пойыз қатынайды", "/kk/news/2025/12/10/zhana-poiyz", "10.12.2025"),
        ("Қала әкімдігі қоғамдық көлік тарифін өзгертпейді", "/kk/news/2025/12/10/kolik-tarifi", "10.12.2025"),
        ("Астанада халықаралық шахмат турнирі өтеді", "/kk/news/2025/12/09/shakhmat-turniri", "09.12.2025"),
        ("Елордадағы саябақтарда мұз айдындары ашылды", "/kk/news/2025/12/09/muz-aidyndary", "09.12.2025"),
        ("Астана кітапханасына он мың жаңа кітап келді", "/kk/news/2025/12/08/zhana-kitaptar", "08.12.2025"),
    ],
    "most_read": [
        ("Ауа райы: аптаның соңында қатты аяз болады", "/kk/weather/ayaz"),
        ("Зейнетақы мөлшері қаңтардан бастап өседі", "/kk/society/zeinetaqy"),
        ("Жол жөндеу жұмыстары қашан аяқталады", "/kk/city/zhol-zhondeu"),
        ("Студенттерге арналған жаңа жатақхана ашылды", "/kk/society/zhataqkhana"),
    ],
}

SEARCH_UZ = {
    "site": "https://zarafshon-xabarlari.uz",
    "items": [
        (
            "Paxta yig'im-terimi viloyatda muddatidan oldin yakunlandi",
            "/oz/iqtisodiyot/paxta-yakunlandi",
            "Fermerlar rejadagi hosilning 104 foizini topshirishdi, deya xabar berdi viloyat hokimligi.",
        ),
        (
            "Paxta narxi birjada ikki hafta ichida arzonlashdi",
            "/oz/iqtisodiyot/paxta-narxi",
            "Tahlilchilar buni jahon bozoridagi talab pasayishi bilan bog'lamoqda.",
        ),
        (
            "Navoiyda yangi paxta-to'qimachilik klasteri ochildi",
            "/oz/iqtisodiyot/yangi-klaster",
            "Korxona yiliga o'n ming tonna tola qayta ishlashga mo'ljallangan.",
        ),
        (
            "Paxtakorlar uchun imtiyozli kreditlar miqdori oshirildi",
            "/oz/jamiyat/imtiyozli-kredit",
            "Banklar qishloq xo'jaligi korxonalariga ajratiladigan mablag'ni ko'paytirdi.",
        ),
        (
            "Samarqandda paxta urug'ining yangi navi sinovdan o'tkazildi",
            "/oz/fan/yangi-nav",
            "Olimlar yangi nav qurg'oqchilikka chidamli ekanini ta'kidlashdi.",
        ),
        (
            "Paxta maydonlarining bir qismi bug'doyga ajratiladi",
            "/oz/iqtisodiyot/bugdoy-maydonlari",
            "Qaror suv tanqisligi sababli qabul qilindi, deyiladi vazirlik bayonotida.",
        ),
        (
            "Buxoro viloyatida paxta tozalash zavodi modernizatsiya qilindi",
            "/oz/iqtisodiyot/zavod-modernizatsiya",
            "Yangi uskunalar elektr energiyasi sarfini uchdan birga kamaytiradi.",
        ),
        (
            "Paxta eksportidan tushum o'tgan yilga nisbatan o'sdi",
            "/oz/iqtisodiyot/paxta-eksporti",
            "Asosiy xaridorlar Xitoy, Turkiya va Bangladesh bo'lib qolmoqda.",
        ),
        (
            "Fermerlar paxta uchun to'lovlar kechikayotganidan shikoyat qilishdi",
            "/oz/jamiyat/tolovlar-kechikmoqda",
            "Hokimlik muammoni yil oxirigacha hal qilishga va'da berdi.",
        ),
        (
            "Paxta dalalarida tomchilatib sug'orish tizimi kengaymoqda",
            "/oz/iqtisodiyot/tomchilatib-sugorish",
            "Bu yil tizim yana o'n ikki ming gektar maydonga o'rnatildi.",
        ),
        (
            "Yosh paxtakorlar uchun o'quv kurslari tashkil etildi",
            "/oz/talim/oquv-kurslari",
            "Kurslar qishloq xo'jaligi texnikumlari bazasida bepul o'tkaziladi.",
        ),
    ],
    "most_read": [
        ("Dollar kursi: bugungi rasmiy qiymat", "/oz/kurs/bugun"),
        ("Ob-havo: hafta oxirida qor yog'adi", "/oz/ob-havo/qor"),
        ("Pensiyalar yanvardan oshiriladi", "/oz/jamiyat/pensiyalar"),
    ],
}

TICKER = (
    '<div class="rates-strip"><span>USD 512.40</span> <span>EUR 541.12</span> <span>RUB 5.61</span> '
    "<span>CNY 70.95</span> <span>KGS 5.86</span></div>"
)


def _e(text: str) -> str:
    return escape(text, quote=True)


def home_en() -> str:
    d = HOME_EN
    nav = "".join(
        f'<li><a href="/{s.lower()}">{s}</a></li>'
        for s in ("Kazakhstan", "Kyrgyzstan", "Uzbekistan", "Tajikistan", "Turkmenistan", "Business", "Opinion")
    )
    cards = "".join(
        f'<article class="card card--news"><a class="card__image" href="{u}"><img src="/img/{i}.jpg" alt=""></a>'
        f'<div class="card__body"><a class="card__rubric" href="/{u.split("/")[1]}">{u.split("/")[1].title()}</a>'
        f'<h3 class="card__title"><a href="{u}">{_e(h)}</a></h3><p class="card__lead">{_e(t)}</p>'
        f'<time datetime="{day}T09:{i:02d}:00+05:00">{day}</time></div></article>'
        for i, (h, u, t, day) in enumerate(d["items"])
    )
    most = "".join(f'<li><a href="{u}">{_e(h)}</a></li>' for h, u in d["most_read"])
    lead_h, lead_u, lead_t = d["lead"]
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Altyn Dala Times — news from the steppe</title>
<meta property="og:title" content="Altyn Dala Times"><link rel="canonical" href="{d["site"]}/"></head>
<body><header class="site-header"><a class="logo" href="/">Altyn Dala Times</a>
<nav class="main-nav"><ul>{nav}</ul></nav>{TICKER}
<form class="search" action="/search"><input name="q" placeholder="Search"></form></header>
<main class="home">
<div class="home-lead"><div class="lead-story"><h2 class="lead-story__title"><a href="{lead_u}">{_e(lead_h)}</a></h2>
<p class="lead-story__lead">{_e(lead_t)}</p><time datetime="2025-12-12T11:00:00+05:00">12 December 2025</time></div></div>
<section class="latest"><h2 class="section-title">Latest news</h2>{cards}</section>
<div class="pager"><a href="/page/2">Next page</a> <a href="/page/3">3</a> <a href="/page/4">4</a></div>
</main>
<aside class="sidebar"><section class="most-read"><h2>Most read</h2><ol>{most}</ol></section>
<div class="newsletter"><p>Get the morning digest of Central Asian news in your inbox every weekday.</p></div></aside>
<footer class="site-footer"><ul><li><a href="/about">About us</a></li><li><a href="/contacts">Contacts</a></li>
<li><a href="/advertising">Advertising with Altyn Dala Times</a></li><li><a href="/privacy">Privacy policy and cookies</a></li></ul>
<p>© 2025 Altyn Dala Times. Reproduction of materials requires a hyperlink to the source.</p></footer>
</body></html>
"""


def section_ru() -> str:
    d = SECTION_RU
    menu = "".join(
        f'<a class="menu-link" href="/{s}">{t}</a>'
        for s, t in (
            ("politics", "Политика"),
            ("economy", "Экономика"),
            ("society", "Общество"),
            ("sport", "Спорт"),
            ("culture", "Культура"),
        )
    )
    items = "".join(
        f'<li class="news-list__item"><span class="news-list__date">{day}</span>'
        f'<a class="news-list__title" href="{u}">{_e(h)}</a><p class="news-list__lead">{_e(t)}</p></li>'
        for h, u, t, day in d["items"]
    )
    popular = "".join(
        f'<div class="top-news"><span class="num">{n}</span><a href="{u}">{_e(h)}</a></div>'
        for n, (h, u) in enumerate(d["most_read"], 1)
    )
    return f"""<!DOCTYPE html>
<html lang="ru"><head><meta charset="utf-8"><title>Экономика — Вести Семиречья</title></head>
<body><div class="wrapper"><div class="top">{menu}<a class="menu-link" href="/ru/search">Поиск по сайту</a></div>
<div class="kursy">{TICKER}</div>
<div class="breadcrumbs"><a href="/">Главная</a> / <span>Экономика</span></div>
<div class="content"><div class="col-main"><h1>Экономика</h1><ul class="news-list">{items}</ul>
<div class="pages"><span>1</span> <a href="?page=2">2</a> <a href="?page=3">3</a> <a href="?page=2">Следующая страница →</a></div></div>
<div class="col-side"><div class="block"><div class="block__title">Популярное за неделю</div>{popular}</div>
<div class="block"><div class="block__title">Мы в соцсетях</div><a href="https://t.me/vesti_semirechye">Telegram-канал редакции</a></div></div></div>
<div class="bottom"><a href="/about">О редакции и контакты</a> <a href="/ads">Реклама на сайте</a>
<p>© 2025 Вести Семиречья. Все права защищены. При использовании материалов ссылка обязательна.</p></div></div>
</body></html>
"""


def tag_kk() -> str:
    d = TAG_KK
    nav = "".join(
        f'<li class="menu__item"><a href="/kk/{s}">{t}</a></li>'
        for s, t in (("saiasat", "Саясат"), ("ekonomika", "Экономика"), ("qogam", "Қоғам"), ("sport", "Спорт"))
    )
    cards = "".join(
        f'<div class="item-news"><a class="item-news__img" href="{u}"><img src="/i/{i}.webp" alt=""></a>'
        f'<div class="item-news__info"><a class="item-news__title" href="{u}">{_e(h)}</a>'
        f'<div class="item-news__meta"><span class="date">{day}</span> <span class="views">1{i}2</span></div></div></div>'
        for i, (h, u, day) in enumerate(d["items"])
    )
    most = "".join(f'<li><a href="{u}">{_e(h)}</a></li>' for h, u in d["most_read"])
    return f"""<!doctype html>
<html lang="kk"><head><meta charset="utf-8"><title>#Астана — Жетісу ақпарат</title></head>
<body><header><div class="logo"><a href="/kk">Жетісу ақпарат</a></div><ul class="menu">{nav}</ul>
<div class="lang"><a href="/ru">Рус</a> <a href="/kk">Қаз</a></div></header>
<div class="ticker">{TICKER}</div>
<div class="container"><div class="row"><div class="col-8"><h1 class="tag-title">#Астана</h1>
<div class="news-grid">{cards}</div>
<ul class="pagination"><li><a href="?page=2">2</a></li><li><a href="?page=3">3</a></li><li><a href="?page=2">Келесі бет</a></li></ul></div>
<aside class="col-4"><div class="widget"><h3>Көп оқылған</h3><ul>{most}</ul></div></aside></div></div>
<footer><p>© 2025 «Жетісу ақпарат». Барлық құқықтар қорғалған.</p><a href="/kk/about">Редакция туралы</a></footer>
</body></html>
"""


def search_uz() -> str:
    d = SEARCH_UZ
    results = "".join(
        f'<div class="result"><h3 class="result-title"><a href="{u}">{_e(h)}</a></h3>'
        f'<p class="snippet">{_e(t)}</p><div class="result-url">{d["site"]}{u}</div></div>'
        for h, u, t in d["items"]
    )
    most = "".join(f'<a class="trend" href="{u}">{_e(h)}</a>' for h, u in d["most_read"])
    return f"""<!doctype html>
<html lang="uz"><head><meta charset="utf-8"><title>Qidiruv: paxta — Zarafshon xabarlari</title>
<base href="{d["site"]}/"></head>
<body><div id="header"><a href="/oz">Zarafshon xabarlari</a>
<div id="menu"><a href="/oz/siyosat">Siyosat</a> <a href="/oz/iqtisodiyot">Iqtisodiyot</a> <a href="/oz/jamiyat">Jamiyat</a> <a href="/oz/sport">Sport</a></div></div>
{TICKER}
<div id="content"><form action="/oz/search"><input name="q" value="paxta"><button>Qidirish</button></form>
<p class="found">"paxta" so'rovi bo'yicha 248 ta natija topildi</p>
<div class="search-results">{results}</div>
<div class="paging"><a href="?q=paxta&amp;p=2">Keyingi sahifa</a></div>
<div class="popular-block"><h4>Eng ko'p o'qilgan</h4>{most}</div></div>
<div id="footer"><p>© 2025 Zarafshon xabarlari. Barcha huquqlar himoyalangan.</p><a href="/oz/reklama">Saytda reklama joylashtirish</a></div>
</body></html>
"""


PAGES = {
    "home-en.html": (home_en, HOME_EN, "https://altyndala.kz/", True),
    "section-ru.html": (section_ru, SECTION_RU, "https://vesti-semirechye.kz/economy/", False),
    "tag-kk.html": (tag_kk, TAG_KK, "https://jetisu-aqparat.kz/kk/tag/astana", False),
    "search-uz.html": (search_uz, SEARCH_UZ, "https://zarafshon-xabarlari.uz/oz/search?q=paxta", False),
}


def main() -> None:
    labels = []
    for name, (render, data, url, lead) in PAGES.items():
        (HERE / name).write_text(render(), encoding="utf-8")
        items = ([data["lead"][:2]] if lead else []) + [item[:2] for item in data["items"]]
        labels.append(
            {
                "file": name,
                "url": url,
                "links": [{"headline": h, "url": data["site"] + u} for h, u in items],
                "not_links": [data["site"] + u for _h, u in data["most_read"]],
            }
        )
    (HERE / "labels.json").write_text(json.dumps(labels, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
