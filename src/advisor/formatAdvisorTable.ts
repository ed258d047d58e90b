import { severities, type CheckResult } from './AdvisorCheck.js';
import type { AdvisorReport } from './runAdvisor.js';

const ansi = { reset: '\x1b[0m', bold: '\x1b[1m', dim: '\x1b[2m', red: '\x1b[31m', green: '\x1b[32m', yellow: '\x1b[33m', magenta: '\x1b[35m', cyan: '\x1b[36m' };
const severityColour = { critical: ansi.bold + ansi.red, high: ansi.red, medium: ansi.yellow, low: ansi.cyan };
const statusColour = { fail: ansi.bold + ansi.red, pass: ansi.green, unknown: ansi.magenta };
// Failures first, the worst at the top; then what could not be told; then what passed.
const statusRank = { fail: 0, unknown: 1, pass: 2 };

/**
 * The report as a table for a terminal: one line a check (status, severity, id, finding) and,
 * under each failure or unknown, how to fix it; ANSI colours when `colour` is true.
 */
export function formatAdvisorTable(report: AdvisorReport, colour: boolean): string {
  const paint = (code: string, text: string) => (colour ? code + text + ansi.reset : text);
  const rows = [...report.checks].sort((a, b) => statusRank[a.status] - statusRank[b.status] || severities.indexOf(a.severity) - severities.indexOf(b.severity));
  const idWidth = Math.max(5, ...rows.map((row) => row.id.length));
  const line = (status: string, severity: string, id: string, finding: string) => `${status.padEnd(8)} ${severity.padEnd(9)} ${id.padEnd(idWidth)}  ${finding}`;
  const out = [`Gatehouse security advisor, ${report.generatedAt}`, '', paint(ansi.bold, line('STATUS', 'SEVERITY', 'CHECK', 'FINDING'))];
  for (const row of rows) {
    out.push(line(paint(statusColour[row.status], row.status.toUpperCase().padEnd(8)), paint(severityColour[row.severity], row.severity.padEnd(9)), printable(row.id), printable(row.finding)));
    if (row.status !== 'pass') out.push(paint(ansi.dim, `${' '.repeat(8 + 1 + 9 + 1 + idWidth + 2)}fix: ${printable(row.fix)}`));
  }
  const { summary } = report;
  out.push('', summaryLine(report.checks, summary, paint));
  return `${out.join('\n')}\n`;
}

// Findings carry what a probed server, the npm registry or the database said: no C0/C1 control
// character of theirs may move the cursor or recolour a FAIL as a PASS.
function printable(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '\ufffd');
}

function summaryLine(checks: CheckResult[], summary: AdvisorReport['summary'], paint: (code: string, text: string) => string): string {
  const failing = severities.map((severity) => paint(summary[severity] > 0 ? severityColour[severity] : '', `${summary[severity]} ${severity}`)).join(', ');
  return `${checks.length} checks: failing ${failing}; ${paint(ansi.green, `${summary.passed} passed`)}; ${paint(summary.unknown > 0 ? ansi.magenta : '', `${summary.unknown} unknown`)}`;
}
