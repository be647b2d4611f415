/**
 * HTML that is safe to insert as it is. The template renderer escapes every value except
 * instances of SafeHtml, and only edra's own code makes them (the charts, the digest slots):
 * a template, a spec or a result can never inject markup.
 */
export class SafeHtml {
  /** @param html markup built by edra from escaped parts. */
  constructor(readonly html: string) {}

  /** Charts and slots are presentation, not figures: left out of the JSON twin. */
  toJSON(): undefined {
    return undefined;
  }

  toString(): string {
    return this.html;
  }
}

const htmlEscapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => htmlEscapes[c]);
}

/**
 * Escapes text for a double-quoted CSS string (e.g. `content: "..."` in a print header):
 * everything but letters, digits, space and a few punctuation marks becomes a hex escape,
 * so neither a quote nor `</style>` can close the context.
 */
export function escapeCssString(text: string): string {
  return text.replace(/[^A-Za-z0-9 .,:;_()\-]/gu, (c) => `\\${c.codePointAt(0)!.toString(16).padStart(6, '0')}`);
}
