"""Sentence pools for synthetic request narratives, by language and request category."""
# ruff: noqa: RUF001 - names and sentences in Cyrillic and Arabic script are intended.

from __future__ import annotations

# Slots: {name} {city} {country} {us_city} {diagnosis} {month_year} {date} {years} {job}
# {supporter}. Every sentence uses only these; unused slots are ignored.
SENTENCES: dict[str, dict[str, tuple[str, ...]]] = {
    "en": {
        "medical": (
            "{name} was diagnosed with {diagnosis} in {month_year}.",
            "The doctors in {city} told us that the treatment {name} needs is not available "
            "in {country}.",
            "A hospital in {us_city} has agreed to treat {name} and the first appointment is on "
            "{date}.",
            "We attach a letter from the treating physician describing the diagnosis and the "
            "expected length of treatment.",
            "Without this treatment the doctors expect the condition to become life-threatening "
            "within months.",
            "The cost of treatment will be paid by {supporter} and by the hospital's charity "
            "program.",
            "The nearest country where this operation is performed has refused us a visa twice.",
            "{name} has been in and out of hospital in {city} since {month_year}.",
        ),
        "protection": (
            "Since {month_year} I have received threats because of my work as a {job}.",
            "Armed men came to our home in {city} twice and asked for me by name.",
            "My name appeared on a list that was published online in {month_year}.",
            "I cannot move safely inside {country}; they found me when I moved to another city.",
            "My brother was detained in {month_year} and we have not heard from him since.",
            "A local organisation documented the threats and wrote a letter for this request.",
            "I worked for {years} years as a {job} with a foreign organisation in {city}.",
            "We change where we sleep every few nights and the children no longer go to school.",
        ),
        "family_reunification": (
            "My family in {us_city} has been waiting for us for {years} years.",
            "{supporter} is a relative who will give us a place to live in {us_city}.",
            "We were separated in {month_year} when part of the family left {country}.",
            "The petition for {name} was approved but the visa will not be available for years.",
            "Our children have not seen their grandparents since {month_year}.",
            "We speak with the family in {us_city} every week and they are ready to help us.",
        ),
        "public_benefit": (
            "{name} has been asked to testify in a court case in {us_city} on {date}.",
            "The prosecutor's office wrote that this testimony is essential to the case.",
            "{name} has agreed to donate an organ to a relative being treated in {us_city}.",
            "The transplant team has scheduled the procedure for {date}.",
        ),
        "other": (
            "Our home in {city} was damaged in {month_year} and we could not stay.",
            "We left {city} in {month_year} and have been living with relatives since then.",
            "{supporter} has offered us housing and help finding work in {us_city}.",
            "There is no work in {city} and the situation gets worse every month.",
            "We have all our documents ready and our passports are valid.",
            "My father's funeral will take place on {date} and I need to be there.",
            "My mother is dying in a hospital in {us_city} and wants to see me one last time.",
            "The electricity in {city} is cut most of the day and the children are afraid.",
        ),
    },
    "uk": {
        "medical": (
            "Діагноз встановили лікарі в місті {city} ({month_year}), хвороба важка.",
            "Необхідного лікування в Україні немає.",
            "Лікарня в {us_city} погодилася прийняти нас {date}.",
            "Без операції стан погіршиться протягом кількох місяців.",
        ),
        "protection": (
            "Після {month_year} я отримую погрози через свою роботу.",
            "Наш будинок у місті {city} двічі обшукували невідомі.",
            "Я не можу безпечно жити в іншому місті країни.",
        ),
        "family_reunification": (
            "Наша родина в {us_city} чекає на нас уже {years} роки.",
            "{supporter} надасть нам житло та допомогу.",
        ),
        "public_benefit": ("Мене запросили свідчити в суді в {us_city} {date}.",),
        "other": (
            "Наш будинок у місті {city} зруйновано обстрілом у {month_year}.",
            "Ми виїхали з міста {city} і живемо у родичів.",
            "{supporter} готовий прийняти нас у {us_city} та допомогти з роботою.",
            "Діти бояться сирен і не можуть спати вночі.",
            "Усі документи готові, паспорти дійсні.",
        ),
    },
    "ru": {
        "medical": (
            "Диагноз поставили врачи в городе {city} ({month_year}), болезнь тяжёлая.",
            "Нужного лечения в нашей стране нет.",
            "Больница в {us_city} согласилась принять нас {date}.",
        ),
        "protection": (
            "С {month_year} мне угрожают из-за моей работы.",
            "Неизвестные дважды приходили к нам домой в городе {city}.",
            "Переехать в другой город безопасно я не могу.",
        ),
        "family_reunification": (
            "Наша семья в {us_city} ждёт нас уже {years} года.",
            "{supporter} предоставит нам жильё и поддержку.",
        ),
        "public_benefit": ("Меня вызвали свидетелем в суд в {us_city} на {date}.",),
        "other": (
            "Наш дом в городе {city} пострадал в {month_year}, оставаться там нельзя.",
            "Мы уехали из города {city} и живём у родственников.",
            "{supporter} готов принять нас в {us_city}.",
            "Все документы готовы, паспорта действительны.",
        ),
    },
    "es": {
        "medical": (
            "En {month_year} los médicos de {city} diagnosticaron a {name} una enfermedad grave.",
            "El tratamiento que necesita no existe en {country}.",
            "Un hospital en {us_city} aceptó atenderle el {date}.",
            "Sin la operación su estado empeorará en pocos meses.",
        ),
        "protection": (
            "Desde {month_year} recibo amenazas por mi trabajo.",
            "Hombres armados vinieron dos veces a nuestra casa en {city}.",
            "No puedo mudarme a otra ciudad de {country} con seguridad.",
            "Mi hermano fue detenido en {month_year} y no sabemos nada de él.",
        ),
        "family_reunification": (
            "Nuestra familia en {us_city} nos espera desde hace {years} años.",
            "{supporter} nos dará vivienda y apoyo en {us_city}.",
            "La petición fue aprobada pero la visa tardará años.",
        ),
        "public_benefit": ("Me citaron para declarar en un juicio en {us_city} el {date}.",),
        "other": (
            "La situación en {city} empeora cada mes y no hay trabajo.",
            "No hay medicinas ni comida suficiente en {city}.",
            "{supporter} nos ofrece vivienda y ayuda para encontrar trabajo en {us_city}.",
            "Tenemos todos los documentos listos y los pasaportes vigentes.",
            "Los apagones en {city} duran casi todo el día.",
        ),
    },
    "ht": {
        "medical": (
            "Nan {month_year} doktè yo nan {city} di {name} gen yon maladi grav.",
            "Pa gen tretman sa a an Ayiti.",
            "Yon lopital nan {us_city} dakò pou resevwa l le {date}.",
        ),
        "protection": (
            "Depi {month_year} gang yo ap menase m akoz travay mwen.",
            "Gang yo boule kay nou nan {city}.",
            "Mwen pa ka al viv nan okenn lòt vil san danje.",
        ),
        "family_reunification": (
            "Fanmi nou nan {us_city} ap tann nou depi {years} lane.",
            "{supporter} ap ban nou kote pou nou rete.",
        ),
        "public_benefit": ("Yo mande m vin temwaye nan yon tribinal nan {us_city} le {date}.",),
        "other": (
            "Sitiyasyon an nan {city} vin pi mal chak mwa.",
            "Nou pa ka soti lakay nou akoz bal k ap tire.",
            "{supporter} ap ede nou jwenn travay nan {us_city}.",
        ),
    },
    "fa": {
        "medical": (
            "در {month_year} داکتران در {city} گفتند که {name} به یک بیماری جدی مبتلا است.",
            "این تداوی در افغانستان موجود نیست.",
            "یک شفاخانه در {us_city} قبول کرده که به تاریخ {date} او را تداوی کند.",
        ),
        "protection": (
            "از {month_year} به خاطر کارم تهدید می‌شوم.",
            "افراد مسلح دو بار به خانه ما در {city} آمدند و نام مرا پرسیدند.",
            "من برای {years} سال با یک موسسه خارجی کار کرده‌ام.",
            "ما هر چند شب جای خواب خود را تغییر می‌دهیم.",
        ),
        "family_reunification": (
            "خانواده ما در {us_city} برای {years} سال منتظر ما هستند.",
            "{supporter} برای ما جای بود و باش فراهم می‌کند.",
        ),
        "public_benefit": (
            "از من خواسته شده که به تاریخ {date} در محکمه‌ای در {us_city} شهادت بدهم.",
        ),
        "other": (
            "وضعیت در {city} هر ماه بدتر می‌شود.",
            "{supporter} به ما در {us_city} کمک می‌کند.",
        ),
    },
}

