// Which environment `npm start` runs with: the real environment wins, then .env if present,
// otherwise .env.example's development defaults. Also records what the user chose explicitly,
// because explicit settings mean "use my server" while defaults mean "start one for me".
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'dotenv';

export interface StartEnv {
  env: Record<string, string>;
  source: string;
  /** Set in the real environment or in .env (not merely defaulted from .env.example). */
  explicit(name: string): boolean;
}

export function loadStartEnv(projectRoot: string, processEnv: NodeJS.ProcessEnv = process.env): StartEnv {
  const dotEnv = path.join(projectRoot, '.env');
  const source = existsSync(dotEnv) ? dotEnv : path.join(projectRoot, '.env.example');
  const fileVars = existsSync(source) ? parse(readFileSync(source)) : {};
  const real = Object.fromEntries(Object.entries(processEnv).filter((e): e is [string, string] => e[1] !== undefined));
  return {
    env: { ...fileVars, ...real },
    source: path.relative(projectRoot, source),
    explicit: (name) => name in real || (source === dotEnv && name in fileVars),
  };
}
