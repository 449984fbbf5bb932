import type { ActorFacts } from './actor.js';

/** Records of the actor's own country. */
export const sameCountry = (actor: ActorFacts) => ({ country: actor.country });

/** Records of the actor's own organisation. */
export const sameOrganisation = (actor: ActorFacts) => ({ organisationId: actor.organisationId });

/** The actor's own user record. */
export const isSelf = (actor: ActorFacts) => ({ id: actor.id });
