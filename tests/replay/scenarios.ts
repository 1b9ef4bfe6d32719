// What the history recorder (record.ts) takes each lifecycle kind through: every path a long-lived
// history of that kind may contain, so the replay test covers them all.
import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { createCustomerService } from '../../lifecycles/customer/service';
import type { Db } from '../../db/client';
import { addIsoDuration } from '../../policy/duration';
import { policyFromEnv } from '../../policy/fromEnv';
import { customerLifecycleWorkflow } from '../../worker/workflows';
import { customerStateQuery, customerWorkflowId } from '../../lifecycles/customer/contract';
import { customerReassignedSignal, userWorkflowId } from '../../lifecycles/user/contract';
import { userServiceFor } from '../support/temporal';
import { seedCustomer, seedUser, uniqueId } from '../support/subjects';
import { seedCustomerRecords } from '../support/customers';
import { untilContinuedAsNew } from '../support/continueAsNew';
import { createContactService } from '../../lifecycles/contact/service';
import { contactDepartureUpdate, contactWorkflowId } from '../../lifecycles/contact/contract';
import { seedContact } from '../support/contacts';
import { createSupportCaseService } from '../../lifecycles/supportCase/service';
import { supportCaseWorkflowId } from '../../lifecycles/supportCase/contract';
import { createProspectService } from '../../lifecycles/prospect/service';
import { prospectWorkflowId } from '../../lifecycles/prospect/contract';

export interface Recording {
  env: TestWorkflowEnvironment;
  db: Db;
  taskQueue: string;
}

export interface Scenario {
  /** The history file's name when the command line gives none. */
  defaultName: string;
  /**
   * Records on a dev server that suggests continue-as-new after a few dozen events (the
   * time-skipping server never suggests it); every run of the chain is written.
   */
  continuesAsNew?: boolean;
  /** Seeds the subject; `drive` then runs (inside the worker) until the lifecycle is about to end. */
  prepare(r: Recording): Promise<{ workflowId: string; drive(handle: WorkflowHandle): Promise<void> }>;
}

// Termination, hold, release, restore, a move to another customer, re-termination, purge (which
// clears the customer link).
const user: Scenario = {
  defaultName: 'user-lifecycle-v1',
  async prepare({ env, db, taskQueue }) {
    const users = userServiceFor(db, env.client, taskQueue);
    const u = await seedUser(db);
    const otherCustomer = await seedCustomer(db);
    const now = async () => new Date(await env.currentTimeMs()).toISOString();
    return {
      workflowId: userWorkflowId(u.userId),
      async drive(handle) {
        await users.terminate(u.userId, await now(), undefined);
        await env.sleep('5 days');
        await users.hold(u.userId, 'revisjon');
        await env.sleep('2 days');
        await users.release(u.userId, 'revisjon ferdig');
        await users.restore(u.userId, 'feil avslutning');
        await handle.signal(customerReassignedSignal, { customerId: otherCustomer });
        await users.terminate(u.userId, await now(), undefined);
        await env.sleep('31 days');
      },
    };
  },
};

// Termination and its paged cascade, hold, release, come-back with the restore cascade, a second
// termination, CRM anonymisation at 3 years and ERP at the 5-year cap.
const customer: Scenario = {
  defaultName: 'customer-lifecycle-v1',
  async prepare({ env, db, taskQueue }) {
    const policy = policyFromEnv({});
    const customers = createCustomerService(db, { temporal: env.client, taskQueue, policy });
    const c = await seedCustomerRecords(db, 'private');
    for (let i = 0; i < 3; i++) await seedUser(db, c.customerId);
    const now = async () => new Date(await env.currentTimeMs());
    return {
      workflowId: customerWorkflowId(c.customerId),
      async drive(handle) {
        const cascaded = async (action: string) => {
          for (;;) {
            const s = await handle.query(customerStateQuery);
            if (s.cascade?.action === action && s.cascade.done) return;
            await new Promise((r) => setTimeout(r, 100));
          }
        };
        // Pages of 2, so the history holds more than one page.
        await env.client.workflow.start(customerLifecycleWorkflow, {
          workflowId: customerWorkflowId(c.customerId),
          taskQueue,
          args: [{ customerId: c.customerId, policy, cascadePageSize: 2 }],
        });
        await customers.terminate(c.customerId, (await now()).toISOString(), 'kontrakt avsluttet');
        await cascaded('terminate');
        await customers.hold(c.customerId, 'revisjon');
        await env.sleep('2 days');
        await customers.release(c.customerId, 'revisjon ferdig');
        await customers.restore(c.customerId, 'kunden kom tilbake');
        await cascaded('restore');
        const t1 = await now();
        await customers.terminate(c.customerId, t1.toISOString(), undefined);
        await cascaded('terminate');
        await env.sleep(addIsoDuration(t1, 'P5Y').getTime() - t1.getTime() + 60_000);
      },
    };
  },
};

// Termination, hold, release and a second hold repeated until the run continues as new; in the
// continued run the release, the purge and the post-purge verification. A 5-second quarantine: the
// dev server's clock is the wall clock.
const userContinued: Scenario = {
  defaultName: 'user-lifecycle-v5-continued-as-new',
  continuesAsNew: true,
  async prepare({ env, db, taskQueue }) {
    const users = userServiceFor(db, env.client, taskQueue, { RETENTION_USER_QUARANTINE: 'PT5S' });
    const u = await seedUser(db);
    return {
      workflowId: userWorkflowId(u.userId),
      async drive(handle) {
        await users.terminate(u.userId, new Date(await env.currentTimeMs()).toISOString(), undefined);
        await users.hold(u.userId, 'revisjon');
        await users.release(u.userId, 'revisjon ferdig');
        await users.hold(u.userId, 'tvist');
        await untilContinuedAsNew(handle, () => users.hold(u.userId, 'tvist'));
        await users.release(u.userId, 'tvist avsluttet');
      },
    };
  },
};

