/**
 * Every error the service sends the window, by key, with what the clerk reads
 * in Polish. Written once: the service puts the Polish in the envelope's
 * `message` (for logs, the command line, any caller without the window's
 * translations), the window says it from its own language file — whose Polish
 * section is this table, and whose English one must name every key here
 * (test/renderer/i18n.test.tsx). `{{name}}` is one of the error's values.
 *
 * A check both sides make (a callback's time, whom to call back, an
 * appointment) is said with the same key whether the window or the service
 * found it: see `wrapUpProblemKey`.
 */
export const SERVICE_ERRORS = {
  callbackTime: {
    required: 'Podaj datę i godzinę oddzwonienia.',
    invalid: 'Termin oddzwonienia jest nieprawidłowy.',
    past: 'Termin oddzwonienia już minął — wybierz termin w przyszłości.',
    'too-far': 'Termin oddzwonienia jest dalej niż za rok — sprawdź datę.',
  },
  wrapUp: {
    outcomeRequired: 'Wybierz wynik rozmowy.',
    callbackRequired: 'Wynik „Oddzwonienie” wymaga terminu — ustal go powyżej.',
  },
  contact: {
    phoneRequired: 'Oddzwonienie wymaga numeru telefonu — wpisz go poniżej.',
    phoneInvalid: 'To nie jest numer telefonu do oddzwonienia — wpisz 9 cyfr (np. 600 700 800) albo numer z +kodem kraju.',
    nameInvalid: 'Imię i nazwisko osoby, do której oddzwonić, może zawierać tylko litery, spacje, łączniki i apostrofy.',
    caseRefInvalid: 'Znak sprawy nie może zawierać znaków < > { }.',
    tooLong: 'Jedno z pól oddzwonienia jest za długie.',
  },
  appointmentPast: 'Termin wizyty w Urzędzie już minął — wybierz termin w przyszłości albo zostaw go pusty.',
  callbackNotOpen: 'To oddzwonienie nie jest już otwarte — lista zostanie odświeżona.',
  idTaken: 'Ten identyfikator ma już inny zapis w dzienniku. Nic nie zapisano — zacznij od nowa.',
  noProfile: 'Najpierw zapisz profil.',
  callRefused: {
    'unknown-checklist': 'Ta rozmowa ma listę kontrolną, której aplikacja nie zna (zmieniona w trakcie?). Nic nie zapisano — odrzuć ją i zacznij od nowa.',
    'unknown-item': 'Rozmowa ma punkty spoza swojej listy kontrolnej. Nic nie zapisano — odrzuć ją i zacznij od nowa.',
    'clock-before-records': 'Zegar komputera wskazuje datę sprzed 2000 roku — popraw datę i zapisz ponownie. Rozmowa czeka w oknie.',
    'starts-in-future': 'Początek rozmowy jest w przyszłości — sprawdź zegar komputera. Nic nie zapisano.',
    'ends-in-future': 'Koniec rozmowy jest w przyszłości — sprawdź zegar komputera. Nic nie zapisano.',
    'starts-long-ago': 'Ta rozmowa zaczęła się ponad miesiąc temu — to nie jest rozmowa do podsumowania. Nic nie zapisano — odrzuć ją.',
    'ends-before-start': 'Koniec rozmowy jest przed jej początkiem — sprawdź zegar komputera. Nic nie zapisano.',
    'too-long': 'Rozmowa trwa ponad dobę — to nie może być jedna rozmowa. Nic nie zapisano — odrzuć ją i zacznij od nowa.',
    'tick-outside-call': 'Zaznaczenie punktu ma czas spoza rozmowy. Nic nie zapisano — odrzuć ją i zacznij od nowa.',
  },
  recordInvalid: 'Zapis jest niepoprawny i nie został zapisany: {{detail}}',
  badInput: '{{detail}}',
  unknownMethod: 'Nieznana metoda: {{method}}',
  officeFilesInvalid: '{{problems}}',
  /** The lead's directory editor (electron/services/directory-editing.ts). */
  directoryEditor: {
    invalid: '{{problems}}',
    changed: 'Plik {{file}} zmienił się, odkąd otwarto edytor (ostatni zapis: {{who}}, {{when}}). Nic nie zapisano — wczytaj go ponownie i wprowadź swoje zmiany jeszcze raz.',
    changedUnlogged: 'Plik {{file}} zmienił się, odkąd otwarto edytor. Nic nie zapisano — wczytaj go ponownie i wprowadź swoje zmiany jeszcze raz.',
    busy: 'Ktoś inny właśnie zapisuje {{file}}. Nic nie zapisano — spróbuj za chwilę.',
    unreadable: 'Nie można odczytać {{file}}, więc nie wiadomo, czy ktoś go nie zmienił: {{message}} Nic nie zapisano.',
    writeFailed: 'Nie udało się zapisać {{file}} ({{code}}). Sprawdź, czy udział sieciowy jest podłączony i czy masz prawo zapisu.',
    noFolder: 'Nie ma folderu {{folder}} (albo udział sieciowy nie jest podłączony). Nic nie zapisano.',
    lockBroken: 'Obok pliku {{file}} jest {{lock}}, który nie jest blokadą zapisu tej aplikacji — poproś IT o jego usunięcie. Nic nie zapisano.',
    partlySaved: 'Zapisano {{saved}}, ale nie {{file}} ({{code}}) — zmiany w nim są nadal w edytorze; zapisz ponownie.',
    exists: 'Plik {{file}} już istnieje. Nic nie zapisano — wskaż go w Ustawieniach (edytor go wtedy wczyta) albo podaj inną ścieżkę.',
    readOnly: 'Plik {{file}} jest tylko do odczytu albo nie masz prawa go zmieniać. Nic nie zapisano.',
    notAbsolute: '{{file}}: to nie jest pełna ścieżka na tym komputerze. Nic nie zapisano.',
    inDataDir: '{{file}} jest w folderze danych aplikacji — plik Urzędu musi być gdzie indziej (np. na udziale sieciowym). Nic nie zapisano.',
    noFile: 'Wskaż, gdzie zapisać {{what}} Urzędu (pełna ścieżka do pliku .json, np. na udziale sieciowym).',
    tableUnreadable: '{{file}}: {{problem}}. Nic nie zmieniono.',
    tableGone: 'Przesłanego pliku już tu nie ma (minęło kilka minut) — wybierz go ponownie.',
  },
  diskFull: 'Brak miejsca na dysku. Rozmowa czeka w oknie — zwolnij miejsce i zapisz ponownie.',
  noWriteAccess: 'Brak uprawnień do zapisu w folderze danych. Rozmowa czeka w oknie — poproś IT o dostęp i zapisz ponownie.',
  diskError: 'Błąd zapisu na dysku ({{code}}). Rozmowa czeka w oknie — spróbuj zapisać ponownie.',
  journalNotAFile: '{{path}} nie jest zwykłym plikiem — zapis nie będzie możliwy, dopóki IT go nie usunie lub nie przeniesie. Rozmowa czeka w oknie.',
  journalNotAFolder: '{{path}} nie jest folderem — zapis nie będzie możliwy, dopóki IT go nie usunie lub nie przeniesie. Rozmowa czeka w oknie.',
  journalTooLarge: '{{path}} jest większy niż jakikolwiek miesiąc rozmów (ponad 1 GB) — zapis nie będzie możliwy, dopóki IT go nie przeniesie. Rozmowa czeka w oknie.',
  readTooLarge: '{{path}} jest większy niż jakikolwiek miesiąc rozmów (ponad 1 GB) — nie zostanie odczytany, dopóki IT go nie przeniesie.',
  readMisplaced: '{{path}} nie jest tym, czym być powinien (plikiem lub folderem dziennika) — IT musi go usunąć lub przenieść; ponawianie nie pomoże.',
  readFailed: 'Nie udało się odczytać danych z dysku ({{code}}). Nic nie zostało zmienione — spróbuj ponownie.',
  writeDiskFull: 'Brak miejsca na dysku. Nic nie zostało zapisane — zwolnij miejsce i spróbuj ponownie.',
  writeNoAccess: 'Brak uprawnień do zapisu w folderze danych. Nic nie zostało zapisane — poproś IT o dostęp.',
  writeFailed: 'Błąd zapisu na dysku ({{code}}). Nic nie zostało zapisane — spróbuj ponownie.',
  internal: 'Wystąpił nieoczekiwany błąd. Rozmowa czeka w oknie — spróbuj ponownie; jeśli błąd wróci, zgłoś go do IT.',
  internalRead: 'Wystąpił nieoczekiwany błąd przy odczycie danych. Nic nie zostało zmienione — spróbuj ponownie; jeśli błąd wróci, zgłoś go do IT.',
  internalWrite: 'Wystąpił nieoczekiwany błąd. Nic nie zostało zapisane — spróbuj ponownie; jeśli błąd wróci, zgłoś go do IT.',
  dataDirLost:
    'Inny Asystent Rozmów przejął folder danych, gdy ten był wstrzymany. To okno nic już nie zapisze, żeby nie zniszczyć tamtego zapisu — zamknij je i pracuj w tamtym.',
  exportPathFromDialog: 'Miejsce zapisu eksportu wybiera się w oknie zapisu.',
  exportNoAccess: 'Brak uprawnień do zapisu: {{path}}. Wybierz inny folder, np. Dokumenty.',
  exportNoFolder: 'Nie ma takiego folderu: {{path}}. Wybierz istniejący folder.',
  exportDiskFull: 'Brak miejsca na dysku dla {{path}}. Zwolnij miejsce albo wybierz inny dysk.',
  exportIsFolder: '{{path}} to folder — podaj nazwę pliku.',
  exportFailed: 'Nie udało się zapisać eksportu do {{path}} ({{code}}). Spróbuj ponownie.',
  importPathFromDialog: 'Plik do importu wybiera się w oknie otwierania.',
  importNoFile: 'Nie ma takiego pliku: {{file}}.',
  importNoAccess: 'Brak uprawnień do odczytu: {{file}}.',
  importIsFolder: '{{file}} to folder — wskaż plik .jsonl.',
  importNotRegular: '{{file}} to nie jest zwykły plik — wskaż plik .jsonl zapisany na dysku.',
  importNotExport: '{{file}}: to nie jest eksport rozmów z Asystenta Rozmów (żaden wiersz nie jest zapisem rozmowy). Nic nie zaimportowano.',
  importEmpty: '{{file}} jest pusty — nic nie zaimportowano.',
  importCannotFile:
    'Nie udało się zapisać zaimportowanych rozmów do {{place}} ({{code}}). Usuń lub przenieś ten plik i zaimportuj ponownie — to, co już zaimportowano, nie zostanie zdublowane.',
  importUploadGone: 'Przesłanego pliku już tu nie ma (minęło kilka minut albo już go zaimportowano) — wybierz go ponownie.',
  importInDatabaseMode: 'Rejestr czyta bazę zespołu, do której każdy pracownik przekazuje zapisy sam — import pliku jest dla zespołów bez bazy.',
  registerCallGone: 'Tej rozmowy nie ma już w rejestrze w tej postaci — odśwież rejestr.',
  teamFolderMissing: 'Folder {{folder}} nie istnieje albo udział sieciowy nie jest podłączony.',
  teamFolderUnreachable: 'Folder {{folder}} jest niedostępny ({{code}}).',
  teamFolderIsFile: '{{folder}} to plik, a nie folder.',
  /** Why the team database does not take copies (shared/settings/team-database.ts): refused on save, and said in the banner while records wait. */
  teamDatabase: {
    'db-unreachable': 'Serwer bazy zespołu nie odpowiada (adres, port albo sieć).',
    'db-password': 'Baza zespołu nie przyjęła loginu albo hasła.',
    'db-refused': 'Serwer bazy zespołu nie wpuszcza tego loginu z tego komputera — zapytaj administratora bazy.',
    'db-no-database': 'Na serwerze nie ma bazy o tej nazwie.',
    'db-tls-refused': 'Serwer bazy zespołu nie obsługuje szyfrowania (TLS), a ustawienia go wymagają.',
    'db-tls-required': 'Serwer bazy zespołu wymaga szyfrowania (TLS) — włącz je w ustawieniach.',
    'db-tls-untrusted': 'Certyfikat serwera bazy zespołu nie jest zaufany albo nie pasuje do jego nazwy — wskaż plik urzędu certyfikacji urzędu albo zapytaj administratora.',
    'db-ca-file': 'Nie można odczytać pliku urzędu certyfikacji.',
    'db-no-schema': 'Baza zespołu nie jest przygotowana (brak tabel aplikacji) — administrator musi uruchomić migracje.',
    'db-schema-older': 'Baza zespołu ma starszą wersję schematu — administrator musi uruchomić migracje.',
    'db-schema-newer': 'Baza zespołu ma nowszą wersję schematu niż ta aplikacja — zaktualizuj aplikację. Nic nie zostało do niej zapisane.',
    'db-read-only': 'Baza zespołu przyjmuje teraz tylko odczyt (np. serwer zapasowy).',
    'db-forbidden': 'Ten login nie ma w bazie zespołu uprawnień, których to wymaga — zapytaj administratora bazy.',
    'db-not-member': 'Ten login nie należy do urzędu o tym identyfikatorze.',
    'db-other-clerk': 'Ten login bazy zespołu należy do innego pracownika — każdy pracownik potrzebuje własnego loginu.',
    'db-clerk-elsewhere': 'Ten profil pracownika przekazuje już zapisy przez inny login bazy zespołu — użyj tamtego loginu albo poproś administratora bazy o zmianę.',
    'db-busy': 'Serwer bazy zespołu jest przeciążony albo właśnie startuje.',
    'db-error': 'Baza zespołu zgłosiła błąd.',
  },
  /** What the transports refuse before any method runs. */
  transport: {
    foreignSender: 'Wywołanie spoza okna aplikacji zostało odrzucone.',
    foreignOrigin: 'Żądanie z obcej strony zostało odrzucone.',
    noToken: 'Brak klucza dostępu. Otwórz adres wypisany przy starcie (z #token=…).',
    badToken: 'Nieprawidłowy klucz dostępu. Otwórz adres wypisany przy starcie.',
    postOnly: 'Użyj metody POST.',
    jsonOnly: 'Treść żądania musi być w formacie JSON (application/json).',
    bodyTooLarge: 'Treść żądania przekracza {{limit}} bajtów.',
    badJson: 'Treść żądania nie jest poprawnym JSON.',
    downloadGone: 'Tego pliku już tu nie ma (pobrano go albo minęło kilka minut) — wyeksportuj ponownie.',
    importUnavailable: 'Import nie jest tu dostępny.',
    uploadTooLarge: 'Plik jest za duży: można zaimportować do {{megabytes}} MB naraz.',
    serverError: 'Błąd serwera.',
  },
} as const;

