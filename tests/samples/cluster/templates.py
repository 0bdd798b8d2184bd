"""Hand-written story templates for the cluster evaluation set, one entry per kind of event.

Each kind has, per language, headlines, leads and detail sentences (several wordings each,
so two outlets never tell an event the same way) and a one-sentence passing mention that
other stories use to refer to the event without being about it. ``{slots}`` are filled by
``generate.py``. Written for Steppe; every event is invented.
"""

from __future__ import annotations

RATE = {
    "en": {
        "headline": [
            "{bank_en} {verb_en} {rate_en}%",
            "{adj} central bank {verb2_en} {rate_en}%",
            "{country_en}'s {noun_en}: base rate {at_en} {rate_en}%",
        ],
        "lead": [
            "{cap_en} — The {bank_en} {past_en} {rate_en}% on {weekday_en}, the regulator said in a statement.",
            "The {bank_en} {past_en} {rate_en}% at its scheduled meeting in {cap_en} on {weekday_en}.",
        ],
        "detail": [
            "The previous rate was {prev_en}%.",
            "Annual inflation stood at {infl_en}% last month, according to the bank.",
            "Governor {gov_en} told reporters that the bank would keep watching food and fuel prices.",
            "The {cur_en} has been stable against the dollar in recent weeks, dealers said.",
            "The bank expects inflation to return to its target range of {target_en}% next year.",
            "Most analysts polled before the meeting had expected the decision.",
        ],
        "mention": "Earlier this week the {bank_en} {past_en} {rate_en}%.",
    },
    "ru": {
        "headline": [
            "{bank_ru} {verb_ru} {rate_ru}%",
            "{bank_ru}: базовая ставка — {rate_ru}%",
            "Регулятор {country_gen} {verb2_ru} {rate_ru}%",
        ],
        "lead": [
            "{bank_ru} по итогам заседания в {cap_prep} {verb_ru} {rate_ru}% годовых, сообщает пресс-служба.",
            "{cap_ru}. {bank_ru} {verb2_ru} {rate_ru}%, говорится в сообщении регулятора.",
        ],
        "detail": [
            "Прежде ставка составляла {prev_ru}%.",
            "Годовая инфляция в прошлом месяце составила {infl_ru}%, отмечает банк.",
            "Глава банка {gov_ru} заявил журналистам, что регулятор следит за ценами на продукты и топливо.",
            "Курс национальной валюты в последние недели оставался стабильным.",
            "Банк ожидает возвращения инфляции к целевому диапазону {target_ru}% в следующем году.",
            "Большинство аналитиков ожидали такого решения.",
        ],
        "mention": "Ранее на этой неделе {bank_ru} {verb_ru} {rate_ru}%.",
    },
}

VISIT = {
    "en": {
        "headline": [
            "{g_lead_sur} visits {h_cap_en} as {h_en} and {g_en} sign {docs} agreements",
            "{h_en} and {g_en} aim for ${target_en} billion in trade after {docs} deals",
            "{g_adj} leader holds talks in {h_cap_en}; {docs} documents signed",
        ],
        "lead": [
            "{h_cap_en} — {h_lead} hosted {g_lead} for talks on {weekday_en}, and the two sides signed {docs} documents, according to the presidential press services.",
            "{g_lead} arrived in {h_cap_en} on {weekday_en} for a state visit, during which {h_en} and {g_en} signed {docs} agreements.",
        ],
        "detail": [
            "Trade between the two countries reached ${trade_en} billion last year, officials said.",
            "The leaders set a target of ${target_en} billion in annual trade by 2030.",
            "The agreements cover transport, energy, agriculture and education.",
            "According to the {h_adj} press service, the presidents also discussed regional water use.",
            "A business forum held alongside the visit produced deals worth ${deals_en} billion, organisers said.",
            "It was the {g_adj} leader's first visit to {h_en} in {gap} years.",
        ],
        "mention": "The news came days after {g_lead} visited {h_cap_en}, where {docs} agreements were signed.",
    },
    "ru": {
        "headline": [
            "{g_ru_nom} прибыл с визитом в {h_cap_ru}: подписано {docs} документов",
            "{h_ru} и {g_ru} намерены довести товарооборот до ${target_ru} млрд",
            "Переговоры {h_ru_gen_lead} и {g_ru_gen_lead} в {h_cap_prep}: {docs} соглашений",
        ],
        "lead": [
            "{h_cap_ru}. {h_ru_nom} провёл переговоры с {g_ru_ins}, по итогам которых стороны подписали {docs} документов, сообщают пресс-службы президентов.",
            "В {h_cap_prep} состоялись переговоры {h_ru_gen_lead} и {g_ru_gen_lead}; подписано {docs} соглашений.",
        ],
        "detail": [
            "Товарооборот двух стран в прошлом году составил ${trade_ru} млрд, сообщили официальные лица.",
            "Стороны поставили цель довести годовой товарооборот до ${target_ru} млрд к 2030 году.",
            "Документы касаются транспорта, энергетики, сельского хозяйства и образования.",
            "По данным пресс-службы, президенты также обсудили совместное использование водных ресурсов.",
            "На бизнес-форуме в рамках визита подписаны сделки на ${deals_ru} млрд, сообщили организаторы.",
            "Это первый визит лидера {g_gen} в {h_ru_acc} за {gap} лет.",
        ],
        "mention": "Незадолго до этого {g_ru_nom} посетил {h_cap_ru}, где было подписано {docs} соглашений.",
    },
}

