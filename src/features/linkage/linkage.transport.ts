// The in-process transport: member jurisdictions and a linkage unit hosted on the same node talk
// through the same messages the transnational channel carries between nodes. Each jurisdiction's
// secret-package key pair (X25519) lives in memory only: packages are opened as they arrive.
import { AppError } from '../../platform/errors.js';
import { exportJWK, generateKeyPair, type CryptoKey, type JWK } from 'jose';
import {
  openSecret,
  type LinkageTransport,
  type PairsMessage,
  type UnitMessage,
} from './linkage.messages.js';
import type { SecretScope } from './linkage.keys.js';
import type { LinkageMemberService } from './linkage.member.service.js';
import type { LinkageUnitService } from './linkage.unit.service.js';

/** Transport between jurisdictions and a linkage unit on one node. */
export class LocalLinkageTransport implements LinkageTransport {
  private readonly keys = new Map<string, Promise<{ publicJwk: JWK; privateKey: CryptoKey }>>();

  constructor(
    private readonly unit: () => LinkageUnitService,
    private readonly member: () => LinkageMemberService,
  ) {}

  private keyPair(country: string) {
    let k = this.keys.get(country);
    if (!k) {
      k = generateKeyPair('ECDH-ES+A256KW', { crv: 'X25519' }).then(async (p) => ({
        publicJwk: await exportJWK(p.publicKey),
        privateKey: p.privateKey,
      }));
      this.keys.set(country, k);
    }
    return k;
  }

  async toUnit(message: UnitMessage, _to: string[]): Promise<void> {
    await this.unit().receive(message);
  }

  async toMember(message: PairsMessage): Promise<void> {
    try {
      await this.member().receivePairs(message);
    } catch (e) {
      // A member not hosted here (or not joined yet) fetches its pairs another way.
      if (!(e instanceof AppError && e.code === 'NOT_FOUND')) {
        throw e;
      }
    }
  }

  async memberKey(country: string): Promise<JWK> {
    return (await this.keyPair(country)).publicJwk;
  }

  async sendSecret(_from: string, to: string, _scope: SecretScope, jwe: string): Promise<void> {
    await this.member().receiveSecret(to, jwe);
  }

  async openSecret(country: string, jwe: string) {
    return openSecret(jwe, (await this.keyPair(country)).privateKey);
  }
}
