// Keeping a job's secrets (the token in a mailed link) out of what the queue stores and logs:
// an error message is stored in `jobs.last_error` and written to the log, and a mail server
// may quote what it was sent.

/** Runs of URL-safe characters this long are treated as secrets (our tokens are 32–43). */
const SECRET_LIKE = /[A-Za-z0-9_-]{20,}/g;

/** The token-like strings of a payload (its JSON text), to be kept out of error messages. */
export function secretsIn(payloadText: string): string[] {
  return [...new Set(payloadText.match(SECRET_LIKE) ?? [])];
}

/** `text` with every one of `secrets` replaced. */
export function withoutSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret) out = out.split(secret).join('[redacted]');
  return out;
}

/** Runs `work` (a send); a failure is rethrown with `secrets` removed from its message. */
export async function keepingSecrets<T>(secrets: readonly string[], work: () => Promise<T>) {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof Error)) throw new Error(withoutSecrets(String(error), secrets));
    error.message = withoutSecrets(error.message, secrets);
    if (error.stack) error.stack = withoutSecrets(error.stack, secrets);
    throw error;
  }
}
