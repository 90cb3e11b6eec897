import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';

/** Kernel clock ticks per second, the unit of utime/stime in /proc/<pid>/stat. */
const TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

interface ProcStat {
  readonly pid: number;
  readonly comm: string;
  readonly ppid: number;
  /** user + system CPU, ms */
  readonly cpuMs: number;
}

const readStat = (pid: number): ProcStat | undefined => {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may hold spaces: fields are counted after its end.
    const close = text.lastIndexOf(')');
    const fields = text.slice(close + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return { pid, comm: text.slice(text.indexOf('(') + 1, close), ppid: Number(fields[1]), cpuMs: (ticks * 1000) / TICKS };
  } catch {
    return undefined; // gone meanwhile
  }
};

const cmdline = (pid: number): string[] => {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  } catch {
    return [];
  }
};

/**
 * Who a process is, for the CPU table: a stack service (a child of this process running the
 * hcms binary, named by its role), or one of the servers the stack runs on.
 */
const nameOf = (stat: ProcStat): string | undefined => {
  if (stat.ppid === process.pid) {
    const args = cmdline(stat.pid);
    const at = args.findIndex((a) => a.endsWith('hcms.js'));
    if (at < 0) return undefined;
    const role = args.slice(at + 1);
    return role[0] === 'context' ? (role[1] ?? 'context') : role[0];
  }
  if (stat.comm === 'beam.smp' || stat.comm === 'erl_child_setup' || stat.comm === 'epmd') return 'rabbitmq';
  if (stat.comm.startsWith('ferretdb')) return 'ferretdb';
  if (stat.comm === 'postgres' || stat.comm === 'postmaster') return 'postgresql';
  return undefined;
};

/** CPU ms so far per process id (with the name it is counted under), the machine's busy ms, and when. */
export type CpuSnapshot = {
  readonly byPid: ReadonlyMap<number, { readonly name: string; readonly cpuMs: number }>;
  readonly machineBusyMs: number;
  readonly at: number;
};

/** Busy CPU of the whole machine (all cores), ms: everything but idle and iowait. */
const machineBusyMs = (): number => {
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0]?.trim().split(/\s+/).slice(1).map(Number) ?? [];
  const total = cpu.reduce((a, b) => a + b, 0);
  return ((total - (cpu[3] ?? 0) - (cpu[4] ?? 0)) * 1000) / TICKS;
};

/** CPU used so far by each stack service, each server, and this process (the load generator). */
export const cpuSnapshot = (): CpuSnapshot => {
  const byPid = new Map<number, { name: string; cpuMs: number }>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(Number(entry));
    const name = stat && nameOf(stat);
    if (stat && name) byPid.set(stat.pid, { name, cpuMs: stat.cpuMs });
  }
  const own = process.cpuUsage();
  byPid.set(process.pid, { name: 'load generator', cpuMs: (own.user + own.system) / 1000 });
  return { byPid, machineBusyMs: machineBusyMs(), at: performance.now() };
};

const ORDER = ['gateway', 'patients', 'query', 'projector', 'relay', 'appointments', 'notifications', 'load generator'];

/**
 * CPU ms per unit of work (a registration, an event) of each process between two snapshots.
 * A process started in between (a restarted service) is counted from zero, one that ended is left
 * out; machine busy is the share of both cores' time that was not idle.
 */
export const cpuPerUnit = (before: CpuSnapshot, after: CpuSnapshot, units: number): string => {
  const used = new Map<string, number>();
  for (const [pid, { name, cpuMs }] of after.byPid) {
    used.set(name, (used.get(name) ?? 0) + cpuMs - (before.byPid.get(pid)?.cpuMs ?? 0));
  }
  const names = [...new Set([...ORDER, ...used.keys()])].filter((n) => used.has(n));
  const per = names.map((n) => `${n} ${((used.get(n) ?? 0) / Math.max(1, units)).toFixed(2)}`);
  const machineMs = after.machineBusyMs - before.machineBusyMs;
  const busy = machineMs / (availableParallelism() * (after.at - before.at));
  return `${per.join(', ')}; whole machine ${(machineMs / Math.max(1, units)).toFixed(2)} (${Math.round(busy * 100)}% busy)`;
};

/** What the running FerretDB stores its data in, from its command line, so a figure says what it measured. */
export const ferretDbBackend = (): string => {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || !readStat(Number(entry))?.comm.startsWith('ferretdb')) continue;
    // Flags or FERRETDB_* environment variables: the PostgreSQL URL may be in either.
    const environ = (() => {
      try {
        return readFileSync(`/proc/${entry}/environ`, 'utf8')
          .split('\0')
          .filter((v) => v.startsWith('FERRETDB_'))
          .join(' ');
      } catch {
        return '';
      }
    })();
    const args = `${cmdline(Number(entry)).join(' ')} ${environ}`;
    if (/handler=sqlite|sqlite-url/.test(args)) return 'SQLite';
    return /postgres/i.test(args) ? 'PostgreSQL' : 'its default backend';
  }
  return 'an unknown backend (no FerretDB process found)';
};
