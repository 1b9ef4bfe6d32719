// The printable receipt: one self-contained HTML page an auditor can print or save as PDF. Every
// value is escaped; the page loads nothing from elsewhere.
import escapeHtml from 'escape-html';
import type { Receipt, ReceiptRecord } from '../../console/receipt';

const e = (v: unknown) => escapeHtml(v === null || v === undefined ? '—' : typeof v === 'string' ? v : JSON.stringify(v));

const VERDICT_TEXT: Record<Receipt['erasedOnTime']['verdict'], string> = {
  'on-time': 'Yes: erased on time',
  late: 'No: erased late',
  overdue: 'No: overdue, not erased yet',
  pending: 'Not yet due',
  held: 'On legal hold: the clock is stopped',
  'not-terminated': 'Not terminated: retained while active',
};

function recordRows(records: ReceiptRecord[]): string {
  return records
    .map(
      (r) => `<tr>
  <td>${e(r.seq)}</td><td>${e(r.action)}</td><td>${e(r.rule)}</td><td>${e(r.policyVersion)}</td>
  <td><code>${e(r.tables)}</code></td><td>${e(r.startedAt)}</td><td>${e(r.finishedAt)}</td>
  <td><code>${e(r.workflowId)}</code><br><code>${e(r.runId)}</code></td>
  <td class="hash"><code>${e(r.hash)}</code>${r.hashValid ? '' : '<br><strong>does not match its content</strong>'}</td>
</tr>`,
    )
    .join('\n');
}

export function renderReceiptHtml(receipt: Receipt): string {
  const verdict = receipt.erasedOnTime;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Erasure receipt: ${e(receipt.subjectKind)} ${e(receipt.subjectId)}</title>
<style>
  body { font: 14px/1.4 system-ui, sans-serif; margin: 2rem; color: #111; }
  table { border-collapse: collapse; width: 100%; margin: 1rem 0; }
  th, td { border: 1px solid #999; padding: .3rem .5rem; text-align: left; vertical-align: top; }
  .hash code { word-break: break-all; font-size: 11px; }
  .verdict { font-size: 1.3rem; font-weight: bold; }
  @media print { body { margin: 0; } }
</style>
</head>
<body>
<h1>Erasure receipt</h1>
<table>
  <tr><th>Subject</th><td>${e(receipt.subjectKind)} <code>${e(receipt.subjectId)}</code></td></tr>
  <tr><th>Terminated</th><td>${e(receipt.terminatedAt)}</td></tr>
  <tr><th>Deadline</th><td>${e(receipt.dueAt)}</td></tr>
  <tr><th>Erased</th><td>${e(receipt.erasedAt)}</td></tr>
  <tr><th>Ledger hash</th><td class="hash"><code>${e(receipt.ledgerHash)}</code></td></tr>
  <tr><th>Generated</th><td>${e(receipt.generatedAt)}</td></tr>
</table>
<h2>Erased on time?</h2>
<p class="verdict" data-verdict="${e(verdict.verdict)}">${e(VERDICT_TEXT[verdict.verdict])}</p>
<ul>
${verdict.reasons.map((r) => `  <li>${e(r)}</li>`).join('\n')}
</ul>
<h2>What was deleted or anonymised</h2>
<table>
<thead><tr><th>Seq</th><th>Action</th><th>Rule</th><th>Policy</th><th>Tables (rows)</th><th>Started</th><th>Finished</th><th>Workflow / run</th><th>Hash</th></tr></thead>
<tbody>
${recordRows(receipt.erasures)}
</tbody>
</table>
<h2>Post-purge verification</h2>
<table>
<thead><tr><th>Seq</th><th>Action</th><th>Rule</th><th>Policy</th><th>Checks</th><th>Started</th><th>Finished</th><th>Workflow / run</th><th>Hash</th></tr></thead>
<tbody>
${recordRows(receipt.verifications.map((v) => ({ ...v, tables: v.detail })))}
</tbody>
</table>
<p>Each record's hash covers its content and the previous record's hash. The whole chain is
recomputed at <code>GET /api/audit/evidence/verify</code> and by <code>npm run evidence:verify</code>.</p>
</body>
</html>
`;
}
