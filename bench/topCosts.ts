// `node --import tsx bench/topCosts.ts <file.cpuprofile> [count]`: the functions that took the
// most CPU in a profile written with GATEHOUSE_BENCH_CPU_PROF, by self time and by total time
// (self plus everything they called), as bench/README.md's "Profile" section lists them.
import fs from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [file, countText] = process.argv.slice(2);
if (!file) {
  console.error('usage: topCosts <file.cpuprofile> [count]');
  process.exit(2);
}
const count = Number(countText ?? 25);
const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parent = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

const selfUs = new Map<number, number>();
profile.samples.forEach((id, index) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0)));
const total = [...selfUs.values()].reduce((sum, us) => sum + us, 0);

const label = (node: ProfileNode) => {
  const where = node.callFrame.url.replace(/^file:\/\//, '').replace(process.cwd() + '/', '');
  return `${node.callFrame.functionName || '(anonymous)'} ${where ? `${where}:${node.callFrame.lineNumber + 1}` : ''}`.trim();
};
const self = new Map<string, number>();
const inclusive = new Map<string, number>();
for (const [id, us] of selfUs) {
  self.set(label(byId.get(id)!), (self.get(label(byId.get(id)!)) ?? 0) + us);
  // Each sample counts once for every distinct function on its stack.
  const seen = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
    const name = label(byId.get(at)!);
    if (seen.has(name)) continue;
    seen.add(name);
    inclusive.set(name, (inclusive.get(name) ?? 0) + us);
  }
}
const print = (title: string, costs: Map<string, number>) => {
  console.log(`\n${title} (of ${(total / 1000).toFixed(0)} ms sampled)`);
  for (const [name, us] of [...costs].sort((a, b) => b[1] - a[1]).slice(0, count)) console.log(`${((100 * us) / total).toFixed(1).padStart(5)}%  ${name}`);
};
print('self time', self);
print('total time', inclusive);
