import { buildOrg, buildUser, type TestUser } from './factories.js';
import { api } from './http.js';

/** A designated contact point with its organisation, staff member and administrator. */
export interface ContactPointFixture {
  id: string;
  organisationId: string;
  staff: TestUser;
  admin: TestUser;
}

/** Options of a designation (coverage lists default to "any"). */
export interface DesignationSpec {
  country?: string;
  name?: string;
  countries?: string[];
  nationalities?: string[];
  languages?: string[];
  admin?: TestUser;
}

/** Designates a fresh consulate as a contact point through the API, staffed by one user. */
export async function designate(spec: DesignationSpec = {}): Promise<ContactPointFixture> {
  const country = spec.country ?? 'IT';
  const org = await buildOrg({ country, kind: 'consulate' });
  const staff = await buildUser({ role: 'contact_point', country, organisationId: org.id });
  const admin = spec.admin ?? (await buildUser({ role: 'admin', country }));
  const res = await api.post(
    '/api/v1/contact-points',
    {
      organisationId: org.id,
      name: spec.name ?? `Desk ${org.name}`,
      countries: spec.countries ?? [],
      nationalities: spec.nationalities ?? [],
      languages: spec.languages ?? ['en'],
      channels: [{ kind: 'phone', value: '+39 06 555 0100' }],
      hours: 'Mon–Fri 9:00–17:00',
      staffIds: [staff.user.id],
    },
    admin.token,
  );
  if (res.status !== 201) {
    throw new Error(`designate: ${res.status} ${JSON.stringify(res.body)}`);
  }
  return { id: res.body.id as string, organisationId: org.id, staff, admin };
}
