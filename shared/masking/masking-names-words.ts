import { FEMALE_FIRST_NAMES, MALE_FIRST_NAMES } from './data/first-names-pl';
import { adjectiveForms, feminineForms, firstNameForms, foldWord, masculineForms } from './name-forms';

/**
 * The words the name rules (masking-names.ts) read, as sets of folded forms
 * (foldWord: lower case, no diacritics). Each list says what a word next to a
 * capitalised word makes of it: "Pani" before a name, "ul." before a street
 * named after a person, "Dział" in a unit's name. Nouns and adjectives are
 * listed in their dictionary form and declined by the rules of name-forms.ts.
 */

const words = (list: string): string[] => list.trim().split(/\s+/);

/**
 * A list of words as a clerk types them, asked in lower case: a word with
 * Polish letters as it is written ("Cześka" is a name, "Czeska" also the
 * adjective), a word without them also as the same word typed without
 * diacritics ("Lukasz", "Pania").
 */
export interface WordList {
  has(lower: string): boolean;
}

const POLISH_LETTERS = /[ąćęłńóśźż]/;

function folded(forms: Iterable<string>): WordList {
  const exact = new Set<string>();
  const plain = new Set<string>();
  for (const form of forms) {
    exact.add(form.toLowerCase());
    plain.add(foldWord(form));
  }
  return {
    has: (lower) => {
      if (exact.has(lower)) return true;
      const typedPlain = plainFold(lower);
      return typedPlain !== null && plain.has(typedPlain);
    },
  };
}

// The word last asked and its fold: the name rules ask one word of a dozen
// lists in a row (masking-names.ts, classify), and folding it each time was
// half of what reading a note for names cost.
let lastAsked = '';
let lastFold: string | null = '';

/** A word typed without Polish letters, folded; null for a word with them (asked only as written). */
function plainFold(lower: string): string | null {
  if (lower !== lastAsked) {
    lastFold = POLISH_LETTERS.test(lower) ? null : foldWord(lower);
    lastAsked = lower;
  }
  return lastFold;
}
const masculine = (list: string) => words(list).flatMap(masculineForms);
// Things, not people: the genitive in "-u" and the plural ("działu", "działy", "działów").
const inanimate = (list: string) => words(list).flatMap((w) => [...masculineForms(w), ...['u', 'y', 'ów', 'ach', 'om', 'ami'].map((e) => w + e)]);
const feminine = (list: string) => words(list).flatMap(feminineForms);
const adjectives = (stems: string) => words(stems).flatMap(adjectiveForms);

/** Every case form of every first name of the shipped list. */
export const FIRST_NAME_FORMS: WordList = folded([
  ...MALE_FIRST_NAMES.flatMap((n) => firstNameForms(n, 'male')),
  ...FEMALE_FIRST_NAMES.flatMap((n) => firstNameForms(n, 'female')),
]);

/**
 * Forms of first names that are also everyday words ("Mają" they have, "Inna"
 * other, "Pole" a field, "Mieszka" lives, "Róża" a rose, "Życie" life, typed
 * without diacritics too): alone at the start of a sentence, or after "pan"
 * in lower case ("pan mieszka w Zgierzu"), they are the word. With a surname
 * or after a capitalised honorific they are still a name.
 */
export const AMBIGUOUS_NAME_FORMS: WordList = folded(
  words(`
    inna inną inny inne ani idzie idą idę maja mają mai maje marka mieszka mieszku mieszkiem róża róży różę różą róże
    jagoda jagody jagodę kalina kaliny wiktoria pola pole polu polo kuba kuby kubie taras tarasie marzenie życie żyta
    żyto czeska czesku sylwester sylwestra sylwestrze franka franku kasie
  `),
);

/** "Pan", "Pani" in every case, singular and plural; "panna"; and the English forms foreigners' papers use. */
export const HONORIFICS: WordList = folded(
  words(`
    pan pana panu panem panie pani panią panowie panów panom panami panach paniom paniami paniach
    państwo państwa państwu państwem panna panny pannie pannę panną panno mr mrs ms
  `),
);

/**
 * Function titles: "Pan Dyrektor", "Pani Kierownik", "Pani Prezes" name an
 * office, not a person, and are kept; a name after them is masked ("Pan
 * Dyrektor [nazwisko]"). Declined by rule; the forms the rules cannot make
 * are listed.
 */