# Short generic statements many honest applicants write; repeats of these are not evidence.
GENERIC = {
    "en": (
        "Family reunification.",
        "Escaping the war.",
        "Medical treatment.",
        "Humanitarian reasons.",
        "To join my family in the United States.",
    ),
    "uk": ("Рятуємося від війни.", "Возз'єднання з родиною."),
    "ru": ("Спасаемся от войны.", "Воссоединение с семьёй."),
    "es": ("Reunificación familiar.", "Razones humanitarias."),
    "ht": ("Rejwenn fanmi mwen.",),
    "fa": ("پیوستن به خانواده.",),
}

# Boilerplate that a ring pastes into every form it files.
RING_SCRIPTS = (
    "I am writing to request humanitarian parole for the beneficiary, who is a close friend of "
    "my family. I have known the beneficiary for many years and I will provide housing, food, "
    "transportation and medical insurance for the whole stay. I have sufficient income and "
    "savings to support the beneficiary and I understand my obligations as a supporter.",
    "The beneficiary is in danger in their country and cannot stay there any longer. The "
    "economic and political situation makes it impossible to live safely. I commit to help the "
    "beneficiary with everything needed until they are able to work and support themselves in "
    "the United States. Please approve this request as soon as possible.",
    "Solicito el parole humanitario para el beneficiario porque su vida corre peligro. Me "
    "comprometo a darle vivienda, alimentación y transporte durante toda su estancia en los "
    "Estados Unidos. Tengo ingresos suficientes y conozco mis obligaciones como patrocinador.",
    "My cousin and her family have suffered a lot in the last years and they need to leave as "
    "soon as possible. I will receive them in my house and I will pay for everything they need. "
    "I have a stable job and enough money to support them without any public assistance.",
)
