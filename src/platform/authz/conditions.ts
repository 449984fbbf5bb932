import type { ActorFacts } from './actor.js';

/** Records of the actor's own country. */
export const sameCountry = (actor: ActorFacts) => ({ country: actor.country });

/** Records of the actor's own organisation. */
export const sameOrganisation = (actor: ActorFacts) => ({ organisationId: actor.organisationId });

/** The actor's own user record. */
export const isSelf = (actor: ActorFacts) => ({ id: actor.id });

/** Records routed to the contact point the actor staffs (its organisation), in their country. */
export const isAssignedContactPoint = (actor: ActorFacts) => ({
  country: actor.country,
  contactPointOrganisationId: actor.organisationId,
});
