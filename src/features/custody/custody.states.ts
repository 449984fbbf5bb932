/** Events of the custody and burial chain. */
export const CUSTODY_EVENT_KINDS = [
  'recovered',
  'transported',
  'received_at_morgue',
  'examined',
  'sample_taken',
  'stored',
  'buried',
  'exhumed',
  'transferred',
  'repatriated',
  'handed_over',
] as const;
export type CustodyEventKind = (typeof CUSTODY_EVENT_KINDS)[number];

/** Where remains are, as far as custody goes; 'none' before the first event. */
export type CustodyState =
  | 'none'
  | 'recovered'
  | 'in_transit'
  | 'in_facility'
  | 'buried'
  | 'exhumed'
  | 'repatriated'
  | 'handed_over';

/**
 * For each event: the states it may follow and the state it leads to ('same' keeps the state).
 * You cannot exhume what is not buried, bury what was repatriated, or do anything after the
 * remains were handed over to the family.
 */
const TRANSITIONS: Record<CustodyEventKind, { from: CustodyState[]; to: CustodyState | 'same' }> = {
  recovered: { from: ['none'], to: 'recovered' },
  transported: { from: ['recovered', 'in_facility', 'exhumed', 'repatriated'], to: 'in_transit' },
  received_at_morgue: {
    from: ['recovered', 'in_transit', 'exhumed', 'repatriated'],
    to: 'in_facility',
  },
  examined: { from: ['in_facility', 'exhumed'], to: 'same' },
  sample_taken: { from: ['recovered', 'in_facility', 'exhumed'], to: 'same' },
  stored: { from: ['in_facility'], to: 'in_facility' },
  buried: { from: ['in_facility', 'in_transit'], to: 'buried' },
  exhumed: { from: ['buried'], to: 'exhumed' },
  transferred: { from: ['recovered', 'in_facility', 'in_transit', 'exhumed'], to: 'in_transit' },
  repatriated: { from: ['in_facility', 'in_transit', 'exhumed'], to: 'repatriated' },
  handed_over: { from: ['in_facility', 'in_transit', 'exhumed', 'repatriated'], to: 'handed_over' },
};

/** The state an event leads to, or undefined when it cannot follow the current state. */
export function nextCustodyState(
  current: CustodyState,
  kind: CustodyEventKind,
): CustodyState | undefined {
  const t = TRANSITIONS[kind];
  if (!t.from.includes(current)) {
    return undefined;
  }
  return t.to === 'same' ? current : t.to;
}

/** The events that may follow a state (for error messages and clients). */
export function allowedCustodyEvents(current: CustodyState): CustodyEventKind[] {
  return CUSTODY_EVENT_KINDS.filter((k) => TRANSITIONS[k].from.includes(current));
}

/** Identification status an event sets on the remains, and the statuses it requires. */
export const STATUS_EFFECTS: Partial<
  Record<CustodyEventKind, { requires: string[]; sets: 'repatriated' | 'handed_over' }>
> = {
  repatriated: { requires: ['identified'], sets: 'repatriated' },
  handed_over: { requires: ['identified', 'repatriated'], sets: 'handed_over' },
};
