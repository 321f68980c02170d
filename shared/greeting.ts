import type { Profile } from './profile';

type GreetingFacts = Pick<Profile, 'firstName' | 'lastName' | 'unit' | 'officeName'>;

/**
 * The §6 pkt 6 opening for a call the clerk answers: the office, the unit,
 * then the clerk's first and last name, and an offer of help.
 */
export function incomingGreeting(p: GreetingFacts): string {
  return `Dzień dobry, ${p.officeName}, ${p.unit}. Nazywam się ${p.firstName} ${p.lastName}. W czym mogę pomóc?`;
}
