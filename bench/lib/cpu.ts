/**
 * CPU time of this benchmark's child processes (Temporal dev server, FerretDB,
 * api, workers), read from /proc: where the time goes, per server, during a phase.
 */
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_S = 100;

export type CpuSnapshot = Map<number, { name: string; seconds: number }>;

export function cpuSnapshot(): CpuSnapshot {
  const snapshot: CpuSnapshot = new Map();
  // Descendants count for the child they run under: PostgreSQL's backends are
  // children of its postmaster, which is ours.
  const procs = new Map<number, { parent: number; seconds: number }>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Fields after the command name (which may hold spaces) start at ") ".
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      procs.set(Number(entry), {
        parent: Number(fields[1]),
        seconds: (Number(fields[11]) + Number(fields[12])) / TICKS_PER_S,
      });
    } catch {
      // gone meanwhile
    }
  }
  const ourChild = (pid: number): number | undefined => {
    for (let p = pid, hops = 0; hops < 10; hops++) {
      const parent = procs.get(p)?.parent;
      if (parent === undefined || parent <= 1) return undefined;
      if (parent === process.pid) return p;
      p = parent;
    }
    return undefined;
  };
  for (const [pid, { seconds }] of procs) {
    const child = ourChild(pid);
    if (child === undefined) continue;
    try {
      const name = processName(readFileSync(`/proc/${child}/cmdline`, 'utf8').split('\0'));
      snapshot.set(pid, { name, seconds });
    } catch {
      // gone meanwhile
    }
  }
  snapshot.set(process.pid, {
    name: 'load generator',
    seconds: process.cpuUsage().user / 1e6 + process.cpuUsage().system / 1e6,
  });
  return snapshot;
}

/** CPU seconds per process name between two snapshots, e.g. { temporal: 12.3, ferretdb: 8.1, api: 3.2 }. */
export function cpuBetween(before: CpuSnapshot, after: CpuSnapshot): Record<string, number> {
  const result: Record<string, number> = {};
  for (const [pid, { name, seconds }] of after) {
    const used = seconds - (before.get(pid)?.seconds ?? 0);
    result[name] = Math.round(((result[name] ?? 0) + used) * 10) / 10;
  }
  return result;
}

function processName(cmdline: string[]): string {
  const joined = cmdline.join(' ');
  if (joined.includes('dist/api/main.js')) return 'api';
  if (joined.includes('dist/worker/main.js')) return 'worker';
  if (joined.includes('bare-express')) return 'bare';
  if (/temporal/.test(cmdline[0] ?? '')) return 'temporal';
  if (/ferretdb/.test(cmdline[0] ?? '')) return 'ferretdb';
  return cmdline[0]?.split('/').pop() ?? '?';
}
