/**
 * The command line of a run, as one shell-quoted string for the report's reproducibility section.
 */

/** `edra` followed by the arguments, each quoted for a POSIX shell when it needs it. */
export function commandLineOf(argv: readonly string[]): string {
  return ['edra', ...argv].map(shellQuote).join(' ');
}

function shellQuote(arg: string): string {
  if (arg !== '' && /^[\w@%+=:,./-]+$/.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}
