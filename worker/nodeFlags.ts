// V8 flags the worker process runs with (npm start, docker-compose.yml, the benches). Without them
// V8 sizes its heap from the machine's memory and lets it grow by ~150 MB under a purge wave before
// collecting; capped, the live set (~50 MB idle) is collected sooner and the worker's RSS stays
// under 300 MB (bench:purge-wave, docs/reliability.md). Raise the cap if a worker ever runs out of
// heap: a crash loses nothing (every activity is idempotent), but it would restart in a loop.
export const WORKER_NODE_FLAGS = ['--max-old-space-size=96', '--max-semi-space-size=4'];
