// How the worker process is launched (npm start, docker-compose.yml, the benches): V8 heap flags and
// glibc's arena limit. Without the flags V8 sizes its heap from the machine's memory and lets it
// grow by ~150 MB under a purge wave before collecting; capped, the live set (~50 MB idle) is
// collected sooner and the worker's RSS stays under 300 MB (bench:purge-wave, docs/reliability.md).
// Raise the cap if a worker ever runs out of heap: a crash loses nothing (every activity is
// idempotent), but it would restart in a loop. glibc keeps a malloc arena per thread (V8, the
// workflow thread, the Temporal core) and holds freed memory in each: two are enough.
export const WORKER_NODE_FLAGS = ['--max-old-space-size=96', '--max-semi-space-size=4'];
const MALLOC_ARENA_MAX = '2';

/**
 * The environment variables that apply the above to a worker child process. `flags` replaces the
 * heap flags (a bench trying others); `inherited` is NODE_OPTIONS the caller already has.
 */
export function workerProcessEnv(o: { inherited?: string; flags?: string; mallocArenaMax?: string } = {}): {
  NODE_OPTIONS: string;
  MALLOC_ARENA_MAX: string;
} {
  return {
    NODE_OPTIONS: [o.inherited, o.flags ?? WORKER_NODE_FLAGS.join(' ')].filter(Boolean).join(' '),
    MALLOC_ARENA_MAX: o.mallocArenaMax ?? MALLOC_ARENA_MAX,
  };
}
