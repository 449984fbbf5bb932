/**
 * Kinds of organisation that take part in tracing and identification (a module of its own, with
 * no imports, so the command line can print its usage without loading the application).
 */
export const ORGANISATION_KINDS = [
  'authority',
  'forensic_institute',
  'consulate',
  'tracing_service',
] as const;
