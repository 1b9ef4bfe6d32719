// Reading docker-compose.yml the way Docker Compose would: YAML merge keys (the x-app anchor),
// `${VAR}`, `${VAR:-default}` and `${VAR:?error}` interpolation, and `$$` for a literal `$`.
// Only what the native cluster needs; the Compose Specification check is tests/deploy.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { PROJECT_ROOT } from '../tools';

export const COMPOSE_FILE = path.join(PROJECT_ROOT, 'docker-compose.yml');

export interface ComposeService {
  image?: string;
  env_file?: string | string[];
  environment?: Record<string, string>;
  entrypoint?: string[];
  command?: string[];
  volumes?: string[];
  ports?: string[];
  healthcheck?: { test?: string[] };
  depends_on?: Record<string, { condition: string }>;
  stop_grace_period?: string;
}

export interface ComposeFile {
  services: Record<string, ComposeService>;
}

export function readComposeFile(file = COMPOSE_FILE): ComposeFile {
  return parse(readFileSync(file, 'utf8'), { merge: true }) as ComposeFile;
}

/** Compose's variable interpolation over one string, with `vars` as the shell environment. */
export function interpolate(text: string, vars: Record<string, string | undefined>): string {
  return text.replace(
    /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?)([-?])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
    (whole, name, colon, op, arg, bare) => {
      if (whole === '$$') return '$';
      if (bare) return vars[bare] ?? '';
      const value = vars[name];
      const missing = colon ? !value : value === undefined;
      if (op === '-') return missing ? arg : value!;
      if (op === '?') {
        if (missing) throw new Error(`docker-compose.yml: ${name} is required (${arg})`);
        return value!;
      }
      return value ?? '';
    },
  );
}

export function serviceOf(compose: ComposeFile, name: string): ComposeService {
  const service = compose.services[name];
  if (!service) throw new Error(`docker-compose.yml has no service "${name}"`);
  return service;
}

/** The tag of `repo:tag`, checked against the repository so a renamed image is noticed. */
export function imageTag(service: ComposeService, repository: string): string {
  const match = /^([^:]+):(.+)$/.exec(service.image ?? '');
  if (!match || match[1] !== repository) throw new Error(`expected image ${repository}:<version>, found "${service.image}"`);
  return match[2]!;
}
