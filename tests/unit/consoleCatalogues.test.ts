// The console's two languages say the same things: every key react-admin's English catalogue has,
// our Norwegian one has too (and nothing else), and the app's own catalogues match key for key; every
// registered kind has its names, phases and its page's field labels (a missing key shows raw).
import englishMessages from 'ra-language-english';
import { describe, expect, it } from 'vitest';
import { appEn } from '../../admin-ui/src/i18n/appEn';
import { appNb } from '../../admin-ui/src/i18n/appNb';
import { raNb } from '../../admin-ui/src/i18n/raNb';
import { kindInfoFor } from '../../console/subjects';
import { ALL_KINDS } from '../../lifecycles/registry';

const keys = (o: object, prefix = ''): string[] =>
  Object.entries(o).flatMap(([k, v]) => (v && typeof v === 'object' ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]));

describe('console catalogues', () => {
  it("cover react-admin's own messages in Norwegian, key for key", () => {
    expect(keys(raNb).sort()).toEqual(keys(englishMessages.ra).sort());
  });

  it('have the same keys in Norwegian and English, none empty', () => {
    expect(keys(appEn).sort()).toEqual(keys(appNb).sort());
    const values = (o: object): string[] => Object.values(o).flatMap((v) => (typeof v === 'object' ? values(v) : [v]));
    expect(values(appNb).filter((v) => v === '')).toHaveLength(2); // action.repair/reconcile explain: said by their pages
  });

  for (const reg of ALL_KINDS) {
    it(`name ${reg.kind.name}, its phases and every field its pages show, in both languages`, () => {
      const kind = reg.kind.name;
      for (const app of [appNb, appEn]) {
        expect(app.nitd.kind).toHaveProperty([kind]);
        expect(app.nitd.kindPlural).toHaveProperty([kind]);
        for (const phase of reg.phases) expect(app.nitd.phase).toHaveProperty([kind, phase]);
        const resource = (app.resources as Record<string, { name: string; fields: Record<string, string> }>)[reg.plural];
        expect(resource?.name, `resources.${reg.plural}.name`).toMatch(/\|\|\|\|/);
        const missing = kindInfoFor('admin', reg).fields.filter((f) => !(f in resource!.fields));
        expect(missing, `resources.${reg.plural}.fields`).toEqual([]);
      }
    });
  }
});
