/** The keys that work while the window has focus. One table, so the UI shows what the handler does. */
export const KEYS = {
  startIncoming: 'F2',
  startOutgoing: 'F3',
  endCall: 'F4',
  personalData: 'D',
  save: 'Ctrl+Enter',
  /** Puts back the tick a number key (or a click) just took away. */
  undoUntick: 'Ctrl+Z',
  /** Outbound script answers. */
  personRight: 'T',
  personSomeoneElse: 'I',
  personNoAnswer: 'B',
  momentGood: 'T',
  momentBad: 'N',
  /** Anywhere in the window, in any phase of a call. */
  deescalation: 'F6',
  clientAtDesk: 'F8',
  hide: 'F9',
} as const;
