// Norwegian bokmål by default, English selectable (the app bar's language menu); the choice is kept
// in the browser and sets <html lang>, so screen readers and spell checking follow.
import polyglotI18nProvider from 'ra-i18n-polyglot';
import englishMessages from 'ra-language-english';
import type { TranslationMessages } from 'react-admin';
import { appEn } from './appEn';
import { appNb } from './appNb';
import { raNb } from './raNb';

export type Locale = 'nb' | 'en';
export const LOCALES: { locale: Locale; name: string }[] = [
  { locale: 'nb', name: 'Norsk bokmål' },
  { locale: 'en', name: 'English' },
];

export const catalogues: Record<Locale, TranslationMessages> = {
  nb: { ...appNb, ra: raNb } as TranslationMessages,
  en: { ...englishMessages, ...appEn } as TranslationMessages,
};

const STORED = 'nitd.locale';
const initial = (): Locale => (localStorage.getItem(STORED) === 'en' ? 'en' : 'nb');

export function setHtmlLang(locale: string): void {
  document.documentElement.lang = locale === 'en' ? 'en' : 'nb';
}

const base = polyglotI18nProvider((locale) => catalogues[locale as Locale] ?? catalogues.nb, initial(), LOCALES, {
  // A key without a message shows the raw key's last part, never a crash (labels.ts passes its own fallbacks).
  allowMissing: true,
});

export const i18nProvider = {
  ...base,
  changeLocale(locale: string, options?: unknown) {
    localStorage.setItem(STORED, locale);
    setHtmlLang(locale);
    return base.changeLocale(locale, options);
  },
};

setHtmlLang(initial());
