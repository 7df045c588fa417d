// Summarises a V8 .cpuprofile (node --cpu-prof): self time by function and by package/folder.
//   node scripts/bench/profile-summary.mjs <file.cpuprofile> [top]
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;

/** `{total, byFunction: [{name, where, ms, share}], byPlace: [...]}` from a .cpuprofile file. */
export function summarise(file, top = 25) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map();
  const deltas = profile.timeDeltas;
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i];
    selfUs.set(id, (selfUs.get(id) ?? 0) + (deltas[i + 1] ?? deltas[i] ?? 0));
  }
  let total = 0;
  const byFunction = new Map();
  const byPlace = new Map();
  for (const [id, us] of selfUs) {
    const { callFrame } = nodes.get(id);
    total += us;
    const where = place(callFrame.url);
    const name = callFrame.functionName || '(anonymous)';
    const key = `${name} ${where}:${callFrame.lineNumber + 1}`;
    const f = byFunction.get(key) ?? { name, where: `${where}:${callFrame.lineNumber + 1}`, us: 0 };
    f.us += us;
    byFunction.set(key, f);
    const group = group_(callFrame.url, name);
    byPlace.set(group, (byPlace.get(group) ?? 0) + us);
  }
  const share = (us) => Math.round((1000 * us) / total) / 10;
  return {
    totalMs: Math.round(total / 1000),
    byFunction: [...byFunction.values()]
      .sort((a, b) => b.us - a.us)
      .slice(0, top)
      .map((f) => ({ name: f.name, where: f.where, ms: Math.round(f.us / 1000), share: share(f.us) })),
    byPlace: [...byPlace.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([where, us]) => ({ where, ms: Math.round(us / 1000), share: share(us) })),
  };
}

function place(url) {
  if (!url) return '(native)';
  const path = url.startsWith('file://') ? new URL(url).pathname : url;
  return path.startsWith(root) ? relative(root, path) : path;
}

/** node internals, a package in node_modules, or the folder of our own file. */
function group_(url, name) {
  if (!url) return name.startsWith('(') ? name : '(native/V8)';
  if (url.startsWith('node:')) return `node: ${url.slice(5).split('/')[0]}`;
  const path = place(url);
  const nm = path.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = path.slice(nm + 13).split('/');
    return `npm: ${rest[0].startsWith('@') ? rest.slice(0, 2).join('/') : rest[0]}`;
  }
  return path.replace(/\/[^/]+$/, '/');
}

export function formatSummary(summary) {
  const lines = [`total self time ${summary.totalMs} ms`, '', 'self time by function:'];
  for (const f of summary.byFunction)
    lines.push(`  ${String(f.share).padStart(5)}%  ${String(f.ms).padStart(6)} ms  ${f.name}  ${f.where}`);
  lines.push('', 'self time by place:');
  for (const p of summary.byPlace)
    lines.push(`  ${String(p.share).padStart(5)}%  ${String(p.ms).padStart(6)} ms  ${p.where}`);
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(formatSummary(summarise(process.argv[2], Number(process.argv[3] ?? 25))));
}
