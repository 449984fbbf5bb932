import { Secret, TOTP } from 'otpauth';

const PERIOD = 30;

function totpFor(base32: string, label = 'user'): TOTP {
  return new TOTP({
    issuer: 'Ariadne',
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: PERIOD,
    secret: Secret.fromBase32(base32),
  });
}

/** A new random TOTP seed (base32) and its otpauth:// URI for authenticator apps. */
export function newTotpSecret(label: string): { secret: string; uri: string } {
  const secret = new Secret({ size: 20 }).base32;
  return { secret, uri: totpFor(secret, label).toString() };
}

/** Returns the time step a code belongs to (±1 step of drift), or null when it is wrong. */
export function checkTotp(base32: string, code: string, now = Date.now()): number | null {
  const delta = totpFor(base32).validate({ token: code, timestamp: now, window: 1 });
  return delta === null ? null : Math.floor(now / 1000 / PERIOD) + delta;
}

/** The current code for a seed (used by the CLI and tests). */
export function currentTotp(base32: string, now = Date.now()): string {
  return totpFor(base32).generate({ timestamp: now });
}
