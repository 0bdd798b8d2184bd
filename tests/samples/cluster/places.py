"""Names the cluster evaluation set fills its templates with, in English and Russian cases.

Written for Steppe. Heads of state appear only in reported speech; every spokesperson,
athlete, company and quotation in the generated stories is invented.
"""

from __future__ import annotations

# code: English name, adjective, Russian nominative / genitive / prepositional / instrumental,
# capital (en, ru nominative, ru prepositional)
COUNTRIES = {
    "KZ": (
        "Kazakhstan",
        "Kazakh",
        "Казахстан",
        "Казахстана",
        "Казахстане",
        "Казахстаном",
        "Astana",
        "Астана",
        "Астане",
    ),
    "KG": (
        "Kyrgyzstan",
        "Kyrgyz",
        "Кыргызстан",
        "Кыргызстана",
        "Кыргызстане",
        "Кыргызстаном",
        "Bishkek",
        "Бишкек",
        "Бишкеке",
    ),
    "TJ": (
        "Tajikistan",
        "Tajik",
        "Таджикистан",
        "Таджикистана",
        "Таджикистане",
        "Таджикистаном",
        "Dushanbe",
        "Душанбе",
        "Душанбе",
    ),
    "UZ": (
        "Uzbekistan",
        "Uzbek",
        "Узбекистан",
        "Узбекистана",
        "Узбекистане",
        "Узбекистаном",
        "Tashkent",
        "Ташкент",
        "Ташкенте",
    ),
    "TM": (
        "Turkmenistan",
        "Turkmen",
        "Туркменистан",
        "Туркменистана",
        "Туркменистане",
        "Туркменистаном",
        "Ashgabat",
        "Ашхабад",
        "Ашхабаде",
    ),
    "MN": (
        "Mongolia",
        "Mongolian",
        "Монголия",
        "Монголии",
        "Монголии",
        "Монголией",
        "Ulaanbaatar",
        "Улан-Батор",
        "Улан-Баторе",
    ),
    "CN": ("China", "Chinese", "Китай", "Китая", "Китае", "Китаем", "Beijing", "Пекин", "Пекине"),
    "RU": ("Russia", "Russian", "Россия", "России", "России", "Россией", "Moscow", "Москва", "Москве"),
    "TR": ("Turkey", "Turkish", "Турция", "Турции", "Турции", "Турцией", "Ankara", "Анкара", "Анкаре"),
    "AZ": (
        "Azerbaijan",
        "Azerbaijani",
        "Азербайджан",
        "Азербайджана",
        "Азербайджане",
        "Азербайджаном",
        "Baku",
        "Баку",
        "Баку",
    ),
}

# code: leader in English, Russian nominative / genitive / instrumental
LEADERS = {
    "KZ": (
        "President Kassym-Jomart Tokayev",
        "Касым-Жомарт Токаев",
        "Касым-Жомарта Токаева",
        "Касым-Жомартом Токаевым",
    ),
    "KG": ("President Sadyr Japarov", "Садыр Жапаров", "Садыра Жапарова", "Садыром Жапаровым"),
    "TJ": ("President Emomali Rahmon", "Эмомали Рахмон", "Эмомали Рахмона", "Эмомали Рахмоном"),
    "UZ": ("President Shavkat Mirziyoyev", "Шавкат Мирзиёев", "Шавката Мирзиёева", "Шавкатом Мирзиёевым"),
    "TM": (
        "President Serdar Berdimuhamedov",
        "Сердар Бердымухамедов",
        "Сердара Бердымухамедова",
        "Сердаром Бердымухамедовым",
    ),
    "MN": ("President Ukhnaagiin Khurelsukh", "Хурэлсух", "Хурэлсуха", "Хурэлсухом"),
    "CN": ("President Xi Jinping", "Си Цзиньпин", "Си Цзиньпина", "Си Цзиньпином"),
    "RU": ("President Vladimir Putin", "Владимир Путин", "Владимира Путина", "Владимиром Путиным"),
    "TR": (
        "President Recep Tayyip Erdogan",
        "Реджеп Тайип Эрдоган",
        "Реджепа Тайипа Эрдогана",
        "Реджепом Тайипом Эрдоганом",
    ),
    "AZ": ("President Ilham Aliyev", "Ильхам Алиев", "Ильхама Алиева", "Ильхамом Алиевым"),
}

