// `go install` with progress a person can follow: a cold build of the Temporal server downloads
// ~1.6 GB of modules and compiles for minutes in silence, which looks like a hang. `-v` makes Go
// name every package it compiles; we count those and Go's "downloading" lines and print a status
// line every few seconds instead of the flood.
import { spawn } from 'node:child_process';

export interface GoInstallOptions {
  /** Where the binaries go (GOBIN). */
  gobin: string;
  /** Module-qualified packages with their version, e.g. go.temporal.io/server/cmd/server@v1.29.1. */
  packages: string[];
  label: string;
  log: (line: string) => void;
  /** Run inside this module's source (packages then are `./cmd/...`): builds it as the main module. */
  cwd?: string;
  /** Called on every status tick, e.g. to keep a lock fresh. */
  onTick?: () => void;
  tickMs?: number;
}

export function goInstall(o: GoInstallOptions): Promise<{ durationMs: number }> {
  const started = Date.now();
  // CGO off as in Temporal's own release builds: pure-Go drivers, and no C toolchain needed.
  const env = { ...process.env, GOBIN: o.gobin, CGO_ENABLED: process.env.CGO_ENABLED ?? '0' };
  const child = spawn('go', ['install', '-v', ...o.packages], { cwd: o.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let downloads = 0;
  let compiled = 0;
  const recent: string[] = [];
  let partial = '';
  const onData = (chunk: Buffer) => {
    const lines = (partial + chunk.toString('utf8')).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines.filter(Boolean)) {
      if (line.startsWith('go: downloading ')) downloads++;
      else if (!line.includes(' ')) compiled++; // `-v` prints bare package paths
      recent.push(line);
      if (recent.length > 30) recent.shift();
    }
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const elapsed = () => `${Math.round((Date.now() - started) / 1000)} s`;
  const timer = setInterval(() => {
    o.onTick?.();
    o.log(`${o.label}: ${elapsed()}, ${downloads} modules downloaded, ${compiled} packages compiled`);
  }, o.tickMs ?? 15_000);
  return new Promise((resolve, reject) => {
    child.once('error', (err) => {
      clearInterval(timer);
      reject(new Error(`cannot run go (is Go installed and on PATH?): ${err.message}`));
    });
    child.once('close', (code, signal) => {
      clearInterval(timer);
      if (code === 0) return resolve({ durationMs: Date.now() - started });
      reject(
        new Error(`go install ${o.packages.join(' ')} failed (${signal ?? `exit ${code}`}) after ${elapsed()}:\n${recent.join('\n')}`),
      );
    });
  });
}

/** The module's source directory in Go's module cache (downloaded if missing): schemas and sample configs live there. */
export function goModuleDir(moduleAtVersion: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('go', ['mod', 'download', '-json', moduleAtVersion], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (out += c.toString('utf8')));
    child.once('error', (err) => reject(new Error(`cannot run go: ${err.message}`)));
    child.once('close', (code) => {
      try {
        const info = JSON.parse(out) as { Dir?: string; Error?: string };
        if (code === 0 && info.Dir) return resolve(info.Dir);
        reject(new Error(`go mod download ${moduleAtVersion}: ${info.Error ?? `exit ${code}`}`));
      } catch {
        reject(new Error(`go mod download ${moduleAtVersion} failed (exit ${code}):\n${out}`));
      }
    });
  });
}
