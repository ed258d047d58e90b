/**
 * A score typed into a form, as the number the API takes: digits with up to two decimals,
 * or undefined for anything else (the API checks the range again).
 */
export function readScore(text: string): number | undefined {
  const trimmed = text.trim();
  if (!/^\d{1,4}(\.\d{1,2})?$/.test(trimmed)) return undefined;
  const score = Number(trimmed);
  return score <= 1000 ? score : undefined;
}