CALL = {
    "en": {
        "headline": [
            "{a_lead_sur} and {b_lead_sur} discuss {topic_en} by phone",
            "{a_en} and {b_en} leaders hold phone call on {topic_en}",
        ],
        "lead": [
            "{a_lead} and {b_lead} discussed {topic_en} in a telephone conversation on {weekday_en}, according to the {a_adj} presidential press service.",
            "The presidents of {a_en} and {b_en} spoke by phone on {weekday_en} about {topic_en}, their offices said.",
        ],
        "detail": [
            "The two leaders agreed to instruct their governments to prepare proposals.",
            "The call was initiated by the {b_adj} side, the statement said.",
            "They also exchanged views on the international situation.",
            "No agreements were announced after the conversation.",
        ],
        "mention": "{a_lead} also spoke by phone with {b_lead} this week.",
    },
    "ru": {
        "headline": [
            "{a_ru_nom} и {b_ru_nom} обсудили по телефону {topic_ru}",
            "Телефонный разговор президентов {a_gen} и {b_gen}: {topic_ru}",
        ],
        "lead": [
            "{a_ru_nom} и {b_ru_nom} в телефонном разговоре обсудили {topic_ru}, сообщает пресс-служба президента {a_gen}.",
            "Президенты {a_gen} и {b_gen} провели телефонный разговор, посвящённый теме: {topic_ru}.",
        ],
        "detail": [
            "Лидеры поручили правительствам подготовить предложения.",
            "Разговор состоялся по инициативе стороны {b_gen}, отмечается в сообщении.",
            "Собеседники также обменялись мнениями о международной обстановке.",
            "По итогам разговора соглашений объявлено не было.",
        ],
        "mention": "На этой неделе {a_ru_nom} также провёл телефонный разговор с {b_ru_ins}.",
    },
}

LOAN = {
    "en": {
        "headline": [
            "{lender_en} approves ${amount_en} million loan for {country_en}",
            "{country_en} gets ${amount_en} million from {lender_en} to {project_en}",
            "${amount_en} million {lender_en} loan to {project_en}",
        ],
        "lead": [
            "The {lender_en} has approved a ${amount_en} million loan to {country_en} to {project_en}, the lender said on {weekday_en}.",
            "{country_en} will receive ${amount_en} million from the {lender_en} to {project_en}, the finance ministry said.",
        ],
        "detail": [
            "The loan has a maturity of {years} years, including a grace period.",
            "The project is expected to benefit about {people_en} people.",
            "Work is due to start next spring and take {build} years.",
            "The government will contribute a further ${cofin_en} million.",
            "It is the lender's largest operation in the country this year.",
        ],
        "mention": "The {lender_en} also approved ${amount_en} million for {country_en} this week.",
    },
    "ru": {
        "headline": [
            "{lender_ru} выделит {country_dat} ${amount_ru} млн",
            "{lender_ru} одобрил заём в ${amount_ru} млн на {project_ru}",
            "${amount_ru} млн на {project_ru}: {country_ru} получит кредит",
        ],
        "lead": [
            "{lender_ru} одобрил кредит {country_dat} в размере ${amount_ru} млн на {project_ru}, сообщает пресс-служба банка.",
            "{country_ru} получит от организации «{lender_ru}» ${amount_ru} млн на {project_ru}, сообщили в министерстве финансов.",
        ],
        "detail": [
            "Срок кредита составляет {years} лет с учётом льготного периода.",
            "Проект затронет около {people_ru} человек.",
            "Работы начнутся весной и продлятся {build} года.",
            "Правительство дополнительно вложит ${cofin_ru} млн.",
            "Это крупнейшая операция банка в стране в этом году.",
        ],
        "mention": "На этой неделе {lender_ru} также одобрил ${amount_ru} млн для {country_gen}.",
    },
}