# code: central bank (en, ru nominative), governor (en, ru), currency (en, ru)
BANKS = {
    "KZ": (
        "National Bank of Kazakhstan",
        "Национальный банк Казахстана",
        "Timur Suleimenov",
        "Тимур Сулейменов",
        "tenge",
        "тенге",
    ),
    "KG": (
        "National Bank of the Kyrgyz Republic",
        "Национальный банк Кыргызстана",
        "Melis Turgunbaev",
        "Мелис Тургунбаев",
        "som",
        "сомов",
    ),
    "TJ": (
        "National Bank of Tajikistan",
        "Национальный банк Таджикистана",
        "Hokim Kholiqzoda",
        "Хоким Холикзода",
        "somoni",
        "сомони",
    ),
    "UZ": (
        "Central Bank of Uzbekistan",
        "Центральный банк Узбекистана",
        "Mamarizo Nurmuratov",
        "Мамаризо Нурмуратов",
        "sum",
        "сумов",
    ),
}

# regions and towns: en, ru nominative, ru prepositional, country
TOWNS = {
    "naryn": ("Naryn", "Нарын", "Нарыне", "KG"),
    "osh": ("Osh", "Ош", "Оше", "KG"),
    "karakol": ("Karakol", "Каракол", "Караколе", "KG"),
    "shymkent": ("Shymkent", "Шымкент", "Шымкенте", "KZ"),
    "aktobe": ("Aktobe", "Актобе", "Актобе", "KZ"),
    "turkestan": ("Turkestan", "Туркестан", "Туркестане", "KZ"),
    "khujand": ("Khujand", "Худжанд", "Худжанде", "TJ"),
    "kulob": ("Kulob", "Куляб", "Кулябе", "TJ"),
    "samarkand": ("Samarkand", "Самарканд", "Самарканде", "UZ"),
    "namangan": ("Namangan", "Наманган", "Намангане", "UZ"),
    "bukhara": ("Bukhara", "Бухара", "Бухаре", "UZ"),
    "mary": ("Mary", "Мары", "Мары", "TM"),
    "turkmenbashi": ("Turkmenbashi", "Туркменбаши", "Туркменбаши", "TM"),
    "darkhan": ("Darkhan", "Дархан", "Дархане", "MN"),
    "erdenet": ("Erdenet", "Эрдэнэт", "Эрдэнэте", "MN"),
}

# development lenders: en, ru
LENDERS = {
    "world-bank": ("World Bank", "Всемирный банк"),
    "adb": ("Asian Development Bank", "Азиатский банк развития"),
    "ebrd": ("European Bank for Reconstruction and Development", "Европейский банк реконструкции и развития"),
    "aiib": ("Asian Infrastructure Investment Bank", "Азиатский банк инфраструктурных инвестиций"),
    "isdb": ("Islamic Development Bank", "Исламский банк развития"),
    "eabr": ("Eurasian Development Bank", "Евразийский банк развития"),
}

# invented spokespeople: en, ru
SPOKESPEOPLE = [
    ("Aigerim Bekova", "Айгерим Бекова"),
    ("Timur Sadykov", "Тимур Садыков"),
    ("Nodira Karimova", "Нодира Каримова"),
    ("Farhod Nazarov", "Фарход Назаров"),
    ("Bakyt Osmonov", "Бакыт Осмонов"),
    ("Gulnara Myradova", "Гульнара Мырадова"),
    ("Erlan Sultanov", "Ерлан Султанов"),
    ("Dilnoza Yusupova", "Дилноза Юсупова"),
    ("Azamat Toktogulov", "Азамат Токтогулов"),
]

# invented athletes: en, ru, country
ATHLETES = [
    ("Daniyar Serikbayev", "Данияр Серикбаев", "KZ"),
    ("Aziz Rakhimov", "Азиз Рахимов", "UZ"),
    ("Bekzod Tursunov", "Бекзод Турсунов", "UZ"),
    ("Nurlan Abdykadyrov", "Нурлан Абдыкадыров", "KG"),
    ("Sherzod Qodirov", "Шерзод Кодиров", "TJ"),
    ("Arslan Orazov", "Арслан Оразов", "TM"),
    ("Batbold Ganzorig", "Батболд Ганзориг", "MN"),
    ("Madina Zhunusova", "Мадина Жунусова", "KZ"),
]
