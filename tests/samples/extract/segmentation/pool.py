"""Hand-written fictional news stories for the segmentation set (written for Steppe).

Every story is invented: names of ministries and cities are real places, events are not.
Each entry: headline, paragraphs, and an optional subheading that a single-article page
puts between its first and second paragraph (so that a subheading never looks like a story).
"""

EN = [
    (
        "Kazakhstan and Mongolia Agree on a Joint Communications Satellite",
        [
            "ASTANA — The presidents of Kazakhstan and Mongolia signed an agreement on Sunday to build and launch a joint communications satellite by 2028.",
            "The satellite will carry television and internet traffic for remote districts of both countries, officials said after the talks.",
            "Engineers from Almaty and Ulaanbaatar will share the design work, and the launch is planned from Baikonur.",
        ],
        "Launch Planned From Baikonur",
    ),
    (
        "Kyrgyz Parliament Approves 2026 Budget With a Lower Deficit",
        [
            "BISHKEK — Lawmakers in Kyrgyzstan approved the 2026 state budget on Friday after three days of debate over pensions and energy subsidies.",
            "The finance minister told deputies that the deficit would stay below three percent of output, helped by higher gold revenue.",
            "Opposition deputies said the plan underfunds rural schools and voted against it.",
        ],
        "Pensions and Subsidies",
    ),
    (
        "Uzbekistan Opens Its Longest Railway Tunnel in the Fergana Valley",
        [
            "TASHKENT — Uzbekistan opened a new railway tunnel on Thursday that cuts the journey between Tashkent and Namangan by almost two hours.",
            "The tunnel runs for nineteen kilometres under the Kamchik pass and was built by a state company over six years.",
            "Passenger trains will run every three hours, and freight services start next month.",
        ],
        "Freight Next Month",
    ),
    (
        "Tajikistan Reports Record Water Levels at the Nurek Reservoir",
        [
            "DUSHANBE — Water in the Nurek reservoir reached its highest level in a decade this week, the energy ministry said.",
            "The ministry expects the hydropower plant to export more electricity to Afghanistan and Uzbekistan during the winter.",
            "Engineers will inspect the dam spillways before the spring floods, according to the ministry statement.",
        ],
        "Exports to Neighbours",
    ),
    (
        "Turkmenistan Signs Gas Supply Extension With China",
        [
            "ASHGABAT — Turkmenistan agreed to extend its natural gas supply contract with China for another fifteen years, state television reported.",
            "The deal covers deliveries through the Central Asia–China pipeline, whose fourth line is still under discussion.",
            "Neither side disclosed the price formula, but officials called the agreement balanced.",
        ],
        "Pipeline Talks Continue",
    ),
    (
        "Almaty Introduces Electric Buses on Twelve City Routes",
        [
            "ALMATY — The city of Almaty put two hundred electric buses into service on Monday, replacing diesel vehicles on twelve routes.",
            "The mayor's office said the buses were assembled in Kostanay and will cut local air pollution during the winter smog season.",
            "Passengers will pay the same fare, and charging depots were built at three terminal stations.",
        ],
        "Charging at Terminal Stations",
    ),
    (
        "Central Bank of Uzbekistan Holds Key Rate at Fourteen Percent",
        [
            "TASHKENT — The Central Bank of Uzbekistan kept its main policy rate unchanged at fourteen percent on Thursday.",
            "Governor statements pointed to slowing inflation but warned that food prices remain volatile ahead of the harvest.",
            "Analysts had expected the decision and see a possible cut early next year.",
        ],
        "A Possible Cut Next Year",
    ),
    (
        "Kyrgyzstan Launches Online Registration for Small Businesses",
        [
            "BISHKEK — Entrepreneurs in Kyrgyzstan can now register a company online within one day, the economy ministry announced.",
            "The new portal links the tax service, the statistics committee and the justice ministry, removing four office visits.",
            "Officials hope the reform will bring more traders out of the informal economy.",
        ],
        "Fewer Office Visits",
    ),
    (
        "Record Apricot Harvest Expected in the Batken Region",
        [
            "BATKEN — Farmers in southern Kyrgyzstan expect a record apricot harvest after a mild spring without late frosts.",
            "Exporters said most of the dried fruit would go to Russia and Kazakhstan, with first shipments to the Gulf planned this year.",
            "Local authorities are repairing cold storage sites to reduce losses.",
        ],
        "Cold Storage Repairs",
    ),
    (
        "Kazakhstan Raises Minimum Wage From January",
        [
            "ASTANA — The government of Kazakhstan will raise the monthly minimum wage by ten percent from the first of January.",
            "The labour ministry said about four hundred thousand workers in public services and retail will benefit.",
            "Employers' groups warned that small firms in rural areas could struggle with the higher costs.",
        ],
        "Concerns of Employers",
    ),
    (
        "Dushanbe Hosts Regional Conference on Glacier Melt",
        [
            "DUSHANBE — Scientists and officials from five Central Asian countries met in Dushanbe to discuss the shrinking of mountain glaciers.",
            "Researchers presented measurements showing that the Fedchenko glacier lost several metres of thickness over twenty years.",
            "Delegates agreed to share hydrological data and to set up a joint monitoring network.",
        ],
        "Sharing Hydrological Data",
    ),
    (
        "Samarkand Airport Opens a New International Terminal",
        [
            "SAMARKAND — A new international terminal opened at Samarkand airport on Saturday, tripling its passenger capacity.",
            "Airlines from Turkey, the Gulf and South Korea have announced direct flights for the tourist season.",
            "The regional governor said the airport would handle two million passengers a year by 2030.",
        ],
        "Direct Flights Announced",
    ),
    (
        "Mongolia and Kazakhstan Discuss a Direct Road Corridor",
        [
            "ULAANBAATAR — Transport ministers of Mongolia and Kazakhstan discussed building a road corridor through the Altai mountains.",
            "The route would shorten freight journeys between the two countries, which do not share a border, by crossing a narrow strip of Russia or China.",
            "A feasibility study is due by the end of next year.",
        ],
        "Feasibility Study Due",
    ),
    (
        "Turkmen Cotton Farmers Switch to Drip Irrigation",
        [
            "MARY — Cotton farms in the Mary province of Turkmenistan are switching to drip irrigation to save water from the Karakum canal.",
            "Agricultural officials said the pilot fields used forty percent less water last season while yields stayed stable.",
            "The programme will expand to three more districts next spring.",
        ],
        "Pilot Fields Save Water",
    ),
    (
        "Bishkek Schools Move to a Five-Day Week",
        [
            "BISHKEK — Public schools in Bishkek will move from a six-day to a five-day week in September, the education ministry said.",
            "Lessons will become longer, and Saturday will be used for clubs and sports on a voluntary basis.",
            "Parents' associations welcomed the change but asked for more buses in the afternoons.",
        ],
        "Saturday Clubs",
    ),
    (
        "Kazakh Wheat Exports to Iran Rise Sharply",
        [
            "KOSTANAY — Kazakhstan's wheat exports to Iran rose by a third in the first half of the year, grain traders reported.",
            "Most of the grain travelled by rail through Turkmenistan, while the rest went by ship across the Caspian Sea.",
            "Traders said the higher volumes reflect a good harvest in the northern regions.",
        ],
        "By Rail and by Sea",
    ),
    (
        "Uzbek Carmaker Starts Exports to Georgia",
        [
            "ASAKA — An Uzbek car factory shipped its first batch of passenger cars to Georgia this week, the company said.",
            "The plant plans to send five thousand cars abroad this year, mainly to the Caucasus and neighbouring Central Asian markets.",
            "Managers said local content in the cars has reached sixty percent.",
        ],
        "Local Content Grows",
    ),
    (
        "Tajik Aluminium Plant Signs Modernisation Contract",
        [
            "TURSUNZODA — The state aluminium company of Tajikistan signed a contract to modernise two of its smelting lines.",
            "The work will reduce electricity use per tonne of metal and cut emissions of fluoride gases, the company said.",
            "Financing comes from a consortium of regional banks.",
        ],
        "Lower Electricity Use",
    ),
    (
        "Heavy Snow Closes Mountain Passes in Kyrgyzstan",
        [
            "NARYN — Heavy snow closed the Dolon and Too-Ashuu passes on Tuesday, stranding dozens of trucks on the Bishkek–Osh road.",
            "Emergency workers cleared one lane by the evening and escorted cars through the worst sections.",
            "Forecasters warned of further snowfall and avalanche risk over the weekend.",
        ],
        "Avalanche Risk Remains",
    ),
    (
        "Aral Sea Fish Catch Grows for the Fifth Year",
        [
            "ARALSK — Fishermen on the northern Aral Sea landed their largest catch in decades, regional authorities said.",
            "The Kokaral dam has raised water levels in the northern part of the sea, bringing back species that vanished in the 1980s.",
            "A second stage of the dam project is under discussion with international lenders.",
        ],
        "Second Stage Discussed",
    ),
    (
        "Kazakhstan Plans Its First Nuclear Power Plant Near Lake Balkhash",
        [
            "ULKEN — Kazakhstan selected a site near the village of Ulken on Lake Balkhash for its first nuclear power plant.",
            "The energy ministry said construction would start after environmental reviews and public hearings in the region.",
            "Residents at the hearings asked about water use and the safety of the lake.",
        ],
        "Public Hearings",
    ),
    (
        "Osh Bazaar Traders Protest New Cash Register Rules",
        [
            "OSH — Hundreds of traders at the main bazaar in Osh closed their stalls on Wednesday to protest new rules on electronic cash registers.",
            "The tax service said the rules would be phased in over six months and that small stalls would receive free devices.",
            "Talks between market representatives and officials continued into the evening.",
        ],
        "Talks Continue",
    ),
    (
        "Uzbekistan Lifts Visa Requirement for Another Ten Countries",
        [
            "TASHKENT — Citizens of ten more countries can visit Uzbekistan without a visa for up to thirty days, the foreign ministry said.",
            "The list includes several countries in Latin America and South-East Asia, which tourism officials see as growing markets.",
            "Visitor numbers rose by a fifth last year, according to the tourism committee.",
        ],
        "Visitor Numbers Rise",
    ),
    (
        "Ashgabat Marathon Draws Runners From Forty Countries",
        [
            "ASHGABAT — More than three thousand runners from forty countries took part in the Ashgabat marathon on Sunday.",
            "A Kenyan athlete won the men's race, while a runner from Kazakhstan took the women's title in a course record.",
            "Organisers plan to add a half-marathon for amateurs next year.",
        ],
        "Course Record",
    ),
]

