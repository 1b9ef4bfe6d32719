// The console's two languages say the same things: every key react-admin's English catalogue has,
// our Norwegian one has too (and nothing else), and the app's own catalogues match key for key.
import englishMessages from 'ra-language-english';
import { describe, expect, it } from 'vitest';
import { appEn } from '../../admin-ui/src/i18n/appEn';
import { appNb } from '../../admin-ui/src/i18n/appNb';
import { raNb } from '../../admin-ui/src/i18n/raNb';

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
});
