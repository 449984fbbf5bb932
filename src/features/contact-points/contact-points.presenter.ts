import type { ContactPoint, StaffMember } from './contact-points.repository.js';

/** A contact point as anyone may see it: public channels, never staff names. */
export function presentPublic(c: ContactPoint) {
  return {
    id: c.id,
    name: c.name,
    country: c.country,
    organisationName: c.organisationName,
    countries: c.countries,
    nationalities: c.nationalities,
    languages: c.languages,
    channels: c.channels,
    hours: c.hours,
  };
}

/** A contact point as its administrator and staff see it. */
export function presentContactPoint(c: ContactPoint, staff: StaffMember[]) {
  return {
    ...presentPublic(c),
    organisationId: c.organisationId,
    active: c.active,
    staff: staff.map((s) => ({ id: s.id, displayName: s.displayName })),
    createdAt: c.createdAt.toISOString(),
  };
}
