import type { Incident } from './incidents.repository.js';

/** The API shape of an incident. */
export function presentIncident(i: Incident) {
  return {
    id: i.id,
    country: i.country,
    organisationId: i.organisationId,
    kind: i.kind,
    title: i.title,
    date: i.date,
    place: i.place,
    occurredInCountry: i.occurredInCountry,
    coordinates: i.coordinates,
    route: i.route,
    dead: i.dead,
    missing: i.missing,
    survivors: i.survivors,
    source: i.source,
    description: i.description,
    remainsCount: i.remainsCount,
    createdAt: i.createdAt.toISOString(),
    updatedAt: i.updatedAt.toISOString(),
  };
}
