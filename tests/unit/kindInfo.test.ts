// What GET /api/admin/kinds tells the console's pages of any kind: an auditor's fields hold no
// column the data inventory calls personal, an admin's add them, and a list's columns and filters
// come from the kind's admin view. A new kind fails here until its table is named below (when its
// model is not simply the kind's name capitalised).
import { describe, expect, it } from 'vitest';
import { kindInfoFor } from '../../console/subjects';
import { ALL_KINDS } from '../../lifecycles/registry';
import { TABLES } from '../../policy/inventory';

const TABLE_OF: Record<string, string> = { user: 'UserAccount', contact: 'ContactPerson' };
const tableOf = (kind: string) => TABLE_OF[kind] ?? kind[0]!.toUpperCase() + kind.slice(1);
// Found by this test, left as main has it: the users' pages show auditors a user's customer ID (to
// follow a customer's cascade), which the inventory calls personal («kundetilknytning»). An open
// question for the owners of the user view, not a kind page's decision.
const AUDITOR_READS_ANYWAY: Record<string, string[]> = { user: ['customerId'] };

describe('the kinds as the console reads them', () => {
  for (const reg of ALL_KINDS) {
    const kind = reg.kind.name;
    it(`${kind}: no personal column for an auditor, all of them for an admin`, () => {
      const table = TABLES[tableOf(kind)];
      expect(table, `the inventory's table for ${kind} (name it in TABLE_OF)`).toBeDefined();
      const personal = Object.entries(table!)
        .filter(([, c]) => c.category === 'personal')
        .map(([column]) => column);
      const auditor = kindInfoFor('auditor', reg);
      const admin = kindInfoFor('admin', reg);
      expect(auditor.fields.filter((f) => personal.includes(f))).toEqual(AUDITOR_READS_ANYWAY[kind] ?? []);
      expect(auditor.columns.every((c) => auditor.fields.includes(c))).toBe(true);
      expect(admin.fields).toEqual(expect.arrayContaining(auditor.fields));
      expect(admin.fields.length).toBeGreaterThan(auditor.fields.length);
      expect(admin.columns.every((c) => admin.fields.includes(c))).toBe(true);
      expect(kindInfoFor('service', reg).fields).toEqual(auditor.fields);
    });
  }

  it("support cases: the list's columns and its status filter's values", () => {
    const reg = ALL_KINDS.find((k) => k.kind.name === 'supportCase')!;
    const admin = kindInfoFor('admin', reg);
    expect(admin).toMatchObject({ plural: 'support-cases', phases: ['OPEN', 'CLOSED', 'ERASED'] });
    expect(admin.columns).toEqual(['id', 'status', 'customerId', 'requesterName', 'requesterEmail', 'openedAt', 'closedAt']);
    expect(kindInfoFor('auditor', reg).columns).toEqual(['id', 'status', 'customerId', 'openedAt', 'closedAt']);
    expect(admin.fields.slice(4, 8)).toEqual(['requesterKind', 'requesterName', 'requesterEmail', 'requesterPhone']);
    expect(admin.fields.slice(-2)).toEqual(['subject', 'description']);
    expect(kindInfoFor('auditor', reg).fields).toEqual([
      'id',
      'status',
      'category',
      'customerId',
      'requesterKind',
      'openedAt',
      'closedAt',
      'requesterErasedAt',
      'intakeRedactions',
    ]);
    expect(admin.filters).toEqual([{ source: 'status', choices: ['open', 'closed'] }, { source: 'customerId' }]);
  });
  it("contacts: reached flat at /contacts, the person's name and e-mail in the list for admins only", () => {
    const reg = ALL_KINDS.find((k) => k.kind.name === 'contact')!;
    const admin = kindInfoFor('admin', reg);
    const auditor = kindInfoFor('auditor', reg);
    expect(admin).toMatchObject({ plural: 'contacts', phases: ['ACTIVE', 'DEPARTED', 'ANONYMISED'] });
    expect(admin.columns).toEqual(['id', 'customerId', 'firstName', 'lastName', 'email', 'departedAt', 'anonymisedAt']);
    expect(auditor.columns).toEqual(['id', 'customerId', 'departedAt', 'anonymisedAt']);
    expect(admin.fields.slice(0, 7)).toEqual(['id', 'customerId', 'firstName', 'lastName', 'email', 'phone', 'role']);
    // lastTouchedAt is what the 5-year ageing counts from: an auditor reads it too.
    expect(auditor.fields).toEqual([
      'id',
      'customerId',
      'role',
      'departedAt',
      'departureReason',
      'lastTouchedAt',
      'createdAt',
      'anonymisedAt',
    ]);
    expect(admin.filters).toEqual([{ source: 'customerId' }]);
  });

  it("prospects: the list's columns and the type filter's values", () => {
    const reg = ALL_KINDS.find((k) => k.kind.name === 'prospect')!;
    const admin = kindInfoFor('admin', reg);
    const auditor = kindInfoFor('auditor', reg);
    expect(admin).toMatchObject({ plural: 'prospects', phases: ['ACTIVE', 'ENDED', 'CONVERTED', 'ANONYMISED'] });
    expect(admin.columns).toEqual(['id', 'type', 'name', 'email', 'lastContactAt', 'convertedToCustomerId', 'anonymisedAt']);
    expect(auditor.columns).toEqual(['id', 'type', 'lastContactAt', 'convertedToCustomerId', 'anonymisedAt']);
    expect(admin.fields.slice(0, 6)).toEqual(['id', 'type', 'name', 'email', 'phone', 'address']);
    expect(admin.filters).toEqual([{ source: 'type', choices: ['business', 'private'] }]);
  });
});
