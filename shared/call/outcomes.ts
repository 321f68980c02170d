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
