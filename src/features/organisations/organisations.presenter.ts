import type { Organisation } from './organisations.repository.js';

/** The API shape of an organisation. */
export function presentOrganisation(o: Organisation) {
  return {
    id: o.id,
    name: o.name,
    kind: o.kind,
    country: o.country,
    createdAt: o.createdAt.toISOString(),
  };
}