export const TITLES: WordList = folded([
  ...masculine(`
    dyrektor wicedyrektor kierownik prezes wiceprezes naczelnik minister wiceminister prezydent wiceprezydent premier
    burmistrz wójt marszałek pośrednik inspektor referent koordynator doktor mecenas profesor inżynier magister komornik
    notariusz kurator sekretarz rzecznik asystent konsultant urzędnik pracownik psycholog lekarz redaktor senator sołtys
    kapitan komendant policjant strażnik kanclerz audytor dziekan rektor prorektor wizytator kontroler ekspert trener
    opiekun mediator tłumacz pełnomocnik rewident prokurator adwokat aplikant syndyk likwidator administrator
    informatyk prawnik szef poseł
  `),
  ...feminine(`
    wojewoda wicewojewoda starosta wicestarosta doradca specjalista radca zastępca kierowca dyrektorka kierowniczka
    prezeska naczelniczka ministra pośredniczka specjalistka inspektorka referentka koordynatorka doktorka mecenaska
    profesorka sędzina sekretarka rzeczniczka asystentka konsultantka urzędniczka pracownica lekarka posłanka
    senatorka sołtyska policjantka strażniczka kuratorka prawniczka tłumaczka opiekunka trenerka siostra
  `),
  ...adjectives('radn przewodnicząc księgow'),
  ...words(`
    sędzia sędziego sędziemu sędzią sędzio ksiądz księdza księdzu księdzem księże pośle doradczyni doradczynię
    doradczynią radczyni radczynię radczynią zastępczyni zastępczynię zastępczynią bóg boga bogu bogiem boże
  `),
]);

/** Abbreviated titles, read as titles with or without their dot: "Pani dr Nowak", "p. mgr inż. Kowalski". */
export const TITLE_ABBREVIATIONS: WordList = folded(
  words('dr mgr inż prof hab doc dyr kier mec red ks insp spec lek płk gen mjr kpt por sierż ppłk kmdr wiceprzew przew'),
);

/**
 * What starts a street's or an institution's name: anything after "ul.",
 * "al.", "pl.", "os.", "im.", "św." is the street's or patron's name, kept
 * even when a person's ("ul. Jana Pawła II", "Szkoła im. Marii Konopnickiej").
 * These must have their dot; the words below need none.
 */
export const STREET_ABBREVIATIONS: WordList = folded(words('ul al pl os im św bulw'));
/** Street words read without a dot: "ul Piotrkowska", "ulica Marii Skłodowskiej-Curie" ("al" alone is a particle: "al Rashid"). */
export const STREET_WORDS: WordList = folded([
  ...words('ul os imienia ulicy ulicą ulicę ulicach ulic ulice aleja alei aleję aleją aleje alejach'),
  ...masculine('plac skwer bulwar park'),
  ...words('osiedle osiedla osiedlu osiedlem osiedli rondo ronda rondzie rondem świętego świętej święty święta'),
]);

/** Lower-case particles inside a name: "Jan de Virion", "Anna van der Berg". */
export const PARTICLES: ReadonlySet<string> = new Set(words('de von van der den da di del della du des la le ten ter zu bin ibn al el'));

// ---- words that are never a name -------------------------------------------------

/**
 * Institutions and their units, their generic nouns, and the acronyms a
 * clerk writes: "Dział Ewidencji i Świadczeń", "Zakład Ubezpieczeń
 * Społecznych", "Urząd Pracy", "ZUS". They end a name ("Pani Kierownik
 * Działu Ewidencji" keeps the unit) and keep a capitalised word next to them
 * from reading as a surname ("Urząd Trybunalski").
 */
