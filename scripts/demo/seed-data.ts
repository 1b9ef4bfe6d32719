// Norwegian vocabulary and person generators for the demo data: what an IT operations company's
// systems would hold. Everything personal comes from faker's nb_NO locale and is made up.
import type { Faker } from '@faker-js/faker';

export const CONTACT_ROLES = ['Daglig leder', 'IT-ansvarlig', 'Økonomiansvarlig', 'Innkjøpsansvarlig', 'Kontorleder'];
export const PRODUCT_LINES = [
  'Driftsavtale',
  'Microsoft 365',
  'Nettverk og brannmur',
  'Sikkerhetskopi',
  'Arbeidsplass som tjeneste',
  'Telefoni',
];
export const CRM_KINDS = ['møte', 'telefon', 'e-post', 'tilbud', 'fornyelse'];
const PRIVATE_MAIL_DOMAINS = ['online.no', 'gmail.com', 'hotmail.no', 'outlook.com', 'icloud.com', 'live.no'];

export const SUPPORT_TOPICS: ReadonlyArray<{ category: string; subject: string; description: string }> = [
  {
    category: 'e-post',
    subject: 'Får ikke sendt e-post fra Outlook',
    description: 'Meldinger blir liggende i utboksen etter passordbytte. Feilmelding 0x800CCC0F ved sending.',
  },
  {
    category: 'e-post',
    subject: 'Delt postboks vises ikke',
    description: 'Den delte postboksen for faktura forsvant fra Outlook etter oppdatering i går.',
  },
  {
    category: 'pålogging',
    subject: 'Mottar ikke engangskode på SMS',
    description: 'Engangskoden kommer ikke frem ved innlogging. Har prøvd flere ganger siste time.',
  },
  {
    category: 'pålogging',
    subject: 'Kontoen er låst',
    description: 'Kontoen ble låst etter for mange feilede forsøk. Trenger opplåsing og nytt passord.',
  },
  {
    category: 'nettverk',
    subject: 'Tregt trådløst nett i møterommet',
    description: 'Wi-Fi faller ut under Teams-møter i 2. etasje. Kablet nett fungerer normalt.',
  },
  {
    category: 'nettverk',
    subject: 'VPN kobler ikke til',
    description: 'VPN-klienten stopper på «Autentiserer» hjemmefra. Fungerte før helgen.',
  },
  {
    category: 'skriver',
    subject: 'Skriveren skriver ikke ut',
    description: 'Utskriftsjobber blir stående i kø på den felles skriveren ved resepsjonen.',
  },
  {
    category: 'maskinvare',
    subject: 'Bærbar PC starter ikke',
    description: 'PC-en viser svart skjerm etter Windows-oppdatering. Ladelampen lyser.',
  },
  {
    category: 'programvare',
    subject: 'Lisens for Office utløpt',
    description: 'Word og Excel står i skrivebeskyttet modus og ber om ny aktivering.',
  },
  {
    category: 'sikkerhetskopi',
    subject: 'Gjenoppretting av slettet mappe',
    description: 'En prosjektmappe på fellesområdet ble slettet ved en feil i forrige uke. Ønsker gjenoppretting.',
  },
  {
    category: 'sikkerhet',
    subject: 'Mistenkelig e-post med vedlegg',
    description: 'Mottok faktura fra ukjent avsender med makroaktivert vedlegg. Har ikke åpnet den.',
  },
  {
    category: 'tilgang',
    subject: 'Ny ansatt trenger tilgang',
    description: 'Ny medarbeider starter mandag og trenger konto, e-post og tilgang til regnskapssystemet.',
  },
];

export const CRM_NOTES = [
  'Gjennomgang av driftsavtalen. Kunden ønsker tilbud på utvidet backup.',
  'Ringte om fornyelse av lisenser. Avventer svar fra daglig leder.',
  'Møte om migrering til Microsoft 365. Oppfølging om to uker.',
  'Sendte tilbud på ny brannmur og oppsett av gjestenett.',
  'Kunden var fornøyd med responstiden på siste sak.',
  'Drøftet flytting av kontor og nytt nettverk i nye lokaler.',
];

const ASCII: Record<string, string> = { æ: 'ae', ø: 'o', å: 'a', é: 'e', è: 'e', ü: 'u', ö: 'o', ä: 'a' };

/** Lower-case ASCII for e-mail local parts and usernames ("Øyvind Ærø" → "oyvind.aero"). */
export function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[æøåéèüöä]/g, (c) => ASCII[c] ?? c)
    .replace(/[^a-z0-9]+/g, '.')
    .replace(/^\.+|\.+$/g, '');
}

/** Norwegian mobile numbers start with 4 or 9 (8 digits), stored in E.164 form for the SMS factor. */
export function norwegianMobile(f: Faker): string {
  return `+47${f.helpers.arrayElement(['4', '9'])}${f.string.numeric(7)}`;
}

export function postalAddress(f: Faker): string {
  return `${f.location.streetAddress()}, ${f.location.zipCode('####')} ${f.location.city()}`;
}

export interface Person {
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
}

export function person(f: Faker, emailDomain?: string): Person {
  const firstName = f.person.firstName();
  const lastName = f.person.lastName();
  const domain = emailDomain ?? f.helpers.arrayElement(PRIVATE_MAIL_DOMAINS);
  const suffix = emailDomain ? '' : f.string.numeric(2);
  return { firstName, lastName, email: `${slug(firstName)}.${slug(lastName)}${suffix}@${domain}`, phone: norwegianMobile(f) };
}

export function companyDomain(companyName: string): string {
  return `${slug(companyName.replace(/\b(AS|ASA|BA|ANS|DA|Gruppen)\b/g, '')).replace(/\./g, '-')}.no`;
}
