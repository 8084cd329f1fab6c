import type { TaskWithTurns, ValidationIssue } from '../../../handinger_wasm.js';

/** Base class of every error this package throws or rejects with. */
export class HandingerError extends Error {}

/** Bad input: a task id, an option, or a payload given to the parse helpers. */
export class ValidationError extends HandingerError {
  readonly name: 'ValidationError';
  readonly issues: ValidationIssue[];
}

/**
 * `waitForTask` ran past `maxWaitMs`; `lastTask` is the last snapshot seen (or null). When
 * transient errors (5xx, 429, connection failures) kept the last polls from succeeding,
 * `cause` holds the last of them and the message names it.
 */
export class WaitTimeoutError extends HandingerError {
  readonly name: 'WaitTimeoutError';
  readonly lastTask: TaskWithTurns | null;
}

/** An HTTP error status, an invalid response, or a failed connection. */
export class APIError extends HandingerError {
  /** HTTP status, or undefined when no response arrived. */
  readonly status: number | undefined;
  /** Response headers (lower-case names), or undefined when no response arrived. */
  readonly headers: Record<string, string> | undefined;
  /** Parsed JSON body, or the whole body text when it is not JSON; API key redacted. */
  readonly body: unknown;
  /** The parsed JSON body (as in the official SDK); undefined when the body is not JSON. */
  readonly error: Record<string, unknown> | undefined;
  /** From `x-request-id` or `request-id`. */
  readonly requestId: string | null;
}

/** A 2xx body that is not JSON or breaks the wire model. `body` holds the raw text. */
export class APIResponseValidationError extends APIError {
  readonly name: 'APIResponseValidationError';
  readonly issues: ValidationIssue[];
}

export class BadRequestError extends APIError {}
export class AuthenticationError extends APIError {}
export class PermissionDeniedError extends APIError {}
export class NotFoundError extends APIError {}
export class ConflictError extends APIError {}
export class UnprocessableEntityError extends APIError {}
export class RateLimitError extends APIError {}
export class InternalServerError extends APIError {}
/** No response: DNS, refused connection, CORS, dropped body. `cause` holds the original. */
export class APIConnectionError extends APIError {}
export class APIConnectionTimeoutError extends APIConnectionError {}
export class APIUserAbortError extends APIError {}
