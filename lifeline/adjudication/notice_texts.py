"""The fixed wording of notices in every portal language (reason texts stay as the policy says)."""
# ruff: noqa: RUF001 - wording in Cyrillic and Arabic script is intended.

from __future__ import annotations

RTL_LANGUAGES = frozenset({"ar", "fa-af", "ps"})

TEXTS: dict[str, dict[str, str]] = {
    "en": {
        "title.approval": "Approval notice",
        "title.denial": "Denial notice",
        "title.closure": "Closure notice",
        "title.evidence_request": "Request for evidence",
        "title.payment": "Parole fee payment notice",
        "title.travel_authorization": "Travel authorization",
        "title.reparole_window": "Your re-parole window",
        "title.termination": "Notice of parole termination",
        "reference": "Reference",
        "program": "Program",
        "beneficiary": "Beneficiary",
        "date": "Date of notice",
        "issuer": "Issued by",
        "intro.approval": "Your request for parole was approved.",
        "intro.denial": "Your request for parole was denied. There is no appeal; you may file a "
        "new request if there are significant new facts.",
        "intro.closure": "Your request was closed.",
        "intro.evidence_request": "We need more evidence to decide your request. Please send the "
        "items below by {due_on}. If nothing arrives by then, we will decide on the evidence we "
        "have.",
        "intro.payment": "Parole takes effect only after the parole fee of ${amount_usd} is paid. "
        "Please pay by {due_on}.",
        "intro.travel_authorization": "You are authorized to travel to the United States until "
        "{expires_on}. The decision to parole you is made at the port of entry.",
        "intro.reparole_window": "Your parole ends on {ends_on}. You may ask for re-parole from "
        "{opens_on}.",
        "intro.termination": "Your parole ends on {ends_on} because the program was terminated.",
        "reasons": "Reasons",
        "reasons_english": "The reasons below are quoted in English, as the program publishes "
        "them.",
        "items": "Evidence requested",
        "verify": "Verify this notice",
        "verify_how": "Scan the code, or open {url} and enter the code {code}.",
    },
    "es": {
        "title.approval": "Aviso de aprobación",
        "title.denial": "Aviso de denegación",
        "title.closure": "Aviso de cierre",
        "title.evidence_request": "Solicitud de pruebas",
        "title.payment": "Aviso de pago de la tarifa de permiso de permanencia temporal",
        "title.travel_authorization": "Autorización de viaje",
        "title.reparole_window": "Su plazo para pedir un nuevo permiso",
        "title.termination": "Aviso de terminación del permiso de permanencia temporal",
        "reference": "Referencia",
        "program": "Programa",
        "beneficiary": "Beneficiario",
        "date": "Fecha del aviso",
        "issuer": "Emitido por",
        "intro.approval": "Su solicitud de permiso de permanencia temporal fue aprobada.",
        "intro.denial": "Su solicitud de permiso de permanencia temporal fue denegada. No hay "
        "apelación; puede presentar una nueva solicitud si hay hechos nuevos importantes.",
        "intro.closure": "Su solicitud fue cerrada.",
        "intro.evidence_request": "Necesitamos más pruebas para decidir su solicitud. Envíe los "
        "documentos indicados abajo antes del {due_on}. Si no recibimos nada para esa fecha, "
        "decidiremos con las pruebas que tenemos.",
        "intro.payment": "El permiso entra en vigor solo después de pagar la tarifa de "
        "${amount_usd}. Pague antes del {due_on}.",
        "intro.travel_authorization": "Está autorizado a viajar a los Estados Unidos hasta el "
        "{expires_on}. La decisión de admitirle se toma en el puerto de entrada.",
        "intro.reparole_window": "Su permiso termina el {ends_on}. Puede pedir un nuevo permiso "
        "a partir del {opens_on}.",
        "intro.termination": "Su permiso termina el {ends_on} porque el programa fue terminado.",
        "reasons": "Motivos",
        "reasons_english": "Los motivos se citan abajo en inglés, tal como los publica el "
        "programa.",
        "items": "Pruebas solicitadas",
        "verify": "Verifique este aviso",
        "verify_how": "Escanee el código, o abra {url} e ingrese el código {code}.",
    },
    "fr": {
        "title.approval": "Avis d'approbation",
        "title.denial": "Avis de refus",
        "title.closure": "Avis de clôture",
        "title.evidence_request": "Demande de preuves",
        "title.payment": "Avis de paiement des frais de libération conditionnelle",
        "title.travel_authorization": "Autorisation de voyage",
        "title.reparole_window": "Votre période de demande de renouvellement",
        "title.termination": "Avis de fin de la libération conditionnelle",
        "reference": "Référence",
        "program": "Programme",
        "beneficiary": "Bénéficiaire",
        "date": "Date de l'avis",
        "issuer": "Émis par",
        "intro.approval": "Votre demande de libération conditionnelle (parole) a été approuvée.",
        "intro.denial": "Votre demande de libération conditionnelle (parole) a été refusée. Il n'y "
        "a pas d'appel ; vous pouvez déposer une nouvelle demande en cas de faits nouveaux "
        "importants.",
        "intro.closure": "Votre demande a été clôturée.",
        "intro.evidence_request": "Il nous faut d'autres preuves pour décider de votre demande. "
        "Envoyez les éléments ci-dessous avant le {due_on}. Sans réponse à cette date, nous "
        "déciderons avec les preuves dont nous disposons.",
        "intro.payment": "La libération conditionnelle ne prend effet qu'après le paiement des "
        "frais de {amount_usd} $. Payez avant le {due_on}.",
        "intro.travel_authorization": "Vous êtes autorisé à voyager vers les États-Unis jusqu'au "
        "{expires_on}. La décision de vous admettre est prise au point d'entrée.",
        "intro.reparole_window": "Votre libération conditionnelle prend fin le {ends_on}. Vous "
        "pouvez en demander le renouvellement à partir du {opens_on}.",
        "intro.termination": "Votre libération conditionnelle prend fin le {ends_on} car le "
        "programme a été supprimé.",
        "reasons": "Motifs",
        "reasons_english": "Les motifs ci-dessous sont cités en anglais, tels que le programme "
        "les publie.",
        "items": "Preuves demandées",
        "verify": "Vérifier cet avis",
        "verify_how": "Scannez le code, ou ouvrez {url} et saisissez le code {code}.",
    },
    "ht": {
        "title.approval": "Avi apwobasyon",
        "title.denial": "Avi refi",
        "title.closure": "Avi fèmti",
        "title.evidence_request": "Demann prèv",
        "title.payment": "Avi pou peye frè parol la",
        "title.travel_authorization": "Otorizasyon pou vwayaje",
        "title.reparole_window": "Peryòd pou mande yon nouvo parol",
        "title.termination": "Avi fen parol",
        "reference": "Referans",
        "program": "Pwogram",
        "beneficiary": "Benefisyè",
        "date": "Dat avi a",
        "issuer": "Bay pa",
        "intro.approval": "Yo apwouve demann parol ou a.",
        "intro.denial": "Yo refize demann parol ou a. Pa gen apèl; ou ka fè yon nouvo demann si "
        "gen nouvo fè enpòtan.",
        "intro.closure": "Yo fèmen demann ou a.",
        "intro.evidence_request": "Nou bezwen plis prèv pou nou deside sou demann ou a. Tanpri "
        "voye dokiman ki anba yo anvan {due_on}. Si nou pa resevwa anyen anvan dat sa a, n ap "
        "deside ak prèv nou genyen yo.",
        "intro.payment": "Parol la kòmanse sèlman apre ou fin peye frè ${amount_usd} la. Tanpri "
        "peye anvan {due_on}.",
        "intro.travel_authorization": "Ou gen otorizasyon pou vwayaje Ozetazini jiska "
        "{expires_on}. Se nan pò antre a yo deside si y ap ba ou parol.",
        "intro.reparole_window": "Parol ou fini {ends_on}. Ou ka mande yon nouvo parol apati "
        "{opens_on}.",
        "intro.termination": "Parol ou fini {ends_on} paske yo fini pwogram nan.",
        "reasons": "Rezon",
        "reasons_english": "Rezon yo anba a an angle, jan pwogram nan pibliye yo.",
        "items": "Prèv yo mande",
        "verify": "Verifye avi sa a",
        "verify_how": "Eskane kòd la, oswa louvri {url} epi antre kòd {code} la.",
    },
    "uk": {
        "title.approval": "Повідомлення про схвалення",
        "title.denial": "Повідомлення про відмову",
        "title.closure": "Повідомлення про закриття",
        "title.evidence_request": "Запит додаткових доказів",
        "title.payment": "Повідомлення про сплату збору за пароль",
        "title.travel_authorization": "Дозвіл на поїздку",
        "title.reparole_window": "Ваш строк для подання на повторний пароль",
        "title.termination": "Повідомлення про припинення паролю",
        "reference": "Номер справи",
        "program": "Програма",
        "beneficiary": "Бенефіціар",
        "date": "Дата повідомлення",
        "issuer": "Видано",
        "intro.approval": "Ваш запит на гуманітарний пароль схвалено.",
        "intro.denial": "У вашому запиті на гуманітарний пароль відмовлено. Оскарження "
        "неможливе; ви можете подати новий запит, якщо з'явилися суттєві нові обставини.",
        "intro.closure": "Ваш запит закрито.",
        "intro.evidence_request": "Для ухвалення рішення нам потрібні додаткові докази. "
        "Надішліть наведені нижче документи до {due_on}. Якщо до цієї дати нічого не надійде, "
        "ми ухвалимо рішення на підставі наявних доказів.",
        "intro.payment": "Пароль набуває чинності лише після сплати збору ${amount_usd}. "
        "Сплатіть до {due_on}.",
        "intro.travel_authorization": "Вам дозволено поїздку до Сполучених Штатів до "
        "{expires_on}. Рішення про пароль ухвалюють у пункті в'їзду.",
        "intro.reparole_window": "Ваш пароль закінчується {ends_on}. Подати запит на повторний "
        "пароль можна з {opens_on}.",
        "intro.termination": "Ваш пароль закінчується {ends_on}, бо програму припинено.",
        "reasons": "Підстави",
        "reasons_english": "Підстави наведено нижче англійською мовою, як їх публікує програма.",
        "items": "Потрібні докази",
        "verify": "Перевірте це повідомлення",
        "verify_how": "Відскануйте код або відкрийте {url} і введіть код {code}.",
    },
    "ru": {
        "title.approval": "Уведомление об одобрении",
        "title.denial": "Уведомление об отказе",
        "title.closure": "Уведомление о закрытии",
        "title.evidence_request": "Запрос дополнительных доказательств",
        "title.payment": "Уведомление об оплате сбора за пароль",
        "title.travel_authorization": "Разрешение на поездку",
        "title.reparole_window": "Ваш срок для подачи на повторный пароль",
        "title.termination": "Уведомление о прекращении пароля",
        "reference": "Номер дела",
        "program": "Программа",
        "beneficiary": "Бенефициар",
        "date": "Дата уведомления",
        "issuer": "Выдано",
        "intro.approval": "Ваш запрос на гуманитарный пароль одобрен.",
        "intro.denial": "В вашем запросе на гуманитарный пароль отказано. Обжалование "
        "невозможно; вы можете подать новый запрос при существенных новых обстоятельствах.",
        "intro.closure": "Ваш запрос закрыт.",
        "intro.evidence_request": "Для принятия решения нам нужны дополнительные доказательства. "
        "Пришлите документы, перечисленные ниже, до {due_on}. Если к этой дате ничего не "
        "поступит, мы примем решение по имеющимся доказательствам.",
        "intro.payment": "Пароль вступает в силу только после оплаты сбора ${amount_usd}. "
        "Оплатите до {due_on}.",
        "intro.travel_authorization": "Вам разрешена поездка в Соединённые Штаты до "
        "{expires_on}. Решение о пароле принимается в пункте въезда.",
        "intro.reparole_window": "Ваш пароль заканчивается {ends_on}. Подать запрос на повторный "
        "пароль можно с {opens_on}.",
        "intro.termination": "Ваш пароль заканчивается {ends_on}, так как программа прекращена.",
        "reasons": "Основания",
        "reasons_english": "Основания приведены ниже на английском языке, как их публикует "
        "программа.",
        "items": "Запрошенные доказательства",
        "verify": "Проверьте это уведомление",
        "verify_how": "Отсканируйте код или откройте {url} и введите код {code}.",
    },
    "ar": {
        "title.approval": "إشعار بالموافقة",
        "title.denial": "إشعار بالرفض",
        "title.closure": "إشعار بإغلاق الطلب",
        "title.evidence_request": "طلب أدلة إضافية",
        "title.payment": "إشعار بدفع رسوم الإفراج المشروط",
        "title.travel_authorization": "تصريح السفر",
        "title.reparole_window": "موعد طلب تجديد الإفراج المشروط",
        "title.termination": "إشعار بإنهاء الإفراج المشروط",
        "reference": "رقم الملف",
        "program": "البرنامج",
        "beneficiary": "المستفيد",
        "date": "تاريخ الإشعار",
        "issuer": "صادر عن",
        "intro.approval": "تمت الموافقة على طلبك للإفراج المشروط الإنساني.",
        "intro.denial": "تم رفض طلبك للإفراج المشروط الإنساني. لا يوجد استئناف، ويمكنك تقديم "
        "طلب جديد إذا ظهرت وقائع جديدة مهمة.",
        "intro.closure": "تم إغلاق طلبك.",
        "intro.evidence_request": "نحتاج إلى أدلة إضافية للبت في طلبك. يرجى إرسال المستندات "
        "المذكورة أدناه قبل {due_on}. إذا لم يصلنا شيء حتى ذلك التاريخ فسنقرر بناءً على الأدلة "
        "المتوفرة لدينا.",
        "intro.payment": "لا يسري الإفراج المشروط إلا بعد دفع رسوم قدرها {amount_usd} دولار. "
        "يرجى الدفع قبل {due_on}.",
        "intro.travel_authorization": "يُسمح لك بالسفر إلى الولايات المتحدة حتى {expires_on}. "
        "يُتخذ قرار الإفراج المشروط في منفذ الدخول.",
        "intro.reparole_window": "ينتهي إفراجك المشروط في {ends_on}. يمكنك طلب تجديده اعتباراً "
        "من {opens_on}.",
        "intro.termination": "ينتهي إفراجك المشروط في {ends_on} لأن البرنامج أُنهي.",
        "reasons": "الأسباب",
        "reasons_english": "الأسباب أدناه مقتبسة باللغة الإنجليزية كما ينشرها البرنامج.",
        "items": "الأدلة المطلوبة",
        "verify": "تحقق من هذا الإشعار",
        "verify_how": "امسح الرمز، أو افتح {url} وأدخل الرمز {code}.",
    },
    "fa-af": {
        "title.approval": "اطلاعیهٔ تأیید",
        "title.denial": "اطلاعیهٔ رد",
        "title.closure": "اطلاعیهٔ بسته شدن درخواست",
        "title.evidence_request": "درخواست اسناد بیشتر",
        "title.payment": "اطلاعیهٔ پرداخت فیس پارول",
        "title.travel_authorization": "اجازهٔ سفر",
        "title.reparole_window": "زمان درخواست تمدید پارول",
        "title.termination": "اطلاعیهٔ ختم پارول",
        "reference": "شمارهٔ دوسیه",
        "program": "برنامه",
        "beneficiary": "مستفید",
        "date": "تاریخ اطلاعیه",
        "issuer": "صادر شده توسط",
        "intro.approval": "درخواست پارول بشردوستانهٔ شما تأیید شد.",
        "intro.denial": "درخواست پارول بشردوستانهٔ شما رد شد. امکان استیناف وجود ندارد؛ اگر "
        "واقعیت‌های مهم تازه‌ای باشد، می‌توانید درخواست تازه بدهید.",
        "intro.closure": "درخواست شما بسته شد.",
        "intro.evidence_request": "برای تصمیم‌گیری دربارهٔ درخواست شما به اسناد بیشتری نیاز "
        "داریم. لطفاً اسناد زیر را تا {due_on} بفرستید. اگر تا آن تاریخ چیزی نرسد، بر اساس "
        "اسناد موجود تصمیم می‌گیریم.",
        "intro.payment": "پارول تنها پس از پرداخت فیس {amount_usd} دالر نافذ می‌شود. لطفاً تا "
        "{due_on} پرداخت کنید.",
        "intro.travel_authorization": "شما تا {expires_on} اجازهٔ سفر به ایالات متحده را دارید. "
        "تصمیم پارول در بندر ورود گرفته می‌شود.",
        "intro.reparole_window": "پارول شما در {ends_on} پایان می‌یابد. از {opens_on} می‌توانید "
        "درخواست تمدید پارول بدهید.",
        "intro.termination": "پارول شما در {ends_on} پایان می‌یابد، زیرا برنامه ختم شده است.",
        "reasons": "دلایل",
        "reasons_english": "دلایل زیر به زبان انگلیسی، همان‌گونه که برنامه نشر کرده، آمده است.",
        "items": "اسناد خواسته شده",
        "verify": "این اطلاعیه را تصدیق کنید",
        "verify_how": "کود را اسکن کنید، یا {url} را باز کنید و کود {code} را وارد کنید.",
    },
    "ps": {
        "title.approval": "د منظورۍ خبرتیا",
        "title.denial": "د ردولو خبرتیا",
        "title.closure": "د غوښتنلیک د تړلو خبرتیا",
        "title.evidence_request": "د نورو اسنادو غوښتنه",
        "title.payment": "د پارول د فیس د ورکړې خبرتیا",
        "title.travel_authorization": "د سفر اجازه",
        "title.reparole_window": "د پارول د تمدید د غوښتنې وخت",
        "title.termination": "د پارول د پای خبرتیا",
        "reference": "د دوسیې شمېره",
        "program": "پروګرام",
        "beneficiary": "ګټه اخیستونکی",
        "date": "د خبرتیا نېټه",
        "issuer": "صادرونکی",
        "intro.approval": "ستاسو د بشري پارول غوښتنلیک منظور شو.",
        "intro.denial": "ستاسو د بشري پارول غوښتنلیک رد شو. استیناف نشته؛ که مهم نوي حقایق "
        "وي، نوی غوښتنلیک ورکولی شئ.",
        "intro.closure": "ستاسو غوښتنلیک وتړل شو.",
        "intro.evidence_request": "ستاسو د غوښتنلیک د پرېکړې لپاره نورو اسنادو ته اړتیا لرو. "
        "مهرباني وکړئ لاندې اسناد تر {due_on} پورې راولېږئ. که تر هغې نېټې څه را ونه رسېږي، "
        "د موجودو اسنادو پر بنسټ به پرېکړه وکړو.",
        "intro.payment": "پارول یوازې د {amount_usd} ډالرو فیس له ورکړې وروسته نافذېږي. "
        "مهرباني وکړئ تر {due_on} پورې یې ورکړئ.",
        "intro.travel_authorization": "تاسو تر {expires_on} پورې متحده ایالاتو ته د سفر اجازه "
        "لرئ. د پارول پرېکړه د ننوتلو په بندر کې کېږي.",
        "intro.reparole_window": "ستاسو پارول په {ends_on} پای ته رسېږي. له {opens_on} څخه د "
        "تمدید غوښتنه کولی شئ.",
        "intro.termination": "ستاسو پارول په {ends_on} پای ته رسېږي، ځکه چې پروګرام پای ته "
        "رسول شوی.",
        "reasons": "دلایل",
        "reasons_english": "لاندې دلایل په انګلیسي ژبه دي، لکه څنګه چې پروګرام خپاره کړي.",
        "items": "غوښتل شوي اسناد",
        "verify": "دا خبرتیا تایید کړئ",
        "verify_how": "کوډ سکن کړئ، یا {url} پرانیزئ او {code} کوډ ولیکئ.",
    },
}


def texts_for(language: str) -> dict[str, str]:
    """The notice wording in `language` (its base language, else English)."""
    return TEXTS.get(language) or TEXTS.get(language.split("-")[0]) or TEXTS["en"]


def notice_subject(kind: str, language: str, reference: str) -> str:
    return f"{texts_for(language)[f'title.{kind}']} — {reference}"
