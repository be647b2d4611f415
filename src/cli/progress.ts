/** Progress on stderr: shown only when stderr is a terminal and not --quiet. */
export interface Progress {
  stage(message: string): void;
  done(): void;
}

export function createProgress(quiet: boolean, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (quiet || !stream.isTTY) return { stage() {}, done() {} };
  const start = Date.now();
  let last = '';
  const line = (msg: string) => stream.write(`\r\x1b[2K${msg}`);
  return {
    stage(message) {
      last = message;
      line(`edra: ${message} ... (${((Date.now() - start) / 1000).toFixed(1)} s)`);
    },
    done() {
      if (last) line('');
    },
  };
}