PLANT = {
    "en": {
        "headline": [
            "{company_en} opens {mw_en} MW {kind_en} plant in {town_en}",
            "{country_en} switches on {mw_en} MW {kind_en} farm near {town_en}",
            "New {kind_en} plant adds {mw_en} MW to {adj} grid",
        ],
        "lead": [
            "{town_en}, {country_en} — {company_en} has put its {mw_en} MW {kind_en} plant near {town_en} into operation, the energy ministry said on {weekday_en}.",
            "A {mw_en} MW {kind_en} power plant built by {company_en} near {town_en} began supplying the grid on {weekday_en}.",
        ],
        "detail": [
            "The project cost ${cost_en} million.",
            "The plant will produce about {gwh_en} GWh of electricity a year.",
            "Spokesperson {spokes_en} said the company plans a second phase next year.",
            "Electricity will be bought by the state grid operator under a {ppa}-year contract.",
            "The government wants renewables to supply a quarter of the country's power by 2030.",
        ],
        "mention": "Last week {company_en} opened a {mw_en} MW plant near {town_en}.",
    },
    "ru": {
        "headline": [
            "Компания «{company_ru}» запустила {kind_acc} мощностью {mw_ru} МВт в {town_prep}",
            "В {town_prep} заработала {kind_ru} на {mw_ru} МВт",
            "{country_ru}: новая {kind_ru} на {mw_ru} МВт",
        ],
        "lead": [
            "Компания «{company_ru}» ввела в эксплуатацию {kind_acc} мощностью {mw_ru} МВт в {town_prep}, сообщило министерство энергетики.",
            "{town_ru}. {kind_cap} мощностью {mw_ru} МВт, построенная компанией «{company_ru}», начала выдавать электроэнергию в сеть.",
        ],
        "detail": [
            "Стоимость проекта составила ${cost_ru} млн.",
            "Станция будет вырабатывать около {gwh_ru} ГВт·ч электроэнергии в год.",
            "Представитель компании {spokes_ru} сообщил, что в следующем году начнётся второй этап.",
            "Электроэнергию будет закупать государственный оператор сети по контракту на {ppa} лет.",
            "Правительство рассчитывает довести долю возобновляемой энергии до четверти к 2030 году.",
        ],
        "mention": "На прошлой неделе компания «{company_ru}» запустила станцию на {mw_ru} МВт в {town_prep}.",
    },
}

