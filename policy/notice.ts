// The clauses of NITD's privacy notice ("personvernerklæring") that the pipeline implements,
// quoted in the notice's own language so an auditor can match each rule to its sentence.
export const NOTICE = {
  userData:
    'Personopplysninger knyttet til en brukerkonto (brukernavn, for- og etternavn, telefonnummer, ' +
    'e-postadresse og kundetilknytning) lagres så lenge brukeren er aktiv. Mobilnummeret benyttes til autentisering.',
  termination:
    'Ved opphør av et kundeforhold eller en enkeltbruker deaktiveres kontoen, og alle personopplysninger ' +
    'knyttet til brukeren holdes i karantene i 30 dager før de slettes permanent.',
  supportCases: 'Supportsaker inneholder kun de opplysningene som er nødvendige for å behandle saken.',
  crmErp: 'Personopplysninger i CRM- og ERP-systemene anonymiseres eller fjernes innen 3 år etter at kundeforholdet er avsluttet.',
  crmErpMax: 'CRM- og ERP-systemene anonymiserer eller sletter personvernregulerte data etter maksimalt 5 år.',
  residency: 'Opplysningene lagres på servere innenfor EU/EØS og utleveres ikke til tredjeparter for markedsføringsformål.',
  erasure: 'Du har rett til å få slettet personopplysninger om deg, jf. personvernforordningen artikkel 17.',
} as const;

export type NoticeClause = keyof typeof NOTICE;
