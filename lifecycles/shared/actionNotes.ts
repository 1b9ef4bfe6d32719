// The notes that may come with an action's reason code. The code goes on into workflow history and
// the ledgers; the note stays here, with the subject's data, and each kind's erasing step deletes
// its subject's notes in the same transaction as the rest of its data.
import type { Db } from '../../db/client';
import type { Tx } from './evidence';

export interface ActionNoteInput {
  subjectKind: string;
  subjectId: string;
  action: string;
  reasonCode: string;
  note: string;
  workflowId?: string | null;
  adminActionId?: string | null;
}

/** Keeps a note when there is one and returns its ID; an action without a note writes nothing. */
export async function saveActionNote(
  db: Db,
  input: Omit<ActionNoteInput, 'note' | 'reasonCode'> & { reasonCode?: string; note?: string },
): Promise<string | null> {
  if (!input.note || !input.reasonCode) return null;
  const { id } = await db.actionNote.create({
    data: {
      ...input,
      reasonCode: input.reasonCode,
      note: input.note,
      workflowId: input.workflowId ?? null,
      adminActionId: input.adminActionId ?? null,
    },
  });
  return id;
}

/**
 * Keeps the note before the action (an erasure may purge before it returns, and must find the note
 * to delete it), and takes it back when the action is refused or fails: a refused action on an
 * erased subject must not leave a note behind.
 */
export async function withActionNote<T>(db: Db, input: Parameters<typeof saveActionNote>[1], act: () => Promise<T>): Promise<T> {
  const noteId = await saveActionNote(db, input);
  try {
    return await act();
  } catch (err) {
    if (noteId) await db.actionNote.deleteMany({ where: { id: noteId } });
    throw err;
  }
}

/** Deletes a subject's notes, inside its erasing step's transaction; returns how many went. */
export async function deleteActionNotes(tx: Tx, subjectKind: string, subjectId: string): Promise<number> {
  return (await tx.actionNote.deleteMany({ where: { subjectKind, subjectId } })).count;
}