RU = [
    (
        "Парламент Казахстана одобрил поправки в Налоговый кодекс",
        [
            "АСТАНА — Мажилис одобрил поправки в Налоговый кодекс, которые снижают ставки для малого бизнеса в сельской местности.",
            "По словам министра финансов, изменения вступят в силу с первого июля и затронут около ста тысяч предпринимателей.",
            "Депутаты от оппозиции потребовали отложить реформу до конца года.",
        ],
        "Сроки реформы",
    ),
    (
        "В Бишкеке открыли новый корпус детской больницы",
        [
            "БИШКЕК — В столице Кыргызстана открыли новый корпус республиканской детской больницы на двести коек.",
            "Строительство заняло три года, оборудование закупили за счёт бюджета и кредита банка развития.",
            "Главный врач сообщил, что очереди на плановые операции сократятся вдвое.",
        ],
        "Очереди сократятся",
    ),
    (
        "Узбекистан увеличил экспорт текстиля на двадцать процентов",
        [
            "ТАШКЕНТ — Экспорт текстильной продукции Узбекистана за девять месяцев вырос на двадцать процентов, сообщила ассоциация отрасли.",
            "Основными покупателями остаются Россия, Турция и Китай, при этом растут поставки готовой одежды в Европу.",
            "В ассоциации рассчитывают, что к концу года экспорт превысит четыре миллиарда долларов.",
        ],
        "Поставки в Европу",
    ),
    (
        "Таджикистан начал строительство новой дороги к границе с Китаем",
        [
            "ДУШАНБЕ — В Горно-Бадахшанской автономной области начали реконструкцию дороги к перевалу Кульма на границе с Китаем.",
            "Работы рассчитаны на четыре года, а финансирование предоставил азиатский банк развития.",
            "Местные жители надеются, что дорога оживит торговлю и туризм в регионе.",
        ],
        "Торговля и туризм",
    ),
    (
        "Туркменистан запустил новый завод по производству удобрений",
        [
            "ТУРКМЕНАБАТ — В Лебапском велаяте открылся завод по производству калийных удобрений мощностью миллион тонн в год.",
            "Продукцию планируют поставлять на внутренний рынок и экспортировать в страны Южной Азии.",
            "На предприятии создано около тысячи рабочих мест.",
        ],
        "Рабочие места",
    ),
    (
        "Алматы готовится к зимнему сезону на горнолыжных курортах",
        [
            "АЛМАТЫ — Горнолыжные курорты под Алматы откроют сезон в середине декабря, если позволит погода.",
            "На Шымбулаке установили новую канатную дорогу, а на Табагане расширили трассы для начинающих.",
            "Власти города просят туристов пользоваться автобусами, чтобы избежать пробок на горной дороге.",
        ],
        "Новая канатная дорога",
    ),
    (
        "Национальный банк Кыргызстана сохранил учётную ставку",
        [
            "БИШКЕК — Национальный банк Кыргызской Республики сохранил учётную ставку на уровне девяти процентов.",
            "Регулятор отметил замедление инфляции, но указал на риски, связанные с ростом цен на продовольствие.",
            "Следующее заседание по денежно-кредитной политике пройдёт в конце квартала.",
        ],
        "Риски инфляции",
    ),
    (
        "В Самарканде завершили реставрацию медресе Улугбека",
        [
            "САМАРКАНД — Реставраторы завершили работы в медресе Улугбека на площади Регистан, которые продолжались два года.",
            "Мастера восстановили мозаику на порталах и укрепили фундамент северного минарета.",
            "Музей внутри медресе снова откроется для посетителей в следующем месяце.",
        ],
        "Мозаика и минарет",
    ),
    (
        "Казахстан и Узбекистан договорились о совместном управлении водными ресурсами",
        [
            "ТАШКЕНТ — Министры водного хозяйства Казахстана и Узбекистана подписали соглашение о совместном управлении водами Сырдарьи.",
            "Стороны будут обмениваться данными о стоке реки и согласовывать графики попусков из водохранилищ.",
            "Фермеры Туркестанской области рассчитывают, что соглашение снизит нехватку воды летом.",
        ],
        "Обмен данными",
    ),
    (
        "В Душанбе прошла ярмарка местных производителей",
        [
            "ДУШАНБЕ — На ярмарке в столице Таджикистана более трёхсот предприятий представили продукцию местного производства.",
            "Покупателей больше всего заинтересовали сухофрукты, мёд и изделия из шёлка.",
            "Организаторы планируют проводить ярмарку дважды в год.",
        ],
        "Сухофрукты и шёлк",
    ),
    (
        "Кыргызстан запустил электронные визы для туристов из Азии",
        [
            "БИШКЕК — Туристы из двадцати стран Азии теперь могут оформить визу в Кыргызстан через интернет за три дня.",
            "Министерство иностранных дел сообщило, что система уже обработала первые тысячи заявлений.",
            "В туристической отрасли надеются на рост числа гостей на Иссык-Куле.",
        ],
        "Первые заявления",
    ),
    (
        "Астана примет международный форум по цифровой экономике",
        [
            "АСТАНА — В столице Казахстана в следующем месяце пройдёт международный форум по цифровой экономике.",
            "Участники обсудят развитие электронного правительства, финансовых технологий и защиту данных.",
            "Ожидается, что на форум приедут делегации из тридцати стран.",
        ],
        "Делегации тридцати стран",
    ),
]
