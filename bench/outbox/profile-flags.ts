/** BENCH_WORKER_PROFILE=dir: CPU profiles of the workers and of the bare pool's process, written there. */
export const profileFlags = (): string[] =>
  process.env.BENCH_WORKER_PROFILE
    ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_WORKER_PROFILE}`]
    : [];
