-- The conformance scan's tables are written by the worker and read by the API, both as the runtime
-- role (db/roles.ts): ordinary tables, not ledgers (a scan's attestation goes to Evidence).
GRANT SELECT, INSERT, UPDATE, DELETE ON "ConformanceScan", "ConformanceFinding" TO nitd_runtime;
