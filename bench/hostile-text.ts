// `npm run bench:hostile-text`: how long the API takes to refuse a 100 kB reason of each hostile
// shape (testkit/hostileText.ts), and how long /healthz takes meanwhile, i.e. whether one request
// can stall the event loop for everyone. The API runs in a process of its own, measured from here.
// Saves bench/results/hostile-text.json. The suite checks the same requests for their 400
// (tests/hostile/hostileInput.test.ts) without timing them.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { HOSTILE_TEXT_SHAPES, hostileReasonBody } from '../testkit/hostileText';
import { saveResult } from './support/benchStack';

const TOKEN = 'bench-service-token-0123456789abcdef';
const BODY_BYTES = 100_000;
const log = (m: string) => console.log(`[bench:hostile-text] ${m}`);

async function startApi(): Promise<{ base: string; stop: () => void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'support', 'apiWithoutBackends.ts'), TOKEN], {
    cwd: path.resolve(__dirname, '..'),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      const m = /listening (\d+)/.exec(chunk.toString());
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`API exited (${code})`)));
  });
  return { base: `http://127.0.0.1:${port}`, stop: () => child.kill('SIGTERM') };
}

async function measure(base: string, body: string) {
  const healthz: number[] = [];
  let done = false;
  const started = performance.now();
  const refused = fetch(`${base}/api/v1/users/u-bench/hold`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
    body,
  }).then(async (res) => {
    await res.arrayBuffer();
    done = true;
    return { status: res.status, ms: performance.now() - started };
  });
  // Probe /healthz one request at a time until the hostile request is answered.
  const probing = (async () => {
    do {
      const t = performance.now();
      // A stalled server's keep-alive timer can close the probe's socket just as it is reused: retry.
      await fetch(`${base}/healthz`)
        .catch(() => fetch(`${base}/healthz`))
        .then((res) => res.arrayBuffer());
      healthz.push(performance.now() - t);
    } while (!done);
  })();
  const [result] = await Promise.all([refused, probing]);
  return { status: result.status, refuseMs: round(result.ms), healthzMaxMs: round(Math.max(...healthz)), healthzProbes: healthz.length };
}

const round = (ms: number) => Math.round(ms * 10) / 10;

async function main(): Promise<void> {
  const api = await startApi();
  try {
    await measure(api.base, hostileReasonBody(HOSTILE_TEXT_SHAPES.spaces!, 1000)); // warm-up
    const rows: Record<string, Awaited<ReturnType<typeof measure>>> = {};
    for (const [shape, make] of Object.entries(HOSTILE_TEXT_SHAPES)) {
      rows[shape] = await measure(api.base, hostileReasonBody(make, BODY_BYTES));
      const r = rows[shape]!;
      log(
        `${shape.padEnd(20)} ${r.status}  refused in ${String(r.refuseMs).padStart(7)} ms, /healthz at most ${String(r.healthzMaxMs).padStart(7)} ms (${r.healthzProbes} probes)`,
      );
    }
    const worst = Math.max(...Object.values(rows).map((r) => r.refuseMs));
    log(`slowest refusal ${worst} ms; every answer ${[...new Set(Object.values(rows).map((r) => r.status))].join(', ')}`);
    saveResult('hostile-text', { bodyBytes: BODY_BYTES, shapes: rows, slowestRefusalMs: worst });
  } finally {
    api.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
