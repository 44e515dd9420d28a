/** Medians, percentiles, number formatting and the summary table. */

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Nearest-rank percentile of unsorted samples (p in 0..100). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export function rate(n: number): string {
  if (!Number.isFinite(n)) return 'n/a';
  return Math.round(n).toLocaleString('en-US');
}

export function ms(n: number): string {
  if (!Number.isFinite(n)) return 'n/a';
  return `${n < 10 ? n.toFixed(2) : n.toFixed(1)} ms`;
}

export function pct(ratio: number): string {
  if (!Number.isFinite(ratio)) return 'n/a';
  return `${(ratio * 100).toFixed(0)}%`;
}

/** One line of the summary. */
export interface Figure {
  readonly name: string;
  readonly value: string;
  readonly ratio?: string;
  readonly target?: string;
  /** undefined: informational, no target. */
  readonly pass?: boolean;
}

export function renderTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  rightAligned: ReadonlySet<number>,
): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const cell = (text: string, i: number): string =>
    rightAligned.has(i) ? text.padStart(widths[i]!) : text.padEnd(widths[i]!);
  const line = (cells: readonly string[]): string => `| ${cells.map((c, i) => cell(c, i)).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (rightAligned.has(i) ? `${'-'.repeat(w + 1)}:` : `:${'-'.repeat(w + 1)}`)).join('|')}|`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}

export function renderSummary(figures: readonly Figure[]): string {
  const rows = figures.map((f) => [
    f.name,
    f.value,
    f.ratio ?? '—',
    f.target ?? '—',
    f.pass === undefined ? 'info' : f.pass ? 'PASS' : 'MISS',
  ]);
  return renderTable(['figure', 'median', 'ratio', 'target', 'result'], rows, new Set([1, 2]));
}
