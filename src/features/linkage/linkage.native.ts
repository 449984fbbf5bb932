// The optional native Dice kernel (native/dice, an N-API addon built at install, ADR 0133) and the
// choice between it and the WebAssembly kernel: native when it loaded, else wasm;
// LINKAGE_KERNEL=native|wasm forces one (native forced but not built is an error at startup).
import { join } from 'node:path';
import { isMainThread } from 'node:worker_threads';
import { getLogger } from '../../platform/logger.js';
import { loadNativeAddon } from '../../platform/native-addon.js';

/** The addon's two operations (native/dice/dice.c documents their arguments and output). */
export interface NativeDice {
  block(
    a: Uint8Array,
    pca: Uint32Array,
    b: Uint8Array,
    pcb: Uint32Array,
    aFrom: number,
    aTo: number,
    bFrom: number,
    bTo: number,
    thr: number,
    out: Uint32Array,
  ): number;
  pairs(
    a: Uint8Array,
    pca: Uint32Array,
    b: Uint8Array,
    pcb: Uint32Array,
    candidates: Uint32Array,
    thr: number,
    out: Uint32Array,
  ): number;
}

/** Which kernel compares encodings. */
export type KernelBackend = 'native' | 'wasm';

const ADDON = join('native', 'dice', 'build', 'Release', 'dice.node');
let addon: { kernel: NativeDice | null; why: string } | undefined;

/** The native kernel, or null when it is not built or did not load. */
export function nativeDice(): NativeDice | null {
  if (!addon) {
    const loaded = loadNativeAddon<NativeDice>(ADDON, import.meta.url);
    addon = { kernel: loaded.addon, why: loaded.why };
  }
  return addon.kernel;
}

let chosen: KernelBackend | undefined;

/**
 * The kernel the service uses (decided once, logged once on the main thread): LINKAGE_KERNEL if
 * set, else native when the addon loaded, else wasm. Throws when LINKAGE_KERNEL is not one of the
 * two or asks for native that is not there.
 */
export function diceKernelBackend(): KernelBackend {
  if (chosen) {
    return chosen;
  }
  const forced = process.env.LINKAGE_KERNEL;
  if (forced !== undefined && forced !== '' && forced !== 'native' && forced !== 'wasm') {
    throw new Error(`LINKAGE_KERNEL must be "native" or "wasm", not "${forced}"`);
  }
  const native = nativeDice();
  if (forced === 'native' && !native) {
    throw new Error(`LINKAGE_KERNEL=native but the native Dice kernel is missing: ${addon!.why}`);
  }
  chosen = forced === 'wasm' || !native ? 'wasm' : 'native';
  if (isMainThread) {
    getLogger('app').info('linkage Dice kernel', {
      kernel: chosen,
      reason: forced ? 'LINKAGE_KERNEL' : chosen === 'native' ? 'addon loaded' : addon!.why,
    });
  }
  return chosen;
}
