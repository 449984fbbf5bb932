// The node's own calendar: case-number years and "not in the future" follow the node's time
// zone (config/node.json `timeZone`), not UTC — a report filed just after local midnight on
// New Year's Day in Tunis belongs to the new year.

let zone = 'UTC';
let clock: () => Date = () => new Date();

/** True for a time zone name the runtime knows (IANA, e.g. Africa/Tunis). */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** Sets the node's time zone (start-up, from config); returns the previous one. */
export function setNodeTimeZone(name: string): string {
  if (!isTimeZone(name)) {
    throw new Error(`unknown time zone: ${name}`);
  }
  const before = zone;
  zone = name;
  return before;
}

/** Replaces the clock (tests); returns a function that restores the real one. */
export function useClock(now: () => Date): () => void {
  const before = clock;
  clock = now;
  return () => {
    clock = before;
  };
}

/** The calendar date (YYYY-MM-DD) of an instant in the node's time zone. */
export function localDate(at: Date = clock(), timeZone = zone): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);
}

/** Today's date in the node's time zone. */
export function localToday(): string {
  return localDate();
}

/** This year in the node's time zone. */
export function localYear(): number {
  return Number(localDate().slice(0, 4));
}
