// Which keys of a peer this node trusts. An administrator pins one signing-key thumbprint,
// exchanged out of band. A key is trusted when its thumbprint is the pinned one, or when a key
// already trusted endorsed it (signed its thumbprint). A message under an unknown kid triggers
// exactly one refetch of the peer's JWKS; keys that do not chain to the pin are ignored.
import { calculateJwkThumbprint, compactVerify, importJWK, type CryptoKey, type JWK } from 'jose';
import type { Database } from '../../platform/db/index.js';
import {
  ENDORSEMENT_TYP,
  NODE_ENC_ALG,
  NODE_SIG_ALG,
  type NodeJwk,
  type NodeKeys,
} from './federation.keys.js';
import { trustedKeys, trustKey, type PeerRow, type TrustedKey } from './federation.repository.js';

/** Fetches a peer's published keys (HTTP in production, direct in tests). */
export type JwksFetcher = (peer: PeerRow) => Promise<{ keys: NodeJwk[] }>;

/** The default fetcher: GET <base>/.well-known/ariadne-node/jwks.json over HTTP(S). */
export const httpJwksFetcher: JwksFetcher = async (peer) => {
  const res = await fetch(new URL('/.well-known/ariadne-node/jwks.json', peer.baseUrl), {
    signal: AbortSignal.timeout(5000),
  });
  if (!res.ok) {
    throw new Error(`JWKS of ${peer.nodeId} answered ${res.status}`);
  }
  return (await res.json()) as { keys: NodeJwk[] };
};

/** The key material of a published key, without its metadata (what a thumbprint covers). */
const bare = (jwk: NodeJwk): JWK => {
  const out: JWK = { ...jwk };
  for (const k of ['endorsement', 'use', 'kid', 'alg'] as const) {
    delete (out as Record<string, unknown>)[k];
  }
  return out;
};

/** Verifies an endorsement: a JWS by a trusted signing key over the candidate's thumbprint. */
async function endorsedBy(
  candidate: NodeJwk,
  thumbprint: string,
  trusted: TrustedKey[],
): Promise<boolean> {
  if (!candidate.endorsement) {
    return false;
  }
  for (const t of trusted.filter((k) => k.use === 'sig')) {
    try {
      const key = await importJWK(t.jwk, NODE_SIG_ALG);
      const { payload, protectedHeader } = await compactVerify(candidate.endorsement, key, {
        algorithms: [NODE_SIG_ALG],
      });
      if (
        protectedHeader.typ === ENDORSEMENT_TYP &&
        protectedHeader.kid === t.kid &&
        new TextDecoder().decode(payload) === thumbprint
      ) {
        return true;
      }
    } catch {
      // not this key
    }
  }
  return false;
}

/** Keys of peers (and of this node itself, for jurisdictions it hosts). */
export function createTrust(db: Database, own: NodeKeys, fetchJwks: JwksFetcher) {
  /** Refetches a peer's JWKS and trusts every key that chains to the pin; returns how many are new. */
  async function refresh(peer: PeerRow): Promise<number> {
    const { keys } = await fetchJwks(peer);
    const trusted = await trustedKeys(db, peer.id);
    let added = 0;
    // Endorsements point backwards; repeat until no key joins (a chain of rotations).
    for (let progress = true; progress;) {
      progress = false;
      for (const jwk of keys) {
        if (trusted.some((t) => t.kid === jwk.kid) || (jwk.use !== 'sig' && jwk.use !== 'enc')) {
          continue;
        }
        const thumbprint = await calculateJwkThumbprint(bare(jwk));
        const pinned = jwk.use === 'sig' && thumbprint === peer.pinnedThumbprint;
        if (pinned || (await endorsedBy(jwk, thumbprint, trusted))) {
          const key: TrustedKey = { kid: jwk.kid, use: jwk.use, thumbprint, jwk };
          await trustKey(db, peer.id, key);
          trusted.push(key);
          added += 1;
          progress = true;
        }
      }
    }
    return added;
  }

  return {
    refresh,

    /** The public key to verify a peer's message under `kid` (one refetch when unknown). */
    async verificationKey(
      peer: PeerRow | 'self',
      kid: string,
    ): Promise<CryptoKey | Uint8Array | undefined> {
      if (peer === 'self') {
        const mine = (await own.jwks()).keys.find((k) => k.kid === kid && k.use === 'sig');
        return mine ? importJWK(bare(mine), NODE_SIG_ALG) : undefined;
      }
      let found = (await trustedKeys(db, peer.id)).find((k) => k.kid === kid && k.use === 'sig');
      if (!found) {
        try {
          await refresh(peer);
        } catch {
          return undefined;
        }
        found = (await trustedKeys(db, peer.id)).find((k) => k.kid === kid && k.use === 'sig');
      }
      return found ? importJWK(bare(found.jwk), NODE_SIG_ALG) : undefined;
    },

    /** The newest trusted encryption key of a peer (or of this node), refetched once if none. */
    async encryptionKey(
      peer: PeerRow | 'self',
    ): Promise<{ kid: string; key: CryptoKey | Uint8Array } | undefined> {
      if (peer === 'self') {
        const { kid } = await own.active('enc');
        const mine = (await own.jwks()).keys.find((k) => k.kid === kid)!;
        return { kid, key: await importJWK(bare(mine), NODE_ENC_ALG) };
      }
      const pick = async () => (await trustedKeys(db, peer.id)).find((k) => k.use === 'enc');
      let found = await pick();
      if (!found) {
        await refresh(peer);
        found = await pick();
      }
      return found
        ? { kid: found.kid, key: await importJWK(bare(found.jwk), NODE_ENC_ALG) }
        : undefined;
    },
  };
}

/** Peer key trust. */
export type Trust = ReturnType<typeof createTrust>;
