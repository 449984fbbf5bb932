// A max-heap of record indices keyed by their bounds, for the batch scorer's bands
// (matching.batch.ts): the band is heapified in place and popped best first, so only the pairs
// actually scored cost a sort step (ADR 0177). A NaN bound counts as +Infinity (scored first).

function key(b: number): number {
  return b === b ? b : Infinity;
}

function siftDown(heap: Int32Array, at: number, m: number, bounds: Float64Array): void {
  const moving = heap[at]!;
  const k = key(bounds[moving]!);
  let i = at;
  for (;;) {
    let c = 2 * i + 1;
    if (c >= m) {
      break;
    }
    if (c + 1 < m && key(bounds[heap[c + 1]!]!) > key(bounds[heap[c]!]!)) {
      c++;
    }
    if (!(key(bounds[heap[c]!]!) > k)) {
      break;
    }
    heap[i] = heap[c]!;
    i = c;
  }
  heap[i] = moving;
}

/** Orders heap[0..m) as a max-heap of bounds[index]. */
export function heapify(heap: Int32Array, m: number, bounds: Float64Array): void {
  for (let i = (m >> 1) - 1; i >= 0; i--) {
    siftDown(heap, i, m, bounds);
  }
}

/** Removes the index of the largest bound from the heap of m entries (m ≥ 1) and returns it. */
export function popBest(heap: Int32Array, m: number, bounds: Float64Array): number {
  const top = heap[0]!;
  heap[0] = heap[m - 1]!;
  if (m > 2) {
    siftDown(heap, 0, m - 1, bounds);
  }
  return top;
}
