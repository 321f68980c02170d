/**
 * The words the name rules cannot work out alone: which first names are whose
 * (the honorific is read from them), and the few names Polish declines against
 * its own patterns. Everything is lower case; the rules fold typed names to it.
 *
 * Kept short on purpose: a name missing here is still declined by the rules in
 * `polish-names-rules.ts`; it is only less certain, and the clerk sees it editable.
 */

function words(list: string): ReadonlySet<string> {
  return new Set(list.split(/\s+/u).filter(Boolean));
}

/**
 * Men's first names, including those declined like "Anna" (Kuba → Kubą,
 * Barnaba, Bonawentura, Kosma, Jarema, Boryna): their -a does not make them a
 * woman's. Everyday short forms are here too (Tomek, Wojtek, Staś), since
 * people give them on the phone; and the names of Ukrainian clients in
 * their Polish spelling, common at the counter.
 */
export const MEN_FIRST_NAMES = words(`
  adam adrian alan albert albin aleksander alfred alojzy ambroży andrzej antoni arkadiusz arnold artur august augustyn
  bartłomiej bartosz benedykt bernard błażej bogdan bogumił bogusław bolesław borys bronisław bruno
  cezary czesław damian daniel dariusz dawid dionizy dominik donald edmund edward emil eryk ernest eugeniusz eustachy
  fabian feliks ferdynand filip florian franciszek fryderyk gabriel gerard gracjan grzegorz gustaw
  henryk herbert hieronim hilary hipolit hubert ignacy igor ireneusz iwo jacek jakub jan janusz jarosław
  jędrzej jerzy joachim józef julian juliusz kacper kajetan kamil karol kazimierz konrad konstanty kornel
  krystian krzysztof ksawery lech leon leonard leopold leszek lesław lew lucjan ludwik łukasz maciej
  maksymilian marcel marcin marek marian mariusz mateusz maurycy michał mieczysław mieszko mikołaj miłosz
  mirosław natan nikodem norbert olaf oliwer oskar otto hugo patryk paweł piotr przemysław radosław rafał remigiusz
  robert roman rudolf ryszard samuel sebastian seweryn sławomir stanisław stefan szczepan szymon tadeusz teodor
  tobiasz tomasz tymon tymoteusz tytus wacław waldemar walenty walerian wawrzyniec wiesław wiktor wincenty witold
  wit władysław włodzimierz wojciech zbigniew zdzisław zenon zygmunt gaweł
  kuba barnaba bonawentura kosma jarema boryna dyzma zawisza
  tomek bartek wojtek antek franek józek maciek staszek stasiek zbyszek zbyszko jaś staś
  ołeksandr ołeksij serhij andrij dmytro mykoła mykyta taras bohdan ihor witalij jurij wasyl petro
  pawło mychajło danyło iwan maksym artem denys ołeh anatolij wołodymyr
`);

/**
 * Women's first names. Those not ending in -a (Beatrycze, Miriam, Ruth,
 * Noemi…) are not declined at all, which the rules do for every woman's name
 * that does not end in -a; they are listed so the honorific can be read from them.
 */
export const WOMEN_FIRST_NAMES = words(`
  ada adela adrianna agata agnieszka aldona aleksandra alicja alina amelia aneta angelika aniela anita anna
  antonina barbara beata blanka bogna bogumiła bogusława bożena bronisława cecylia celina czesława dagmara
  danuta daria diana dominika dorota edyta eleonora eliza elżbieta emilia emma ewa ewelina felicja
  franciszka gabriela genowefa gertruda grażyna halina hanna helena henryka honorata ida iga ilona inga
  irena irmina iwona izabela jadwiga jagoda janina joanna jolanta jowita józefa julia julianna justyna
  kamila karolina katarzyna kazimiera kinga klara klaudia kornelia krystyna ksenia laura lena leokadia
  lidia lilia liliana lilianna lucyna ludmiła luiza łucja magdalena maja malwina małgorzata maria marianna
  marlena marta martyna maryla marzena michalina milena mirosława monika nadia natalia nela nikola nina olga
  oliwia otylia patrycja paula paulina pola regina renata roksana rozalia róża sabina sandra sara stanisława
  stefania stella sylwia tamara teodora teresa urszula wanda weronika wiesława wiktoria wioletta wisława
  władysława zdzisława zenona zenobia zofia zuzanna zyta żaneta
  kasia basia ola gosia zosia ania asia magda ula jola ela
  ołena olha tetiana switłana oksana iryna hałyna ludmyła łesia kateryna anastazja daryna sofija
  beatrycze miriam ruth rut nel noemi abigail karmen carmen dagmar ingrid astrid gertrud rachel
`);

