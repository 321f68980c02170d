/**
 * The office's name after "dzwonię z …" (genitive): "Powiatowy Urząd Pracy
 * w Łodzi" → "Powiatowego Urzędu Pracy w Łodzi". Only the names an office
 * of this kind has — an adjective or none, then "Urząd Pracy", then
 * whatever follows ("w Łodzi", "m.st. Warszawy"), which already stands in
 * the case it needs. Any other name is not guessed at: null, and the
 * greeting says the name as it is, without "dzwonię z".
 */
const OFFICE = /^(?:(\p{Lu}\p{Ll}+) )?(U|u)rząd (P|p)racy(?=$|[ ,])(.*)$/u;

export function officeNameGenitive(officeName: string): string | null {
  const match = OFFICE.exec(officeName.normalize('NFC').trim());
  if (!match) return null;
  const [, adjective, u, p, rest] = match;
  let head = '';
  if (adjective) {
    // Adjectives of place and kind: -y → -ego (Powiatowy), -i → -iego (Miejski, Wojewódzki).
    if (adjective.endsWith('y')) head = `${adjective.slice(0, -1)}ego `;
    else if (adjective.endsWith('i')) head = `${adjective}ego `;
    else return null;
  }
  return `${head}${u}rzędu ${p}racy${rest}`;
}
