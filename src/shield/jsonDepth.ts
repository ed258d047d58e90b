/** How deep a JSON body may nest: far beyond any body of the contract, far below a stack overflow. */
export const maxJsonDepth = 32;

/**
 * The deepest nesting of objects and arrays in `text`, counted without parsing, stopping
 * as soon as it passes `limit`: a megabyte of `[` must be refused before anything recurses
 * over it (validation, redaction).
 */
export function jsonDepthExceeds(text: string, limit = maxJsonDepth): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 0x5c) i += 1; // backslash: skip the escaped character
      else if (ch === 0x22) inString = false;
    } else if (ch === 0x22) inString = true;
    else if (ch === 0x5b || ch === 0x7b) {
      depth += 1;
      if (depth > limit) return true;
    } else if (ch === 0x5d || ch === 0x7d) depth -= 1;
  }
  return false;
}
