// The one place that reads database error codes, for both backends: SQLite's extended
// result codes (better-sqlite3) and PostgreSQL's SQLSTATE (pg and PGlite alike).
import { AppError } from '../lib/errors.js';
import type { CommonErrorKey } from '../views/messages/keys.js';

interface DriverError {
  code?: string | number;
  message?: string;
}

function codeOf(error: unknown): string | number | undefined {
  return (error as DriverError | undefined)?.code;
}

/** True when a write broke a UNIQUE or PRIMARY KEY constraint. */
export function isUniqueViolation(error: unknown): boolean {
  const code = codeOf(error);
  return (
    code === '23505' ||
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  );
}

/** True when a write broke a FOREIGN KEY constraint. */
export function isForeignKeyViolation(error: unknown): boolean {
  const code = codeOf(error);
  return code === '23503' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}

/** True when a write broke a CHECK constraint. */
export function isCheckViolation(error: unknown): boolean {
  const code = codeOf(error);
  return code === '23514' || code === 'SQLITE_CONSTRAINT_CHECK';
}

/** True when a write left a NOT NULL column empty. */
export function isNotNullViolation(error: unknown): boolean {
  const code = codeOf(error);
  return code === '23502' || code === 'SQLITE_CONSTRAINT_NOTNULL';
}

// PostgreSQL refuses some values itself where SQLite stores them as they come: a NUL
// character in text (22021), a number beyond its column's range (22003), text where a
// number belongs (22P02), text too long for its column (22001), a character the
// database's encoding lacks (22P05).
const INVALID_VALUE = new Set(['22001', '22003', '22021', '22P02', '22P05']);

/** True when the database refused a value that bad input can carry (PostgreSQL only). */
export function isInvalidValue(error: unknown): boolean {
  const code = codeOf(error);
  return typeof code === 'string' && INVALID_VALUE.has(code);
}

/** A constraint or value the database refused, turned into a client error. */
export class DatabaseRefusal extends AppError {
  constructor(
    code: 'conflict' | 'validation',
    messageKey: CommonErrorKey,
    /** The driver's error, for the log: a refusal that reaches the top means a check is missing. */
    readonly driverError: unknown,
  ) {
    super(code, messageKey);
  }
}

/**
 * Maps a database refusal that no service caught to a 4xx: 409 for a unique conflict,
 * 422 for a check, not-null or foreign-key violation or a refused value. The message keys
 * are in the `common.errors` catalogs. Anything else (lost connection, syntax) stays a 5xx.
 */
export function databaseRefusalOf(error: unknown): DatabaseRefusal | undefined {
  if (isUniqueViolation(error)) return new DatabaseRefusal('conflict', 'db_unique', error);
  if (isCheckViolation(error)) return new DatabaseRefusal('validation', 'db_check', error);
  if (isNotNullViolation(error)) return new DatabaseRefusal('validation', 'db_not_null', error);
  if (isForeignKeyViolation(error))
    return new DatabaseRefusal('validation', 'db_foreign_key', error);
  if (isInvalidValue(error)) return new DatabaseRefusal('validation', 'db_invalid_value', error);
  return undefined;
}
