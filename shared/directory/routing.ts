import type { Directory, Matter, Site, Unit } from './directory';
import { joinSentences, spokenSentence } from '../call/spoken-sentences';
import { fold, stem } from './text-folding';

/**
 * Routing by competence (§6 pkt 6: "Jeśli sprawa przekracza kompetencje
 * pracownika Urzędu, pracownik powinien skierować klienta do właściwej osoby
 * lub komórki organizacyjnej") and the complex-matter hint ("Starać się nie
 * tłumaczyć przez telefon spraw skomplikowanych. Pracownik powinien zaprosić
 * klienta do Urzędu").
 */
export type RoutingDecision =
  | { kind: 'own-unit'; matter: Matter; unit: Unit }
  | { kind: 'other-unit'; matter: Matter; unit: Unit }
  | { kind: 'external'; matter: Matter; unit: Unit };

/** The clerk's own unit in the directory: by id when the profile has one, else by the unit's name as typed. */
export function findOwnUnit(directory: Directory, profileUnit: { unitId?: string | null; unit: string }): Unit | null {
  if (profileUnit.unitId) {
    const byId = directory.units.find((u) => u.id === profileUnit.unitId && u.kind === 'office');
    if (byId) return byId;
  }
  const typed = fold(profileUnit.unit);
  return directory.units.find((u) => u.kind === 'office' && fold(u.name) === typed) ?? null;
}

/** Where a matter goes from the clerk's desk: nowhere (their own unit), another unit, or another institution. */
export function routeMatter(directory: Directory, matter: Matter, ownUnit: Unit | null): RoutingDecision | null {
  const unit = directory.units.find((u) => u.id === matter.unit);
  if (!unit) return null;
  if (unit.kind === 'external') return { kind: 'external', matter, unit };
  if (ownUnit && unit.id === ownUnit.id) return { kind: 'own-unit', matter, unit };
  return { kind: 'other-unit', matter, unit };
}

/**
 * What the clerk says when a matter belongs elsewhere (§6 pkt 6): who deals
 * with it and how to reach them — the extension or the institution's
 * number and hours, each said only when the directory knows it. Null for
 * the clerk's own unit: nothing to route.
 */
export function routingSentence(decision: Pick<RoutingDecision, 'kind' | 'unit'>): string | null {
  const { unit } = decision;
  if (decision.kind === 'own-unit') return null;
  if (decision.kind === 'external') {
    return joinSentences([
      spokenSentence('Tą sprawą zajmuje się {unit}, nie nasz Urząd.', { unit: unit.name }),
      spokenSentence('Numer telefonu: {phone}.', { phone: unit.phone }),
      spokenSentence('Godziny pracy: {hours}.', { hours: unit.hours }),
    ]);
  }
  return joinSentences([
    spokenSentence('Tą sprawą zajmuje się {unit}.', { unit: unit.name }),
    spokenSentence('Przełączę rozmowę albo podam numer wewnętrzny: {extension}.', { extension: unit.extension }) ??
      spokenSentence('Zaraz przełączę rozmowę.', {}),
  ]);
}

/**
 * The invitation to the office for a matter too complex for the phone
 * (§6 pkt 6). Where to come — the site's address, its hours when known —
 * is shown beside it, not said twice.
 */
export function invitationSentence(): string {
  return 'To sprawa, którą najlepiej omówić na miejscu, z dokumentami. Zapraszam do Urzędu.';
}

/** The street of an address as stems of its words: "ul. Milionowa 91, Łódź" → ["milionow"]. */
function streetStems(address: string): string[] {
  const street = fold(address.split(',')[0] ?? '')
    .split(' ')
    .filter((word) => word.length >= 3 && !/[0-9]/.test(word) && !['ul', 'ulica', 'al', 'aleja', 'aleje', 'pl', 'plac', 'os', 'osiedle'].includes(word));
  return street.map(stem);
}

/** Whether a site's name already says the street of its address ("Siedziba przy ul. Milionowej" and "ul. Milionowa 91"). */
export function nameRepeatsStreet(name: string, address: string): boolean {
  const streets = streetStems(address);
  if (streets.length === 0) return false;
  const words = new Set(fold(name).split(' ').map(stem));
  return streets.every((s) => words.has(s));
}

/** A site as shown beside a unit or an invitation: its name and address, the street said once. */
export function siteLine(site: Pick<Site, 'name' | 'address'>): string {
  return nameRepeatsStreet(site.name, site.address) ? site.address : `${site.name}, ${site.address}`;
}

/** A call running longer than this gets the gentle "invite to the office" hint. */
export const DEFAULT_LONG_CALL_MS = 5 * 60_000;

export function longCallHintDue(elapsedMs: number, thresholdMs = DEFAULT_LONG_CALL_MS): boolean {
  return elapsedMs >= thresholdMs;
}

/**
 * An appointment agreed with a caller cannot be in the past (a minute of
 * grace for a slow click); no appointment at all is fine.
 */
export function appointmentTimeProblem(appointmentAt: number | null, now: number): 'past' | null {
  return appointmentAt !== null && appointmentAt < now - 60_000 ? 'past' : null;
}

/**
 * A routed call with its unit's name and kind as the office's directory has
 * them: the record stores the directory's word, not the window's. A unit the
 * directory no longer has (the office's file changed mid-call) keeps the
 * name the window sent, which the record masks like any typed text.
 */
export function routedAsListed<C extends { routedTo: { unitId: string; unitName: string; external: boolean } | null }>(call: C, directory: Directory): C {
  const unit = call.routedTo ? directory.units.find((u) => u.id === call.routedTo!.unitId) : undefined;
  return unit ? { ...call, routedTo: { ...call.routedTo!, unitName: unit.name, external: unit.kind === 'external' } } : call;
}
