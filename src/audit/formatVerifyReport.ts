import type { VerifyReport } from './verifyTrail.js';

/**
 * The summary `gatehouse audit verify` prints, in the style of CloudTrail's `validate-logs`:
 * what was asked and found, `N/N digests valid`, `M/M events valid`, then the first break.
 */
export function formatVerifyReport(report: VerifyReport, source: string, archivedThrough = 0): string {
  const lines = [`Validating the audit trail in ${source}`];
  const found = report.firstSequence === null ? 'no events' : `events ${report.firstSequence} to ${report.lastSequence}`;
  lines.push(`Results found for ${found}${archivedThrough > 0 ? ` (1 to ${archivedThrough} archived: verify them with --dir)` : ''}:`, '');
  lines.push(`${report.digests.valid}/${report.digests.checked} digests valid`);
  lines.push(`${report.events.valid}/${report.events.checked} events valid`);
  if (report.unsigned > 0) lines.push(`${report.unsigned} newest event${report.unsigned === 1 ? ' is' : 's are'} not signed by a digest yet`);
  const [first, ...rest] = report.breaks;
  if (first) {
    lines.push('', `First break: sequence ${first.sequence} (${first.reason}): ${first.detail}`);
    for (const more of rest.slice(0, 9)) lines.push(`Also: sequence ${more.sequence} (${more.reason}): ${more.detail}`);
    lines.push('', 'The trail does NOT verify.');
  } else {
    lines.push('', 'The trail verifies.');
  }
  return `${lines.join('\n')}\n`;
}