// Departure, hold, release, return (restore), a second departure and a repeated one reporting an
// earlier time (earlier wins), then the anonymisation a day before departure + 3 years.
const contact: Scenario = {
  defaultName: 'contact-lifecycle-v1',
  async prepare({ env, db, taskQueue }) {
    const policy = policyFromEnv({});
    const contacts = createContactService(db, { temporal: env.client, taskQueue, policy });
    const customerId = await seedCustomer(db);
    const c = await seedContact(db, customerId);
    const now = async () => new Date(await env.currentTimeMs());
    return {
      workflowId: contactWorkflowId(c.contactId),
      async drive(handle) {
        await contacts.terminate(c.contactId, (await now()).toISOString(), 'left-company');
        await contacts.hold(c.contactId, 'revisjon');
        await env.sleep('2 days');
        await contacts.release(c.contactId, 'revisjon ferdig');
        await contacts.restore(c.contactId, 'feil rapportert');
        await env.sleep('1 day');
        const t1 = await now();
        await contacts.terminate(c.contactId, t1.toISOString(), 'role-changed');
        // A repeat from reconciliation, say, with an earlier time: the service refuses it, the workflow moves earlier.
        const earlier = new Date(t1.getTime() - 3_600_000).toISOString();
        await handle.executeUpdate(contactDepartureUpdate, { args: [{ terminatedAt: earlier, reason: 'other' }] });
        await env.sleep(addIsoDuration(t1, 'P3Y').getTime() - t1.getTime() + 60_000);
      },
    };
  },
};

// An outside requester's case: intake (the lifecycle starts OPEN), closure, hold, release, reopening,
// a second closure, and the erasure a year later.
const supportCase: Scenario = {
  defaultName: 'supportCase-lifecycle-v1',
  async prepare({ env, db, taskQueue }) {
    const cases = createSupportCaseService(db, { temporal: env.client, taskQueue, policy: policyFromEnv({}) });
    const { id } = await cases.create({
      requester: { kind: 'external', name: 'Oda Utenfor', email: 'oda@utenfor.example' },
      subject: 'VPN feiler',
      description: 'Klienten 5.2.1 feiler med 0x80070005. passord: hemmelig',
    });
    const now = async () => new Date(await env.currentTimeMs()).toISOString();
    return {
      workflowId: supportCaseWorkflowId(id),
      async drive() {
        await cases.close(id, await now(), 'løst');
        await cases.hold(id, 'revisjon');
        await env.sleep('2 days');
        await cases.release(id, 'revisjon ferdig');
        await cases.restore(id, 'feilen kom tilbake');
        await cases.close(id, await now(), undefined);
        await env.sleep('366 days');
      },
    };
  },
};

// A prospect: registration (the clock read from the row), a contact, NITD stopping to pursue it, a
// hold and its release, pursued again, another contact, and the anonymisation 5 years later.
const prospect: Scenario = {
  defaultName: 'prospect-lifecycle-v1',
  async prepare({ env, db, taskQueue }) {
    const prospects = createProspectService(db, { temporal: env.client, taskQueue, policy: policyFromEnv({}) });
    const id = uniqueId('prospect');
    await prospects.provision(id, { name: 'Kari Potensiell', type: 'private', email: 'kari@kunde.example' });
    const now = async () => new Date(await env.currentTimeMs()).toISOString();
    return {
      workflowId: prospectWorkflowId(id),
      async drive() {
        await env.sleep('3 days');
        await prospects.contact(id, await now());
        await prospects.terminate(id, await now(), 'ikke aktuell nå');
        await prospects.hold(id, 'revisjon');
        await env.sleep('2 days');
        await prospects.release(id, 'revisjon ferdig');
        await prospects.restore(id, 'tok kontakt igjen');
        await prospects.contact(id, await now());
        await env.sleep('1830 days');
      },
    };
  },
};

// Contacts repeated until the run continues as new; in the continued run one more contact and an
// erasure request (art. 17), which ends it at once.
const prospectContinued: Scenario = {
  defaultName: 'prospect-lifecycle-v1-continued-as-new',
  continuesAsNew: true,
  async prepare({ env, db, taskQueue }) {
    const prospects = createProspectService(db, { temporal: env.client, taskQueue, policy: policyFromEnv({}) });
    const id = uniqueId('prospect');
    await prospects.provision(id, { name: 'Fjord AS', type: 'business' });
    const now = async () => new Date(await env.currentTimeMs()).toISOString();
    return {
      workflowId: prospectWorkflowId(id),
      async drive(handle) {
        await untilContinuedAsNew(handle, async () => {
          await new Promise((r) => setTimeout(r, 5));
          await prospects.contact(id, await now());
        });
        await prospects.contact(id, await now());
        await prospects.erase(id, 'GDPR art. 17');
      },
    };
  },
};

export const scenarios = {
  user,
  customer,
  contact,
  'user-continued': userContinued,
  supportCase,
  prospect,
  'prospect-continued': prospectContinued,
} satisfies Record<string, Scenario>;
export type LifecycleKind = keyof typeof scenarios;
