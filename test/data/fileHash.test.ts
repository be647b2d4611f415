/** sha256File equals the SHA-256 of the whole file's bytes, at every size around its chunk boundary. */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HASH_CHUNK, sha256File } from '../../src/data/fileHash.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'edra-hash-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('sha256File', () => {
  it.each([0, 1, HASH_CHUNK - 1, HASH_CHUNK, HASH_CHUNK + 1, 3 * HASH_CHUNK + 17])('%i bytes: the digest of the bytes', async (size) => {
    const bytes = randomBytes(size);
    const file = path.join(dir, `f${size}`);
    fs.writeFileSync(file, bytes);
    expect(await sha256File(file)).toBe(createHash('sha256').update(bytes).digest('hex'));
  });

  it('a missing file rejects with ENOENT (the caller names the file and the rule)', async () => {
    await expect(sha256File(path.join(dir, 'missing'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
