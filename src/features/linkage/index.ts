// Privacy-preserving record linkage (CLK encodings, Dice comparison, linkage unit): the feature's
// only public surface.
export {
  REPORT_SCHEMA,
  SCHEMAS,
  baseBits,
  type EncodingSchema,
  type FieldSpec,
  type Hardening,
} from './linkage.schema.js';
export {
  deriveKeys,
  newLinkageSecret,
  type LinkageKeys,
  type SecretScope,
} from './linkage.keys.js';
export { ClkEncoder, ENCODING_BYTES, dice, popcount, type FieldValues } from './linkage.encoder.js';
export { DiceKernel, pack, type DicePair, type PackedEncodings } from './linkage.dice.js';
export { diceModuleBytes } from './linkage.wasm.js';
export { greedyOneToOne } from './linkage.solver.js';
