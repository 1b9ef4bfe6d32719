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

/** Keeps a note when there is one; an action without a note writes nothing. */
export async function saveActionNote(db: Db, input: Omit<ActionNoteInput, 'note' | 'reasonCode'> & { reasonCode?: string; note?: string }) {
  if (!input.note || !input.reasonCode) return;
  await db.actionNote.create({
    data: {
      ...input,
      reasonCode: input.reasonCode,
      note: input.note,
      workflowId: input.workflowId ?? null,
      adminActionId: input.adminActionId ?? null,
    },
  });
}

/** Deletes a subject's notes, inside its erasing step's transaction; returns how many went. */
export async function deleteActionNotes(tx: Tx, subjectKind: string, subjectId: string): Promise<number> {
  return (await tx.actionNote.deleteMany({ where: { subjectKind, subjectId } })).count;
}
