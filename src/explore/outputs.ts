/**
 * Where the page may write: a plain file name (no directory part) in the explorer's output
 * directory, with an extension the kind of output allows, and never a file that exists: the
 * explorer creates files, it does not replace them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { HttpError } from './http.js';

const plainName = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/**
 * The path of a new file `name` in `dir`. Throws HttpError 400 for a name that is not a plain
 * file name with one of `extensions`, 409 when the file (or one of `alsoFree`'s) exists.
 * @param alsoFree other paths the output will write, derived from the first (a report's twin)
 */
export function newOutputPath(dir: string, name: unknown, extensions: readonly string[], alsoFree: (file: string) => string[] = () => []): string {
  if (typeof name !== 'string' || !plainName.test(name) || name.includes('..')) {
    throw new HttpError(400, 'give a plain file name: letters, digits, ".", "_" or "-", no directory');
  }
  const ext = path.extname(name).toLowerCase();
  if (!extensions.includes(ext)) throw new HttpError(400, `the file name must end in ${extensions.join(', ')}`);
  const file = path.join(dir, name);
  for (const f of [file, ...alsoFree(file)]) {
    if (fs.existsSync(f)) throw new HttpError(409, `${path.basename(f)} exists in ${dir}: the explorer never replaces a file; choose another name`);
  }
  return file;
}
