/**
 * Typed-array helpers of the SUDA2 search (Manning, Haglin & Keane 2008, as implemented in
 * edra): growing a scratch buffer, and the (key, id) sort that ranks items by ascending
 * support.
 */

/** Grows a typed array to at least n elements (contents kept). */
export function grow<B extends ArrayBufferLike>(a: Int32Array<B>, n: number): Int32Array<B | ArrayBuffer> {
  if (a.length >= n) return a;
  const b = new Int32Array(Math.max(n, a.length * 2, 16));
  b.set(a);
  return b;
}

let sortScratch = new Float64Array(64);

/** Sorts ids[from..to) ascending by (key[id], id). */
export function sortByKey(ids: Int32Array, from: number, to: number, key: Int32Array): void {
  const n = to - from;
  if (n <= 24) {
    for (let a = from + 1; a < to; a++) {
      const x = ids[a];
      const kx = key[x];
      let b = a - 1;
      while (b >= from && (key[ids[b]] > kx || (key[ids[b]] === kx && ids[b] > x))) {
        ids[b + 1] = ids[b];
        b--;
      }
      ids[b + 1] = x;
    }
    return;
  }
  // numeric sort of packed (key, id) doubles: no comparator call
  let big = false;
  for (let a = from; a < to && !big; a++) big = key[ids[a]] >= 67108864 || ids[a] >= 67108864;
  if (big) {
    const sub = Array.from(ids.subarray(from, to));
    sub.sort((x, y) => key[x] - key[y] || x - y);
    for (let a = 0; a < n; a++) ids[from + a] = sub[a];
    return;
  }
  if (sortScratch.length < n) sortScratch = new Float64Array(Math.max(n, sortScratch.length * 2));
  const packed = sortScratch.subarray(0, n);
  for (let a = 0; a < n; a++) packed[a] = key[ids[from + a]] * 67108864 + ids[from + a];
  packed.sort();
  for (let a = 0; a < n; a++) ids[from + a] = packed[a] % 67108864;
}
