// The sentences of NITD's privacy notice («personvernerklæring») that the product cites, each
// quoted exactly as published (policy/personvernerklaering.txt, a copy of the notice as it stands;
// tests/unit/notice.test.ts checks every quote against it). Rules, the data inventory, receipts and
// the console name a clause by its key; auditors read the sentence itself.
export const NOTICE = {
  /** Who is covered: current and prospective customers. */
  prospects: 'NITD behandler også personopplysninger tilknyttet både nåværende og potensielle kunder.',
  /** What is collected about customers. */
  customerData:
    'Vi samler inn personlige data om våre kunder, herunder navn, telefonnummer, og e-postadresse, som er relatert til deres identitet som enkeltpersoner for å sikre trygg drift.',
  /** A private customer's address is registered too. */
  privateAddress: 'Hovedmålgruppen til NITD er bedrifter, men adressene til private kunder registreres også.',
  /** What a user account holds. */
  userData:
    'På våre kunders brukerkontoer lagrer vi opplysninger som brukernavn, fornavn, etternavn, telefonnummer, epostadresse og kundetilknytning.',
  /** Support cases hold only what the case needs. */
  supportCases: 'Vi vil bare lagre informasjon som er nødvendig og hensiktsmessig for å behandle saken.',
  /** Why contact persons are collected. */
  contactPersons:
    'Vi har behov for å samle personopplysninger om kundens kontaktpersoner for å ha et profesjonelt og effektivt kommunikasjonsgrunnlag mellom oss og kunden.',
  /** The mobile number is the login factor. */
  mobileAuthentication: 'Mobiltelefonnummer blir brukt for å autentisere brukere.',
  /** Third-party suppliers may receive contact details and user info. */
  thirdParties:
    'I noen tilfeller der vi benytter oss av tjenester fra 3. parts leverandører, kan det hende at kontaktinformasjon og brukerinfo blir utvekslet med disse.',
  /** Never to third parties for marketing. */
  noMarketing: 'Ingen personopplysninger vil bli overført til tredjeparter for markedsføringsformål.',
  /** Where the data is stored. */
  residency: 'Personopplysninger lagres sikkert på servere som befinner seg innenfor EU/EØS-området.',
  /** Stored only as long as necessary: the notice's own sentence naming GDPR art. 17 (erasure). */
  necessity:
    'I samsvar med personopplysningsloven §1 og GDPR artikkel 17 vil vi kun lagre dine personopplysninger så lenge det er nødvendig for å oppnå formålene med behandlingen.',
  /** A user's data is kept while the user is active. */
  retainWhileActive: 'Personopplysninger knyttet til brukere lagres så lenge brukeren er aktiv.',
  /** Termination: deactivation, 30 days of quarantine, permanent deletion. */
  termination:
    'Ved oppsigelse av kundeforholdet, eller av enkeltbrukeren, blir brukerkontoen deaktivert og alle personopplysninger som er knyttet til brukeren blir holdt i karantene i 30 dager, før de blir slettet permanent.',
  /** CRM/ERP hold data about people with a customer relationship. */
  crmErpStore: 'Informasjon lagres i kunderelasjonshåndteringssystemer (CRM/ERP) for personer som har et kundeforhold.',
  /** Within 3 years of a relationship's end. */
  crmErp: 'Ved avslutning av kundeforhold vil personopplysninger bli anonymisert eller fjernet innen 3 år.',
  /** The 5-year maximum in CRM and ERP. */
  crmErpMax: 'CRM- og ERP-systemer anonymiserer/sletter personvernregulerte opplysninger etter 5 år.',
} as const;

export type NoticeClause = keyof typeof NOTICE;