QUAKE = {
    "en": {
        "headline": [
            "Magnitude {mag_en} earthquake strikes near {town_en}",
            "Earthquake near {town_en} injures {injured} and damages {houses_en} homes",
            "{country_en}: {mag_en} quake shakes {town_en} region",
        ],
        "lead": [
            "An earthquake of magnitude {mag_en} struck near {town_en} in {country_en} early on {weekday_en}, the emergencies ministry said.",
            "{town_en} — A magnitude {mag_en} earthquake hit the {town_en} region on {weekday_en}, injuring {injured} people.",
        ],
        "detail": [
            "The epicentre was at a depth of {depth} km.",
            "{injured} people were treated for injuries, officials said.",
            "About {houses_en} houses were damaged, most of them old adobe buildings.",
            "Rescue teams were sent from the capital, {cap_en}.",
            "Tremors were felt in neighbouring districts, residents said.",
        ],
        "mention": "Rescuers are still repairing homes after the magnitude {mag_en} earthquake near {town_en}.",
    },
    "ru": {
        "headline": [
            "Землетрясение магнитудой {mag_ru} произошло в районе города {town_ru}",
            "Подземные толчки в районе города {town_ru}: пострадали {injured} человек",
            "В {country_prep} произошло землетрясение магнитудой {mag_ru}",
        ],
        "lead": [
            "Землетрясение магнитудой {mag_ru} произошло в районе города {town_ru}, сообщает министерство по чрезвычайным ситуациям.",
            "{town_ru}. В районе города {town_ru} произошло землетрясение магнитудой {mag_ru}, пострадали {injured} человек.",
        ],
        "detail": [
            "Очаг залегал на глубине {depth} км.",
            "Медицинская помощь оказана {injured} пострадавшим.",
            "Повреждены около {houses_ru} домов, в основном старые саманные постройки.",
            "Из столицы, {cap_ru}, направлены спасатели.",
            "Толчки ощущались в соседних районах, рассказали жители.",
        ],
        "mention": "Спасатели продолжают восстанавливать дома после землетрясения магнитудой {mag_ru} в районе города {town_ru}.",
    },
}

TRADE = {
    "en": {
        "headline": [
            "{adj} foreign trade reaches ${turn_en} billion in January–{month_en}",
            "{country_en}'s trade turnover up {growth_en}% to ${turn_en} billion",
            "{country_en} reports ${turn_en} billion in foreign trade for ten months",
        ],
        "lead": [
            "{country_en}'s foreign trade turnover grew {growth_en}% year on year to ${turn_en} billion in January–{month_en}, the statistics agency said on {weekday_en}.",
            "Foreign trade of {country_en} reached ${turn_en} billion in the first ten months, up {growth_en}%, official data showed.",
        ],
        "detail": [
            "Exports rose to ${exp_en} billion.",
            "{partner_en} remained the largest trading partner.",
            "Imports were driven by machinery and vehicles.",
            "The trade deficit narrowed compared with last year, the agency said.",
        ],
        "mention": "Separately, {country_en} reported foreign trade of ${turn_en} billion for ten months.",
    },
    "ru": {
        "headline": [
            "Внешнеторговый оборот {country_gen} за январь–{month_ru} достиг ${turn_ru} млрд",
            "Товарооборот {country_gen} вырос на {growth_ru}% — до ${turn_ru} млрд",
            "{country_ru}: внешняя торговля за десять месяцев — ${turn_ru} млрд",
        ],
        "lead": [
            "Внешнеторговый оборот {country_gen} в январе–{month_prep} вырос на {growth_ru}% в годовом выражении и составил ${turn_ru} млрд, сообщает статистическое ведомство.",
            "Товарооборот {country_gen} за десять месяцев достиг ${turn_ru} млрд, увеличившись на {growth_ru}%, следует из официальных данных.",
        ],
        "detail": [
            "Экспорт вырос до ${exp_ru} млрд.",
            "Крупнейшим торговым партнёром остаётся {partner_ru}.",
            "Рост импорта обеспечили машины и транспортные средства.",
            "Дефицит торгового баланса сократился по сравнению с прошлым годом.",
        ],
        "mention": "Кроме того, внешнеторговый оборот {country_gen} за десять месяцев составил ${turn_ru} млрд.",
    },
}

