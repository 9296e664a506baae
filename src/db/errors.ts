// The one place that reads database error codes, for both backends.

interface DriverError {
  code?: string | number;
  message?: string;
}

/** True when a write broke a UNIQUE or PRIMARY KEY constraint. */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as DriverError;
  return (
    e?.code === '23505' ||
    e?.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  );
}

/** True when a write broke a FOREIGN KEY constraint. */
export function isForeignKeyViolation(error: unknown): boolean {
  const e = error as DriverError;
  return e?.code === '23503' || e?.code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}

/** True when a write broke a CHECK constraint. */
export function isCheckViolation(error: unknown): boolean {
  const e = error as DriverError;
  return e?.code === '23514' || e?.code === 'SQLITE_CONSTRAINT_CHECK';
}

/** PostgreSQL serialization failure or deadlock: the transaction may simply be retried. */
export function isRetryableConflict(error: unknown): boolean {
  const e = error as DriverError;
  return e?.code === '40001' || e?.code === '40P01' || e?.code === 'SQLITE_BUSY';
}
