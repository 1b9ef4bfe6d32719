// A record of every erasure kept outside the database: opaque IDs, the action, the rule, the
// evidence record and when. A database restored from a backup taken before some purges brings
// those people back, and their evidence rows go with the restore; this journal does not, so
// `npm run restore:re-purge` can find them and erase them again (docs/deployment.md, "Backups").
// One JSON line per erasure, appended and flushed before the activity reports success; a retried
// activity may append the same line again (the reader takes each subject once).
import fs from 'node:fs/promises';
import path from 'node:path';
import type { EvidenceInput } from './evidence';

export interface JournalEntry {
  at: string;
  subjectKind: EvidenceInput['subjectKind'];
  subjectId: string;
  action: EvidenceInput['action'];
  rule: string;
  evidenceId: string;
  /** The tables the step changed (names only; absent in entries from before): tells the ERP step from the CRM's under one rule. */
  tables?: string[];
}

export interface ErasureJournal {
  record(entry: JournalEntry): Promise<void>;
}

/** One file per month under `dir` (erasures-2026-11.jsonl), so old months can be archived whole. */
export function fileJournal(dir: string): ErasureJournal {
  return {
    async record(entry) {
      await fs.mkdir(dir, { recursive: true });
      const file = path.join(dir, `erasures-${entry.at.slice(0, 7)}.jsonl`);
      const handle = await fs.open(file, 'a');
      try {
        await handle.appendFile(JSON.stringify(entry) + '\n');
        await handle.sync(); // on disk before the activity (and so the lifecycle) moves on
      } finally {
        await handle.close();
      }
    },
  };
}

/** Every entry in `dir`, oldest file first; lines that do not parse (a torn last write) are skipped and counted. */
export async function readJournal(dir: string): Promise<{ entries: JournalEntry[]; unreadable: number }> {
  const files = (await fs.readdir(dir).catch(() => [] as string[])).filter((f) => /^erasures-\d{4}-\d{2}\.jsonl$/.test(f)).sort();
  const entries: JournalEntry[] = [];
  let unreadable = 0;
  for (const f of files) {
    for (const line of (await fs.readFile(path.join(dir, f), 'utf8')).split('\n')) {
      if (!line.trim()) continue;
      try {
        entries.push(JSON.parse(line) as JournalEntry);
      } catch {
        unreadable++;
      }
    }
  }
  return { entries, unreadable };
}
