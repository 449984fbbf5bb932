import type { MongoAbility } from '@casl/ability';
import type { Role } from './roles.js';

/** CASL ability of one actor: actions on subject types, checked against loaded records. */
export type AppAbility = MongoAbility;

/** The authenticated user behind a request, with what they may do. */
export interface Actor {
  id: string;
  role: Role;
  /** The user's country (ISO 3166-1 alpha-2): jurisdiction for professionals, residence for families. */
  country: string;
  /** Organisation of a professional; null for family members. */
  organisationId: string | null;
  /** Session the request belongs to. */
  sessionId: string;
  /** The request id, carried into audit events. */
  requestId: string;
  ability: AppAbility;
}

/** The identity facts policies are built from (an Actor before its ability exists). */
export type ActorFacts = Omit<Actor, 'ability'>;
