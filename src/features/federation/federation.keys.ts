// The node's own keys for the transnational channel, separate from user-token keys: an EdDSA key
// signs messages, an ECDH-ES (X25519) key receives encrypted payloads. Rotation retires the
// active key of a use and creates a new one endorsed by the active signing key, so a peer that
// pinned an earlier key follows the chain (federation.trust.ts) and no message is lost.
import { randomUUID } from 'node:crypto';
import {
  calculateJwkThumbprint,
  CompactSign,
  exportJWK,
  generateKeyPair,
  importJWK,
  type CryptoKey,
  type JWK,
} from 'jose';
import type { Database, Queryable } from '../../platform/db/index.js';
import { SecretBox } from '../../platform/crypto/index.js';

/** Signature algorithm of every node message. */
export const NODE_SIG_ALG = 'EdDSA';
/** Key agreement algorithm of encrypted payloads. */
export const NODE_ENC_ALG = 'ECDH-ES';
/** `typ` of a key endorsement JWS. */
export const ENDORSEMENT_TYP = 'ariadne-key-endorsement+jws';

/** A use of a node key. */
export type KeyUse = 'sig' | 'enc';

/** A published public key: a JWK with its use, and the endorsement of a later key. */
export type NodeJwk = JWK & { kid: string; use: KeyUse; endorsement?: string };

interface KeyRow {
  kid: string;
  use: KeyUse;
  public_jwk: NodeJwk;
  private_jwk_encrypted: string;
}

/** A private key ready to use. */
export interface ActiveKey {
  kid: string;
  key: CryptoKey | Uint8Array;
}

/** The node's signing and encryption keys, stored sealed under the node secret. */
export class NodeKeys {
  private readonly box: SecretBox;
  private readonly imported = new Map<string, CryptoKey | Uint8Array>();

  constructor(
    private readonly db: Database,
    secret: string,
  ) {
    this.box = new SecretBox(secret, 'federation-keys');
  }

  /** The active private key of a use, created on first use (read through `q` inside a transaction). */
  async active(use: KeyUse, q: Queryable = this.db): Promise<ActiveKey> {
    const rows = await q.query<KeyRow>(
      `SELECT kid, use, public_jwk, private_jwk_encrypted FROM federation_keys
       WHERE use = $1 AND retired_at IS NULL ORDER BY created_at DESC LIMIT 1`,
      [use],
    );
    const row = rows[0];
    if (!row) {
      await this.rotate(use, q === this.db ? undefined : q);
      return this.active(use, q);
    }
    return { kid: row.kid, key: await this.privateKey(row) };
  }

  /** The private key of a kid (also a retired one: late messages still decrypt). */
  async privateByKid(kid: string): Promise<ActiveKey | undefined> {
    const rows = await this.db.query<KeyRow>(
      `SELECT kid, use, public_jwk, private_jwk_encrypted FROM federation_keys WHERE kid = $1`,
      [kid],
    );
    return rows[0] ? { kid, key: await this.privateKey(rows[0]) } : undefined;
  }

  /** Every public key (active and retired), newest first: the node's JWKS. */
  async jwks(): Promise<{ keys: NodeJwk[] }> {
    await this.active('sig');
    await this.active('enc');
    const rows = await this.db.query<{ public_jwk: NodeJwk }>(
      `SELECT public_jwk FROM federation_keys ORDER BY created_at DESC`,
    );
    return { keys: rows.map((r) => r.public_jwk) };
  }

  /** Thumbprint (RFC 7638) of the active signing key: what an administrator gives peers to pin. */
  async pinThumbprint(): Promise<string> {
    const { kid } = await this.active('sig');
    const rows = await this.db.query<{ thumbprint: string }>(
      `SELECT thumbprint FROM federation_keys WHERE kid = $1`,
      [kid],
    );
    return rows[0]!.thumbprint;
  }

  /**
   * Retires the active key of a use and creates a new one; returns the new kid. A new signing
   * key comes with a new encryption key, so the encryption key is always endorsed by a signing
   * key peers already follow.
   */
  async rotate(use: KeyUse, tx?: Queryable): Promise<string> {
    if (use === 'enc' && !tx) {
      const rows = await this.db.query(
        `SELECT 1 FROM federation_keys WHERE use = 'sig' AND retired_at IS NULL`,
      );
      if (rows.length === 0) {
        return (await this.rotate('sig'), (await this.active('enc')).kid);
      }
    }
    const alg = use === 'sig' ? NODE_SIG_ALG : NODE_ENC_ALG;
    const { publicKey, privateKey } = await generateKeyPair(alg, {
      crv: use === 'sig' ? 'Ed25519' : 'X25519',
      extractable: true,
    });
    const kid = randomUUID();
    const bare = await exportJWK(publicKey);
    const thumbprint = await calculateJwkThumbprint(bare);
    const sealed = this.box.seal(JSON.stringify(await exportJWK(privateKey)));
    const write = async (q: Queryable) => {
      await q.query('SELECT pg_advisory_xact_lock(727276)');
      const signer = await q.query<KeyRow>(
        `SELECT kid, use, public_jwk, private_jwk_encrypted FROM federation_keys
         WHERE use = 'sig' AND retired_at IS NULL ORDER BY created_at DESC LIMIT 1`,
      );
      // The active signing key vouches for its successor and for every encryption key.
      const endorsement = signer[0] ? await this.endorse(signer[0], thumbprint) : undefined;
      const jwk: NodeJwk = { ...bare, kid, alg, use, ...(endorsement ? { endorsement } : {}) };
      await q.query(
        `UPDATE federation_keys SET retired_at = now() WHERE use = $1 AND retired_at IS NULL`,
        [use],
      );
      await q.query(
        `INSERT INTO federation_keys (kid, use, alg, public_jwk, private_jwk_encrypted, thumbprint, endorsement)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [kid, use, alg, JSON.stringify(jwk), sealed, thumbprint, endorsement ?? null],
      );
    };
    await (tx ? write(tx) : this.db.transaction(write));
    if (use === 'sig') {
      await this.rotate('enc', tx);
    }
    return kid;
  }

  private async endorse(signer: KeyRow, thumbprint: string): Promise<string> {
    return new CompactSign(new TextEncoder().encode(thumbprint))
      .setProtectedHeader({ alg: NODE_SIG_ALG, typ: ENDORSEMENT_TYP, kid: signer.kid })
      .sign(await this.privateKey(signer));
  }

  private async privateKey(row: KeyRow): Promise<CryptoKey | Uint8Array> {
    let key = this.imported.get(row.kid);
    if (!key) {
      const jwk = JSON.parse(this.box.open(row.private_jwk_encrypted)) as JWK;
      key = await importJWK(jwk, row.use === 'sig' ? NODE_SIG_ALG : NODE_ENC_ALG);
      this.imported.set(row.kid, key);
    }
    return key;
  }
}