/** How an uploaded file is named in messages: the temporary file's path means nothing to the person. */
export const UPLOADED_FILE_NAME = 'Przesłany plik';

type Catalogue = typeof SERVICE_ERRORS;

/** "callRefused.too-long", "noProfile": every key of the table, dotted. */
type LeafKeys<T> = { [K in keyof T & string]: T[K] extends string ? K : `${K}.${LeafKeys<T[K]>}` }[keyof T & string];
export type ServiceErrorKey = LeafKeys<Catalogue>;

type TextAt<T, K extends string> = K extends `${infer Head}.${infer Rest}`
  ? Head extends keyof T
    ? TextAt<T[Head], Rest>
    : never
  : K extends keyof T
    ? T[K]
    : never;
type Placeholders<S> = S extends `${string}{{${infer P}}}${infer Rest}` ? P | Placeholders<Rest> : never;

/** The values an error's text needs, by name: `{ path: string }` for `exportNoAccess`, nothing for `noProfile`. */
export type ServiceErrorParams<K extends ServiceErrorKey> = { [P in Placeholders<TextAt<Catalogue, K>>]: string | number };

/** The Polish text of a key (every key of the table has one). */
export function serviceErrorTemplate(key: ServiceErrorKey): string {
  let node: unknown = SERVICE_ERRORS;
  for (const part of key.split('.')) node = (node as Record<string, unknown>)[part];
  return node as string;
}

/** The Polish text with its values filled in. */
export function serviceErrorText<K extends ServiceErrorKey>(key: K, params: ServiceErrorParams<K>): string {
  const values = params as Record<string, string | number>;
  return serviceErrorTemplate(key).replace(/\{\{(\w+)\}\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/** Every key of the table, for the tests that hold each has its translations. */
export function serviceErrorKeys(): ServiceErrorKey[] {
  const walk = (node: object, prefix: string): string[] =>
    Object.entries(node).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : walk(v as object, `${prefix}${k}.`)));
  return walk(SERVICE_ERRORS, '') as ServiceErrorKey[];
}