/** How a word is declined when the rules would get it wrong, and whether that form is certain. */
export interface Exception {
  readonly form: string;
  readonly sure: boolean;
}

function table(entries: ReadonlyArray<readonly [string, string, boolean?]>): ReadonlyMap<string, Exception> {
  return new Map(entries.map(([name, form, sure]) => [name, { form, sure: sure ?? true }]));
}

/**
 * Men's first names whose instrumental is lexical: the mobile e of Paweł and
 * Kacper, the old -on stem of Bruno, names in -o declined like Mieszko, and
 * Ołeh, whose -h reads as a foreign ending but is declined as any consonant.
 * Ukrainian names in -o follow Mieszko in the advice we know of, but usage
 * varies, so the clerk confirms them.
 */
export const MEN_FIRST_NAME_FORMS = table([
  ['paweł', 'pawłem'],
  ['gaweł', 'gawłem'],
  ['kacper', 'kacprem'],
  ['wawrzyniec', 'wawrzyńcem'],
  ['lew', 'lwem'],
  ['bruno', 'brunonem'],
  ['otto', 'ottonem'],
  ['hugo', 'hugonem'],
  ['iwo', 'iwonem'],
  ['ołeh', 'ołehem'],
  ['mieszko', 'mieszkiem'],
  ['zbyszko', 'zbyszkiem'],
  ['dmytro', 'dmytrem', false],
  ['petro', 'petrem', false],
  ['pawło', 'pawłem', false],
  ['danyło', 'danyłem', false],
  ['mychajło', 'mychajłem', false],
]);

/**
 * Men's surnames Polish declines by the word, not by the ending: the mobile e
 * (Wróbel → Wróblem, Stępień → Stępniem, but Kamień → Kamieniem), ó and ą that
 * turn into o and ę (Mróz → Mrozem, Dąb → Dębem, but Król → Królem), and the
 * surnames in -o of famous bearers (Fredro → Fredrą). Where people say both
 * (Koziełem and Kozłem), or where the bearer of a surname that is also a noun
 * often keeps the e (Pies: Piesem, not the noun's Psem), the form is marked unsure.
 */
export const MEN_SURNAME_FORMS = table([
  ['wróbel', 'wróblem'],
  ['węgiel', 'węglem'],
  ['szmigiel', 'szmiglem'],
  ['kozieł', 'kozłem', false],
  ['kozioł', 'kozłem', false],
  ['kocioł', 'kotłem', false],
  ['orzeł', 'orłem'],
  ['szczygieł', 'szczygłem'],
  ['paweł', 'pawłem'],
  ['gaweł', 'gawłem'],
  ['stępień', 'stępniem'],
  ['ogień', 'ogniem'],
  ['kwiecień', 'kwietniem', false],
  ['dzień', 'dniem', false],
  ['kamień', 'kamieniem'],
  ['jeleń', 'jeleniem'],
  ['grzebień', 'grzebieniem'],
  ['marzec', 'marcem'],
  ['pies', 'piesem', false],
  ['owies', 'owsem', false],
  ['lew', 'lwem'],
  ['mróz', 'mrozem'],
  ['bóbr', 'bobrem'],
  ['bór', 'borem'],
  ['wół', 'wołem'],
  ['sokół', 'sokołem'],
  ['król', 'królem'],
  ['stróż', 'stróżem'],
  ['żółw', 'żółwiem'],
  ['dąb', 'dębem'],
  ['gołąb', 'gołębiem'],
  ['jastrząb', 'jastrzębiem'],
  ['wąż', 'wężem'],
  ['linde', 'lindem'],
  ['fredro', 'fredrą'],
  ['matejko', 'matejką'],
  ['kościuszko', 'kościuszką'],
  ['moniuszko', 'moniuszką'],
]);

/**
 * Particles of foreign and old noble names ("de Virion", "von Trapp", "van der
 * Berg"): never declined, and the name after them is a foreign one the rules
 * leave to the clerk.
 */
export const PARTICLES = words('de di da del della der den des du la le van von zu ten ter af al el bin ibn');

/** Academic titles typed before a name ("dr Jan Kowalski"): their own declension ("drem") is left to the clerk. */
export const ACADEMIC_TITLES = words('dr mgr inż prof hab lek doc');
