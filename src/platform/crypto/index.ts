export { SecretBox } from './secret-box.js';
export { SigningKeys, TOKEN_ALG } from './signing-keys.js';
export {
  AccessTokens,
  ACCESS_TOKEN_AUDIENCE,
  ACCESS_TOKEN_TYP,
  type AccessClaims,
} from './tokens.js';
export { hashPassword, verifyPassword, dummyHash, useTestPasswordCost } from './passwords.js';