BORDER = {
    "en": {
        "headline": [
            "{a_en} and {b_en} open new border crossing near {town_en}",
            "New {a_adj}–{b_adj} checkpoint near {town_en} to handle {cap_n_en} vehicles a day",
            "Border crossing near {town_en} opens after ${cost_en} million rebuild",
        ],
        "lead": [
            "{a_en} and {b_en} opened a new border crossing near {town_en} on {weekday_en}, the border services of both countries said.",
            "A rebuilt checkpoint on the {a_adj}–{b_adj} border near {town_en} opened to traffic on {weekday_en}.",
        ],
        "detail": [
            "The crossing can handle {cap_n_en} vehicles and {pass_en} passengers a day.",
            "Construction cost ${cost_en} million.",
            "Officials expect the crossing to cut queues for lorries carrying fruit and vegetables.",
            "The crossing will be open around the clock.",
        ],
        "mention": "Traffic has also increased since the new {a_adj}–{b_adj} crossing near {town_en} opened.",
    },
    "ru": {
        "headline": [
            "{a_ru} и {b_ru} открыли новый пункт пропуска у города {town_ru}",
            "Новый пункт пропуска на границе {a_gen} и {b_gen} рассчитан на {cap_n_ru} машин в сутки",
            "У города {town_ru} открылся пункт пропуска стоимостью ${cost_ru} млн",
        ],
        "lead": [
            "{a_ru} и {b_ru} открыли новый пункт пропуска у города {town_ru}, сообщили пограничные службы двух стран.",
            "На границе {a_gen} и {b_gen} у города {town_ru} после реконструкции открылся пункт пропуска.",
        ],
        "detail": [
            "Пропускная способность — {cap_n_ru} автомобилей и {pass_ru} пассажиров в сутки.",
            "Строительство обошлось в ${cost_ru} млн.",
            "Власти рассчитывают сократить очереди грузовиков с фруктами и овощами.",
            "Пункт будет работать круглосуточно.",
        ],
        "mention": "Движение выросло и после открытия пункта пропуска у города {town_ru}.",
    },
}

SPORT = {
    "en": {
        "headline": [
            "{ath_en} wins {champ_en} gold in {city_en}",
            "{adj} {sport_en} star {ath_sur_en} takes title in {city_en}",
            "Gold for {country_en}: {ath_en} wins at {champ_en}",
        ],
        "lead": [
            "{ath_en} of {country_en} won gold in the {cat_en} category at the {champ_en} in {city_en} on {weekday_en}.",
            "{city_en} — {adj} {sport_en} athlete {ath_en} took the {cat_en} title at the {champ_en} on {weekday_en}.",
        ],
        "detail": [
            "In the final {ath_sur_en} beat an opponent from {rival_en}.",
            "It was the athlete's {nth_en} continental medal.",
            "The championships brought together more than {n_teams} teams.",
            "Coach {spokes_en} said the win secured a place at next year's world championships.",
        ],
        "mention": "{ath_en} won {champ_en} gold in {city_en} this week.",
    },
    "ru": {
        "headline": [
            "{ath_ru} {won_ru} золото {champ_ru} в {city_prep}",
            "{ath_ru} — {champ_title_ru} в весе {cat_ru}",
            "Золото для {country_gen}: {ath_ru} {won_ru} {champ_ru}",
        ],
        "lead": [
            "Представитель {country_gen} {ath_ru} {won_ru} золото в категории {cat_ru} на {champ_loc_ru} в {city_prep}.",
            "{city_ru}. {ath_ru} {won_ru} титул в весе {cat_ru} на {champ_loc_ru}.",
        ],
        "detail": [
            "В финале {ath_sur_ru} {beat_ru} соперника из {rival_gen}.",
            "Это уже {nth_ru} медаль спортсмена на континентальных стартах.",
            "В соревнованиях участвуют более {n_teams} команд.",
            "Тренер {spokes_ru} отметил, что победа обеспечила место на чемпионате мира.",
        ],
        "mention": "На этой неделе {ath_ru} {won_ru} золото {champ_ru} в {city_prep}.",
    },
}