const INSTITUTION_NOUNS = [
  ...inanimate(`
    dział referat wydział oddział zakład fundusz instytut uniwersytet inspektorat sekretariat powiat zarząd samorząd sąd
    szpital bank punkt ośrodek rynek skarb sejmik departament gabinet magistrat konsulat urząd
  `),
  ...feminine(`
    sekcja kancelaria agencja izba prokuratura policja fundacja spółka firma gmina rada komisja ewidencja aktywizacja
    ochrona służba linia informacja rejestracja inspekcja praca poradnia przychodnia szkoła poczta kasa akademia
    politechnika uczelnia dyrekcja administracja biblioteka delegatura filia placówka jednostka komórka wspólnota unia
    straż pomoc obsługa recepcja ambasada kuria parafia spółdzielnia
  `),
  ...words(`
    urzędu urzędowi urzędem urzędzie urzędy urzędów zespół zespołu zespołowi zespołem zespole zespoły zespołów
    centrum centra centrów biuro biura biuru biurem biurze starostwo starostwa starostwu starostwem starostwie
    ministerstwo ministerstwa ministerstwu ministerstwem ministerstwie województwo województwa województwie
    miasto miasta miastu miastem mieście kuratorium stowarzyszenie stowarzyszenia stowarzyszeniu straży strażą
    pomocy pomocą świadczenie świadczenia świadczeń świadczeniu ubezpieczenie ubezpieczenia ubezpieczeń zatrudnienie
    zatrudnienia zatrudnieniu szkolenie szkolenia szkoleń instrumentów radców cudzoziemców cudzoziemca cudzoziemcy
    danych dane spraw służb usług szkół rozwoju zdrowia kadr kadry księgowość księgowości stanowisko stanowiska
    samodzielne wsparcia wsparcie rodziny rodzin dzieci osób niepełnosprawnych bezrobotnych pracodawców
    informacyjno konsultacyjne konsultacyjny wschód wschodu zachód zachodu północ południe wojska wojsko
    zus krus mops gops mopr pcpr pup wup nfz us ue kfs efs caz pip ohp pfron cis kis eures rodo pit cv krs ceidg gus
    epuap ipd uw um ug urm nbp pkp mpk pko rp knf uokik kas ias nip pesel regon pck pzu csr rpo bip ezd sp lo
  `),
];

export const INSTITUTION_WORDS: WordList = folded(INSTITUTION_NOUNS);

/**
 * Adjectives of institutions, countries, languages and regions ("Wojewódzki",
 * "Polski", "Ukraińska"), and common ones that start a sentence ("Męski").
 * A surname that is also such an adjective is left out ("Krakowski",
 * "Mazowiecki", "Słowacki", "Brzeziński"): such a word beside an
 * institution's or a place's noun is still no name ("Tomaszów Mazowiecki"),
 * alone it is one.
 */
export const INSTITUTION_ADJECTIVES: WordList = folded(
  adjectives(`
    powiatow wojewódzk miejsk gminn krajow państwow społeczn socjaln zawodow prawn finansow skarbow celn zdrowotn
    emerytaln rentow rodzinn osobow informacyjn publiczn ogólnopolsk regionaln centraln główn okręgow rejonow
    administracyjn zagraniczn unijn terenow lokaln samorządow rządow narodow wojskow sądow podatkow naczeln generaln
    członkowsk marszałkowsk prezydenck europejsk polsk angielsk niemieck francusk ukraińsk rosyjsk białorusk litewsk
    łotewsk estońsk czesk węgiersk rumuńsk bułgarsk chorwack serbsk gruzińsk ormiańsk mołdawsk tureck arabsk chińsk
    japońsk koreańsk wietnamsk indyjsk filipińsk hiszpańsk portugalsk holendersk belgijsk szwedzk norwesk duńsk
    fińsk irlandzk szkock amerykańsk kanadyjsk brytyjsk azjatyck afrykańsk żydowsk romsk dolnośląsk
    zachodniopomorsk podkarpack wielkopolsk małopolsk świętokrzysk łódzk pabianick bełchatowsk kutnowsk skierniewick
    radomszczańsk wieluńsk poddębick pajęczańsk opoczyńsk trybunalsk aleksandrowsk konstantynowsk ozorkowsk
    wrocławsk lubusk męsk żeńsk ludzk wąsk płask macierzyńsk rodzicielsk lekarsk studenck akademick uczniowsk
    sąsiedzk chrześcijańsk katolick rzymsk radzieck sowieck senack papiesk cesarsk wiejsk blisk nisk księgow
  `),
);

/**
 * Places a note names: Łódź and its districts, the towns around it, the
 * cities and countries clients come from or go to. They end a name, but
 * right after "Pan"/"Pani" the word is a surname ("Pani Kalisz").
 */
