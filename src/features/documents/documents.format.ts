// Plain text for the values of presented records (JSON shapes of the shared vocabulary), as the
// forensic sheets print them. Only what the presented record holds is ever written.

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** "bodyLocation" → "body location". */
export function humanise(key: string): string {
  return key
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/_/g, ' ')
    .toLowerCase();
}

/** One value as one or more lines of text ('' when there is nothing to show). */
export function describe(value: unknown): string {
  if (value === null || value === undefined || value === '') {
    return '';
  }
  if (typeof value === 'boolean') {
    return value ? 'yes' : 'no';
  }
  if (typeof value === 'string' || typeof value === 'number') {
    return typeof value === 'string' ? humaniseEnum(value) : String(value);
  }
  if (Array.isArray(value)) {
    return value
      .map(describe)
      .filter(Boolean)
      .map((line) => `• ${line}`)
      .join('\n');
  }
  if (!isObject(value)) {
    return '';
  }
  // Fuzzy date ({text, precision, earliest, latest}): the text as entered.
  if (typeof value.text === 'string' && 'precision' in value) {
    return value.text;
  }
  // Range ({min, max}).
  if (typeof value.min === 'number' && typeof value.max === 'number' && keys(value) === 2) {
    return value.min === value.max ? String(value.min) : `${value.min}–${value.max}`;
  }
  // Coordinates.
  if (typeof value.lat === 'number' && typeof value.lon === 'number' && keys(value) === 2) {
    return `${value.lat.toFixed(5)}, ${value.lon.toFixed(5)}`;
  }
  return Object.entries(value)
    .filter(([k]) => k !== 'id')
    .map(([k, v]) => [k, describe(v).replace(/\n• /g, '; ').replace(/^• /, '')] as const)
    .filter(([, v]) => v !== '')
    .map(([k, v]) => `${humanise(k)}: ${v}`)
    .join('; ');
}

function keys(o: object): number {
  return Object.keys(o).length;
}

/** snake_case vocabulary values (left_arm, national_id) read as words; other text is kept. */
function humaniseEnum(s: string): string {
  return /^[a-z]+(_[a-z]+)+$/.test(s) ? s.replace(/_/g, ' ') : s;
}

/** The value at a dotted path of a presented record (undefined when absent). */
export function at(record: Record<string, unknown>, path: string): unknown {
  let cur: unknown = record;
  for (const part of path.split('.')) {
    if (!isObject(cur)) {
      return undefined;
    }
    cur = cur[part];
  }
  return cur;
}
