// BENCH_MEMORY_LOG=1: the bench worker prints where its memory is every 5 s (main isolate heap,
// off-heap buffers, the rest = workflow threads, Rust core, Wasm), to tell tuning from leaks.
export function logMemoryEvery(ms = 5_000): void {
  if (!process.env.BENCH_MEMORY_LOG) return;
  const mb = (b: number) => Math.round(b / 1024 / 1024);
  setInterval(() => {
    const m = process.memoryUsage();
    console.log(
      `memory rss ${mb(m.rss)} heapUsed ${mb(m.heapUsed)} heapTotal ${mb(m.heapTotal)} external ${mb(m.external)} arrayBuffers ${mb(m.arrayBuffers)}`,
    );
  }, ms).unref();
}
