/**
 * Sources of uniformly random 32-bit words for the privacy samplers.
 *
 * The only source fit for a release is `cryptoRandomSource`: node:crypto's CSPRNG
 * (randomFillSync, the operating system's generator through OpenSSL). Differential privacy
 * assumes the noise is unpredictable to the attacker; Math.random (xorshift128+) is
 * predictable from a few outputs and must never be used.
 *
 * `unsafeSeededSource` exists for tests and reproducible benchmarks only: it is AES-256-CTR
 * keyed by SHA-256 of the seed, so its stream is uniform and reproducible, but anyone who
 * knows the seed can subtract the noise. Every output made with it says `unsafeSeed: true`.
 */
import { createCipheriv, createHash, randomFillSync } from 'node:crypto';

/** A stream of independent uniform 32-bit words. */
export interface RandomSource {
  /** The next uniform integer in [0, 2^32). */
  uint32(): number;
  /** True for a seeded, reproducible (test-only) source: its output is not private. */
  readonly unsafe: boolean;
  /** How the words are produced, for the report. */
  readonly label: string;
}

const BUFFER_BYTES = 1 << 16;

/** Reads a byte buffer refilled by `refill` as little-endian 32-bit words. */
function bufferedSource(refill: (buf: Uint8Array) => void, unsafe: boolean, label: string): RandomSource {
  const bytes = new Uint8Array(BUFFER_BYTES);
  const words = new Uint32Array(bytes.buffer);
  let next = words.length;
  return {
    unsafe,
    label,
    uint32() {
      if (next === words.length) {
        refill(bytes);
        next = 0;
      }
      return words[next++];
    },
  };
}

/** The cryptographically secure source (node:crypto). The one to use for a release. */
export function cryptoRandomSource(): RandomSource {
  return bufferedSource((buf) => randomFillSync(buf), false, 'node:crypto randomFillSync');
}

/**
 * UNSAFE, for tests and benchmarks only: a reproducible stream from an integer seed
 * (AES-256-CTR keystream, key = SHA-256("edra-unsafe-seed:" + seed)). Noise drawn from it can
 * be recomputed by anyone who knows the seed, so a release made with it protects nobody.
 */
export function unsafeSeededSource(seed: number | bigint | string): RandomSource {
  const key = createHash('sha256').update(`edra-unsafe-seed:${String(seed)}`).digest();
  const cipher = createCipheriv('aes-256-ctr', key, Buffer.alloc(16));
  const zeros = new Uint8Array(BUFFER_BYTES);
  return bufferedSource((buf) => buf.set(cipher.update(zeros)), true, `UNSAFE seeded AES-256-CTR (seed ${String(seed)})`);
}