EUROBOND = {
    "en": {
        "headline": [
            "{country_en} sells ${amt_en} billion of eurobonds at {yield_en}%",
            "{adj} eurobond: ${amt_en} billion raised, {years}-year paper priced at {yield_en}%",
            "{country_en} returns to international debt market with ${amt_en} billion deal",
        ],
        "lead": [
            "{country_en} placed ${amt_en} billion of {years}-year eurobonds with a yield of {yield_en}%, the finance ministry said on {weekday_en}.",
            "The finance ministry of {country_en} raised ${amt_en} billion on international markets, pricing {years}-year bonds at {yield_en}%.",
        ],
        "detail": [
            "Orders exceeded ${book_en} billion, the ministry said.",
            "Investors from Europe took most of the issue.",
            "Proceeds will finance the budget deficit and refinance older debt.",
            "The bonds will be listed in London.",
        ],
        "mention": "The finance ministry of {country_en} raised ${amt_en} billion in eurobonds this week.",
    },
    "ru": {
        "headline": [
            "Минфин {country_gen} разместил евробонды на ${amt_ru} млрд под {yield_ru}%",
            "Правительство {country_gen} привлекло ${amt_ru} млрд на внешнем рынке",
            "Евробонды {country_gen}: ${amt_ru} млрд на {years} лет",
        ],
        "lead": [
            "Министерство финансов {country_gen} разместило {years}-летние еврооблигации на ${amt_ru} млрд с доходностью {yield_ru}%, сообщает ведомство.",
            "Правительство {country_gen} привлекло ${amt_ru} млрд, разместив евробонды сроком на {years} лет под {yield_ru}% годовых.",
        ],
        "detail": [
            "Спрос превысил ${book_ru} млрд, сообщили в министерстве.",
            "Основную часть выпуска выкупили европейские инвесторы.",
            "Средства пойдут на финансирование дефицита бюджета и рефинансирование долга.",
            "Облигации будут торговаться на Лондонской бирже.",
        ],
        "mention": "На этой неделе минфин {country_gen} также разместил евробонды на ${amt_ru} млрд.",
    },
}

GAS = {
    "en": {
        "headline": [
            "{s_en} to supply {b_en} with {bcm_en} bcm of gas next year",
            "{b_en} to import {bcm_en} billion cubic metres of {s_adj} gas",
            "{s_adj}–{b_adj} gas deal: {bcm_en} bcm a year",
        ],
        "lead": [
            "{s_en} will supply {b_en} with {bcm_en} billion cubic metres of natural gas next year under an agreement signed on {weekday_en}, the energy ministries said.",
            "{b_en} has agreed to buy {bcm_en} bcm of gas from {s_en} next year, officials said on {weekday_en}.",
        ],
        "detail": [
            "Deliveries will go through the existing pipeline network.",
            "This year {b_en} imported {prev_bcm_en} bcm from {s_en}.",
            "The price was not disclosed.",
            "The gas will mostly be used by power stations during the winter.",
        ],
        "mention": "{s_en} also agreed this week to supply {b_en} with {bcm_en} bcm of gas.",
    },
    "ru": {
        "headline": [
            "Поставки газа из {s_gen} в {b_ru_acc} вырастут до {bcm_ru} млрд кубометров",
            "{b_ru} закупит {bcm_ru} млрд кубометров газа {s_adj_ru} происхождения",
            "Газовое соглашение: {bcm_ru} млрд кубометров в год",
        ],
        "lead": [
            "{s_ru} поставит {b_dat} {bcm_ru} млрд кубометров природного газа в следующем году, говорится в совместном сообщении министерств энергетики.",
            "Стороны договорились, что в следующем году {b_ru} получит из {s_gen} {bcm_ru} млрд кубометров газа.",
        ],
        "detail": [
            "Поставки пойдут по действующей системе газопроводов.",
            "В этом году объём импорта составил {prev_bcm_ru} млрд кубометров.",
            "Цена не раскрывается.",
            "Газ будет использоваться в основном электростанциями зимой.",
        ],
        "mention": "На этой неделе стороны также договорились о поставках {bcm_ru} млрд кубометров газа из {s_gen}.",
    },
}

FILLER = {
    "en": [
        "Officials did not give further details.",
        "The announcement was welcomed by business associations.",
        "Local media covered the event widely.",
        "Further talks are planned for the coming months.",
        "Critics say such plans have been delayed before.",
    ],
    "ru": [
        "Подробности не сообщаются.",
        "Деловые ассоциации приветствовали это решение.",
        "Событие широко освещалось местными СМИ.",
        "Дальнейшие переговоры запланированы на ближайшие месяцы.",
        "Критики напоминают, что подобные планы уже откладывались.",
    ],
}

KINDS = {
    "rate": RATE,
    "visit": VISIT,
    "call": CALL,
    "loan": LOAN,
    "plant": PLANT,
    "quake": QUAKE,
    "trade": TRADE,
    "border": BORDER,
    "sport": SPORT,
    "eurobond": EUROBOND,
    "gas": GAS,
}
