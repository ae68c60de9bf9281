import { readdirSync, readFileSync } from 'node:fs';
/** Latency statistics for the benchmarks. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export interface Summary {
  n: number;
  p50: number;
  p95: number;
  p99: number;
}

export function summarize(samples: number[]): Summary {
  const s = [...samples].sort((a, b) => a - b);
  return { n: s.length, p50: percentile(s, 50), p95: percentile(s, 95), p99: percentile(s, 99) };
}

/** Runs `tasks` with `concurrency` workers; returns each task's duration in ms. */
export async function runConcurrent<T>(items: T[], concurrency: number, task: (item: T) => Promise<void>): Promise<number[]> {
  const durations: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++]!;
      const t = process.hrtime.bigint();
      await task(item);
      durations.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return durations;
}

export const ms = (n: number) => (Number.isNaN(n) ? '-' : n < 10 ? n.toFixed(2) : n.toFixed(1));

/**
 * CPU time (user + system, ms) used so far by one process and by all PostgreSQL server processes on this machine,
 * from /proc (Linux; null elsewhere): the benchmarks print it per request beside the latencies, since with every
 * client, server and database process on two cores, latency follows the CPU each request costs.
 */
export function cpuTimes(serverPid: number | undefined): { server: number; postgres: number } | null {
  if (process.platform !== 'linux' || serverPid === undefined) return null;
  const tick = 10; // USER_HZ is 100 on Linux
  const used = (stat: string) => {
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) * tick; // utime, stime (fields 14 and 15)
  };
  try {
    let postgres = 0;
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        if (stat.includes('(postgres)')) postgres += used(stat);
      } catch {
        // the process ended meanwhile
      }
    }
    return { server: used(readFileSync(`/proc/${serverPid}/stat`, 'utf8')), postgres };
  } catch {
    return null;
  }
}
