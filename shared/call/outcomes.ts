/** The wrap-up outcomes (dispositions). The id is stored; the label is shown. */
export const OUTCOMES = [
  'resolved',
  'routed',
  'invited',
  'callback',
  'no-contact',
  'interrupted',
  'other',
] as const;

export type Outcome = (typeof OUTCOMES)[number];

/** Each outcome's Polish name: the window's (its Polish language file is this table) and the CSV export's. */
export const OUTCOME_LABELS: Record<Outcome, string> = {
  resolved: 'Załatwiona',
  routed: 'Przekierowana',
  invited: 'Zaproszenie do Urzędu',
  callback: 'Oddzwonienie',
  'no-contact': 'Brak kontaktu',
  interrupted: 'Przerwana',
  other: 'Inna',
};
