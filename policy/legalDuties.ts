// Named legal duties that may keep invoice identity in ERP beyond the notice's «innen 3 år» after a
// relationship ends. Off by default: with none configured, ERP personal data is anonymised with the
// CRM data. One can be switched on (RETENTION_ERP_LEGAL_DUTY) only by its name here, with its legal
// basis, and never past the notice's five years («etter 5 år»); the evidence of the ERP step names it.

export interface LegalDuty {
  id: string;
  /** The legal basis, as an auditor would cite it. */
  basis: string;
  /** What it keeps. */
  keeps: string;
  /** How long it keeps it after the relationship ends, at most the notice's P5Y. */
  keepsFor: 'P5Y';
}

export const LEGAL_DUTIES = {
  bokforingsloven: {
    id: 'bokforingsloven',
    basis: 'Bokføringsloven § 13: regnskapsmateriale (salgsdokumenter) oppbevares i fem år etter regnskapsårets slutt',
    keeps: "ErpInvoice billing name, address and e-mail (the invoice's identity of the buyer)",
    keepsFor: 'P5Y',
  },
} as const satisfies Record<string, LegalDuty>;

export type LegalDutyId = keyof typeof LEGAL_DUTIES;

export const isLegalDuty = (id: string): id is LegalDutyId => Object.hasOwn(LEGAL_DUTIES, id);
