import { AbilityBuilder, createMongoAbility, subject as tag } from '@casl/ability';
import type { ActorFacts, AppAbility } from './actor.js';

/** The CASL builder a policy adds its rules to. */
export type RuleBuilder = AbilityBuilder<AppAbility>;

/** A feature's rules for one actor (declared in `<feature>.policy.ts`). */
export type Policy = (actor: ActorFacts, builder: RuleBuilder) => void;

/** Builds an actor's ability from every feature's policy. */
export function buildAbility(actor: ActorFacts, policies: readonly Policy[]): AppAbility {
  const builder = new AbilityBuilder<AppAbility>(createMongoAbility);
  for (const policy of policies) {
    policy(actor, builder);
  }
  return builder.build();
}

/** Tags a plain record with its subject type so CASL applies that type's rules. */
export function asSubject<T extends object>(type: string, record: T): T {
  return tag(type, { ...record });
}
