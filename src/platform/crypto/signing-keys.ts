import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, importJWK, type JWK, type CryptoKey } from 'jose';
import type { Database, Queryable } from '../db/index.js';
import { SecretBox } from './secret-box.js';

/** The only signature algorithm this node signs or accepts for its own tokens. */
export const TOKEN_ALG = 'EdDSA';

interface KeyRow {
  kid: string;
  public_jwk: JWK;
  private_jwk_encrypted: string;
  retired_at: Date | null;
}

interface LoadedKey {
  kid: string;
  publicJwk: JWK;
  publicKey: CryptoKey | Uint8Array;
  retiredAt: Date | null;
}

const CACHE_MS = 10_000;

/**
 * The node's signing keys: one active key signs, retired keys still verify for a grace
 * period, so rotating keys logs nobody out.
 */
export class SigningKeys {
  private readonly box: SecretBox;
  private cache: { at: number; keys: LoadedKey[] } | undefined;
  private signer: { kid: string; key: CryptoKey | Uint8Array } | undefined;

  constructor(
    private readonly db: Database,
    secret: string,
    private readonly graceSeconds: number,
  ) {
    this.box = new SecretBox(secret, 'signing-keys');
  }

  /** The active key, created on first use. */
  async activeSigner(): Promise<{ kid: string; key: CryptoKey | Uint8Array }> {
    const keys = await this.load();
    const active = keys.find((k) => k.retiredAt === null);
    if (!active) {
      await this.rotate();
      return this.activeSigner();
    }
    if (this.signer?.kid !== active.kid) {
      const rows = await this.db.query<KeyRow>(
        'SELECT private_jwk_encrypted FROM signing_keys WHERE kid = $1',
        [active.kid],
      );
      const jwk = JSON.parse(this.box.open(rows[0]!.private_jwk_encrypted)) as JWK;
      this.signer = { kid: active.kid, key: await importJWK(jwk, TOKEN_ALG) };
    }
    return this.signer;
  }

  /** Public key for a `kid`, if it is active or retired within the grace period. */
  async verificationKey(kid: string): Promise<CryptoKey | Uint8Array | undefined> {
    let key = (await this.load()).find((k) => k.kid === kid);
    if (!key) {
      key = (await this.load(true)).find((k) => k.kid === kid);
    }
    return key?.publicKey;
  }

  /** The JSON Web Key Set published at /.well-known/jwks.json. */
  async jwks(): Promise<{ keys: JWK[] }> {
    return { keys: (await this.load()).map((k) => k.publicJwk) };
  }

  /** Retires the active key and creates a new one; returns the new kid. */
  async rotate(tx?: Queryable): Promise<string> {
    const { publicKey, privateKey } = await generateKeyPair(TOKEN_ALG, {
      crv: 'Ed25519',
      extractable: true,
    });
    const kid = randomUUID();
    const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: TOKEN_ALG, use: 'sig' };
    const sealed = this.box.seal(JSON.stringify(await exportJWK(privateKey)));
    const write = async (q: Queryable) => {
      await q.query('SELECT pg_advisory_xact_lock(727275)');
      await q.query('UPDATE signing_keys SET retired_at = now() WHERE retired_at IS NULL');
      await q.query(
        'INSERT INTO signing_keys (kid, alg, public_jwk, private_jwk_encrypted) VALUES ($1, $2, $3, $4)',
        [kid, TOKEN_ALG, JSON.stringify(publicJwk), sealed],
      );
    };
    await (tx ? write(tx) : this.db.transaction(write));
    this.cache = undefined;
    return kid;
  }

  private async load(force = false): Promise<LoadedKey[]> {
    if (!force && this.cache && Date.now() - this.cache.at < CACHE_MS) {
      return this.cache.keys;
    }
    const rows = await this.db.query<KeyRow>(
      `SELECT kid, public_jwk, private_jwk_encrypted, retired_at FROM signing_keys
       WHERE retired_at IS NULL OR retired_at > now() - make_interval(secs => $1)
       ORDER BY created_at DESC`,
      [this.graceSeconds],
    );
    const keys = await Promise.all(
      rows.map(async (r) => ({
        kid: r.kid,
        publicJwk: r.public_jwk,
        publicKey: await importJWK(r.public_jwk, TOKEN_ALG),
        retiredAt: r.retired_at,
      })),
    );
    this.cache = { at: Date.now(), keys };
    return keys;
  }
}
