import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/*
 * tsx bench/fulfillment/profile-summary.ts <file.cpuprofile> [lines]: a V8 CPU profile's self time by function and by
 * file (a package under node_modules counts as one file), and the time under each of the project's own files.
 */

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly children?: readonly number[];
}
export interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** A frame's file: the project's path, a package's name, or what V8 calls it (`(garbage collector)`, `writev`). */
function fileOf({ url, functionName }: ProfileNode['callFrame']): string {
  const path = url.replace(/^file:\/\//, '');
  const inPackage = /node_modules\/((@[^/]+\/)?[^/]+)/.exec(path);
  if (inPackage) return `pkg:${inPackage[1]}`;
  if (path.startsWith(ROOT)) return path.slice(ROOT.length);
  return path || functionName;
}

function add(into: Map<string, number>, key: string, microseconds: number): void {
  into.set(key, (into.get(key) ?? 0) + microseconds);
}

export function summarise(profile: CpuProfile, lines = 30): string {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parents = new Map<number, number>();
  for (const n of profile.nodes) for (const child of n.children ?? []) parents.set(child, n.id);
  const selfByNode = new Map<number, number>();
  profile.samples.forEach((id, i) => selfByNode.set(id, (selfByNode.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const byFunction = new Map<string, number>();
  const byFile = new Map<string, number>();
  const underOwnFile = new Map<string, number>();
  let total = 0;
  for (const [id, microseconds] of selfByNode) {
    const { callFrame } = nodes.get(id)!;
    const file = fileOf(callFrame);
    total += microseconds;
    add(byFunction, `${callFrame.functionName || '(anonymous)'} ${file}:${callFrame.lineNumber + 1}`, microseconds);
    add(byFile, file, microseconds);
    // Inclusive time of the project's files: each counted once per sample, however deep the recursion.
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parents.get(at)) {
      const own = fileOf(nodes.get(at)!.callFrame);
      if (!/^(src|bench)\//.test(own) || seen.has(own)) continue;
      seen.add(own);
      add(underOwnFile, own, microseconds);
    }
  }
  const idle = byFunction.get('(idle) (idle):0') ?? 0;
  const top = (title: string, figures: Map<string, number>) =>
    [
      `--- ${title}`,
      ...[...figures]
        .sort((a, b) => b[1] - a[1])
        .slice(0, lines)
        .map(
          ([key, us]) =>
            `${((us / total) * 100).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(6)} ms  ${key}`,
        ),
    ].join('\n');
  return [
    `${(total / 1000).toFixed(0)} ms sampled, ${(((total - idle) / total) * 100).toFixed(0)}% busy`,
    top('self time by function', byFunction),
    top('self time by file', byFile),
    top('time under each of the project’s files (inclusive)', underOwnFile),
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [path, lines] = process.argv.slice(2);
  if (!path) throw new Error('usage: profile-summary.ts <file.cpuprofile> [lines]');
  console.log(summarise(JSON.parse(readFileSync(path, 'utf8')) as CpuProfile, Number(lines ?? 30)));
}
