import type { CustodyEvent, BurialLine } from './custody.repository.js';

/**
 * The API shape of a custody event. Sample references and free-text notes (which can hold DNA or
 * dental details) only for those who may read forensic detail.
 */
export function presentCustodyEvent(e: CustodyEvent, forensicDetail: boolean) {
  return {
    id: e.id,
    position: e.position,
    kind: e.kind,
    stateAfter: e.stateAfter,
    occurredAt: e.occurredAt.toISOString(),
    recordedAt: e.recordedAt.toISOString(),
    recordedBy: e.recordedBy,
    performedBy: e.performedBy,
    custodian: e.custodian,
    location: e.location,
    burial: e.burial,
    ...(forensicDetail ? { sample: e.sample, notes: e.notes } : {}),
    documents: e.documents,
    prevHash: e.prevHash,
    hash: e.hash,
  };
}

/**
 * Where the remains are now and who answers for them, folded from the chain: the state after
 * the last event, the last stated custodian, and the last stated place (a burial's cemetery).
 */
export function presentWhereabouts(
  remains: { id: string; code: string; status: string },
  events: readonly CustodyEvent[],
) {
  let custodian: unknown = null;
  let location: unknown = null;
  let burial: unknown = null;
  for (const e of events) {
    custodian = e.custodian ?? custodian;
    if (e.burial) {
      burial = e.burial;
      const b = e.burial as { cemetery: string; coordinates?: unknown };
      location = { name: b.cemetery, ...(b.coordinates ? { coordinates: b.coordinates } : {}) };
    }
    location = e.location ?? location;
  }
  const last = events.at(-1);
  return {
    remainsId: remains.id,
    code: remains.code,
    status: remains.status,
    state: last?.stateAfter ?? 'none',
    since: last?.occurredAt.toISOString() ?? null,
    lastEvent: last ? { position: last.position, kind: last.kind } : null,
    custodian,
    location,
    burial: last?.stateAfter === 'buried' ? burial : null,
    chainLength: events.length,
    headHash: last?.hash ?? null,
  };
}

/** The API shape of one line of a burial register. */
export function presentBurialLine(l: BurialLine) {
  return {
    remainsId: l.remainsId,
    code: l.code,
    status: l.status,
    sex: l.sex,
    age: l.ageMin === null || l.ageMax === null ? null : { min: l.ageMin, max: l.ageMax },
    buriedAt: l.buriedAt.toISOString(),
    section: l.burial.section ?? null,
    row: l.burial.row ?? null,
    plot: l.burial.plot,
    graveMarker: l.burial.graveMarker,
    coordinates: l.burial.coordinates ?? null,
    exhumedAt: l.exhumedAt?.toISOString() ?? null,
    currentState: l.currentState,
  };
}

const CSV_COLUMNS = [
  'code',
  'status',
  'sex',
  'age',
  'buriedAt',
  'section',
  'row',
  'plot',
  'graveMarker',
  'lat',
  'lon',
  'exhumedAt',
  'currentState',
] as const;

function csvCell(value: string | number | null | undefined): string {
  const s = value === null || value === undefined ? '' : String(value);
  // Quote every cell; neutralise spreadsheet formulas (OWASP CSV injection).
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return `"${safe.replace(/"/g, '""')}"`;
}

/** A burial register as CSV (RFC 4180, header row first). */
export function burialRegisterCsv(lines: readonly ReturnType<typeof presentBurialLine>[]): string {
  const rows = lines.map((l) =>
    [
      l.code,
      l.status,
      l.sex,
      l.age ? `${l.age.min}-${l.age.max}` : null,
      l.buriedAt,
      l.section,
      l.row,
      l.plot,
      l.graveMarker,
      l.coordinates?.lat,
      l.coordinates?.lon,
      l.exhumedAt,
      l.currentState,
    ]
      .map(csvCell)
      .join(','),
  );
  return [CSV_COLUMNS.join(','), ...rows].join('\r\n') + '\r\n';
}