export const PLACES: WordList = folded(
  words(`
    łódź łodzi łodzią zgierz zgierza zgierzu zgierzem warszawa warszawy warszawie warszawę warszawą pabianice pabianic
    pabianicach pabianicom bałuty bałut bałutach widzew widzewa widzewie widzewem polesie polesia polesiu śródmieście
    śródmieścia śródmieściu górna górnej górną retkinia retkinii teofilów teofilowa teofilowie radogoszcz radogoszczy
    chojny chojnach dąbrowa dąbrowie olechów olechowie stoki stokach żubardź żubardzia marysin marysinie julianów
    julianowie karolew karolewie koziny kozinach złotno złotnie mileszki nowosolna janów kraków krakowa krakowie
    gdańsk gdańska gdańsku poznań poznania poznaniu wrocław wrocławia wrocławiu szczecin szczecina szczecinie lublin
    lublina lublinie katowice katowic katowicach białystok białegostoku bydgoszcz bydgoszczy toruń torunia toruniu
    kielce kielc kielcach rzeszów rzeszowa rzeszowie olsztyn olsztyna olsztynie opole opola opolu gdynia gdyni radom
    radomia radomiu częstochowa częstochowy częstochowie sosnowiec sosnowca sosnowcu piotrków piotrkowa piotrkowie
    tomaszów tomaszowa tomaszowie bełchatów bełchatowa bełchatowie skierniewice skierniewic skierniewicach kutno kutna
    kutnie sieradz sieradza sieradzu wola woli wolą łask łasku łęczyca łęczycy łowicz łowicza łowiczu radomsko
    radomska radomsku wieluń wielunia wieluniu brzeziny brzezin brzezinach aleksandrów aleksandrowa aleksandrowie
    konstantynów konstantynowa konstantynowie ozorków ozorkowa ozorkowie głowno głowna głownie stryków strykowa
    strykowie koluszki koluszek koluszkach rzgów rzgowa rzgowie rawa rawy rawie tuszyn tuszyna tuszynie andrespol ksawerów
    ksawerowa ksawerowie polska polski polsce polskę polską ukraina ukrainy ukrainie ukrainę białoruś białorusi
    niemcy niemiec niemczech anglia anglii wielka brytania brytanii holandia holandii irlandia irlandii norwegia
    norwegii francja francji czechy czech czechach słowacja słowacji litwa litwy litwie rosja rosji gruzja gruzji
    mołdawia mołdawii indie indii wietnam wietnamu filipiny filipin turcja turcji europa europy europie europę
    unia unii szwecja szwecji dania danii belgia belgii austria austrii włochy włoch włoszech hiszpania hiszpanii
    portugalia portugalii kazachstan kazachstanu uzbekistan uzbekistanu kolumbia kolumbii indonezja indonezji nepal
    nepalu bangladesz bangladeszu
  `),
);

/**
 * Months and weekdays: capitalised at the start of a sentence they are the
 * date ("Wtorek odpada"); after a first name they are a surname ("Jan
 * Piątek"). "Maja" (of May) is a first name too: a number before it makes it
 * the date ("3 Maja").
 */
export const CALENDAR_WORDS: WordList = folded(
  words(`
    styczeń stycznia styczniu luty lutego lutym marzec marca marcu kwiecień kwietnia kwietniu maj maju czerwiec
    czerwca czerwcu lipiec lipca lipcu sierpień sierpnia sierpniu wrzesień września wrześniu październik
    października październiku listopad listopada listopadzie grudzień grudnia grudniu poniedziałek poniedziałku
    poniedziałki wtorek wtorku wtorki środa środy środę środzie czwartek czwartku czwartki piątek piątku piątki
    sobota soboty sobotę sobocie niedziela niedzieli niedzielę
  `),
);

/**
 * Nouns and verbs that end like a surname ("-ska", "-ski") and start a
 * sentence in a note: "Troska o…", "Uzyska zasiłek".
 */
export const SURNAME_SHAPED_WORDS: WordList = folded(
  words(`
    troska troski troskę troską deska deski miska miski maska maski wioska wioski łaska łaski laska laski dziecka
    placki pieska ryska wojska uzyska zyska ściska błyska pryska wyciska dociska naciska przyciska zbliska
  `),
);

/** Abbreviations after which a capitalised word does not start a sentence ("np. Anna", "ds. Cudzoziemców"). */
export const ABBREVIATIONS: WordList = folded(words('np tj ds ok godz pok tel wew nr pkt ust art str ww jw tzw wg zob por itp'));
