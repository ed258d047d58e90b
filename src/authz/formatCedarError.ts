import type { DetailedError } from './cedar.js';

/**
 * Renders a Cedar diagnostic as `line L, column C: message (help)`, locating it in `source`.
 *
 * @example formatCedarError(text, error) // 'line 4, column 12: unexpected token `}`'
 */
export function formatCedarError(source: string, error: DetailedError): string {
  const start = error.sourceLocations?.[0]?.start;
  const where = start === undefined ? '' : `${position(source, start)}: `;
  const help = error.help ? ` (${error.help})` : '';
  return `${where}${error.message}${help}`;
}

/** Cedar reports UTF-8 byte offsets, so count over bytes, not UTF-16 code units. */
function position(source: string, byteOffset: number): string {
  const before = Buffer.from(source, 'utf8').subarray(0, byteOffset).toString('utf8');
  const lines = before.split('\n');
  return `line ${lines.length}, column ${(lines.at(-1)?.length ?? 0) + 1}`;
}
