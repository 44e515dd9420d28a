/** The contract's error names that a domain decision can produce. */
export type DomainErrorName =
  | 'not_found'
  | 'conflict'
  | 'conflict_uniqueness'
  | 'operation_refused'
  | 'invalid_request'
  | 'unauthorized'
  | 'forbidden'
  // Seeds 001/003's redemption refusals (api-fulfillment.md).
  | 'invalid_token'
  | 'invalid_user'
  | 'user_mismatch'
  | 'authentication_system_not_supported';

export interface ErrorDetail {
  readonly field?: string;
  readonly message: string;
  /** A seed's own error code (seed 004's `passwordLocked`, `unknownPhone`…), for clients that branch on it. */
  readonly code?: string;
}

/** An error named as the HTTP contract names it, with the fields it concerns: domain refusals, HTTP answers alike. */
export abstract class NamedError<Name extends string> extends Error {
  constructor(
    readonly errorName: Name,
    message: string,
    readonly details: readonly ErrorDetail[] = [],
  ) {
    super(message);
  }
}

/** A decision the domain refuses. */
export class DomainError extends NamedError<DomainErrorName> {
  override readonly name = 'DomainError';
}

export const notFound = (what: string): DomainError => new DomainError('not_found', `${what} not found`);
export const refused = (message: string, details: readonly ErrorDetail[] = []): DomainError =>
  new DomainError('operation_refused', message, details);
export const taken = (field: string, message: string): DomainError =>
  new DomainError('conflict_uniqueness', message, [{ field, message }]);
