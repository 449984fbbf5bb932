/** Registry of stable error codes and their HTTP status. */
export const ERROR_CODES = {
  VALIDATION_FAILED: 400,
  INVALID_JSON: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  MFA_REQUIRED: 401,
  MFA_INVALID: 401,
  TOKEN_INVALID: 401,
  FORBIDDEN: 403,
  MFA_ENROLMENT_REQUIRED: 403,
  EMAIL_NOT_VERIFIED: 403,
  ACCOUNT_LOCKED: 423,
  NOT_FOUND: 404,
  CONFLICT: 409,
  INVALID_TRANSITION: 409,
  SECOND_REVIEWER_REQUIRED: 409,
  CONSENT_REQUIRED: 403,
  DEATH_NOTICE_REQUIRED: 409,
  MESSAGE_REJECTED: 400,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  IMAGE_REJECTED: 422,
  IDEMPOTENCY_KEY_REUSED: 422,
  RATE_LIMITED: 429,
  INTERNAL: 500,
} as const;

/** A stable, client-facing error code. */
export type ErrorCode = keyof typeof ERROR_CODES;

/** One problem with one field of a request. */
export interface FieldProblem {
  field: string;
  message: string;
}

/** An error meant for the client: a stable code, a message and optional details. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.status = ERROR_CODES[code];
  }
}

/** A record that does not exist or that the actor may not see (both answer 404). */
export function notFound(what: string): AppError {
  return new AppError('NOT_FOUND', `${what} not found`);
}

/** A request whose fields are wrong; names each field. */
export function validationFailed(problems: FieldProblem[]): AppError {
  const fields = problems.map((p) => p.field).join(', ');
  return new AppError('VALIDATION_FAILED', `Invalid request: ${fields}`, { fields: problems });
}
