import { readdirSync, readFileSync } from "node:fs";

// CPU time from Linux's /proc, to say where a run's time went. Elsewhere: NaN.

const TICKS_PER_SECOND = 100;

function statCpuMs(stat: string): number {
  // Fields after the command name (which may hold spaces, inside parentheses): utime and stime are 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

/** User and system CPU a process has used so far, in ms. */
export function processCpuMs(pid: number): number {
  try {
    return statCpuMs(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return NaN;
  }
}

/** CPU used so far by each PostgreSQL server process on this machine, in ms, by pid. */
export function postgresCpuByPid(): Map<string, number> {
  const byPid = new Map<string, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      if (stat.includes("(postgres)")) byPid.set(entry, statCpuMs(stat));
    } catch {
      // The process ended meanwhile.
    }
  }
  return byPid;
}

/**
 * PostgreSQL's CPU between two readings: each process's own difference (a
 * process started meanwhile counts from zero; one that ended meanwhile, a
 * connection closing, is left out rather than subtracted). NaN without PostgreSQL.
 */
export function postgresCpuBetween(before: Map<string, number>, after: Map<string, number>): number {
  if (after.size === 0) return NaN;
  let total = 0;
  for (const [pid, ms] of after) total += ms - (before.get(pid) ?? 0);
  return total;
}

/** This process's CPU so far, in ms. */
export const ownCpuMs = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};
