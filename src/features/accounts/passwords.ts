// Password rules and hashing. Argon2id with at least OWASP's minimum parameters; a stored
// hash made with weaker parameters is replaced at the next successful login.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type * as Argon2 from '@node-rs/argon2';
import type { Algorithm } from '@node-rs/argon2';

// The Argon2 native module is loaded at the first password check or change, not at start:
// loading it costs a server that mostly serves readers a few MB of memory. require() keeps
// needsRehash synchronous.
const requireModule = createRequire(import.meta.url);
let argon2Module: typeof Argon2 | undefined;
function argon2(): typeof Argon2 {
  argon2Module ??= requireModule('@node-rs/argon2') as typeof Argon2;
  return argon2Module;
}

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 256;

export const HASH_OPTIONS = {
  algorithm: 2 as Algorithm, // Argon2id (a const enum, which isolated modules cannot import)
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
};

let common: Set<string> | undefined;
function commonPasswords(): Set<string> {
  common ??= new Set(
    readFileSync(new URL('./common-passwords.txt', import.meta.url), 'utf8')
      .split('\n')
      .map((line) => line.trim().toLowerCase())
      .filter((line) => line && !line.startsWith('#')),
  );
  return common;
}

export type PasswordProblem = 'required' | 'tooShort' | 'tooLong' | 'common' | 'sameAsEmail';

/** The first rule a new password breaks, or undefined when it is acceptable. */
export function passwordProblem(password: string, email?: string): PasswordProblem | undefined {
  if (password.length === 0) return 'required';
  // Length counts characters as people see them, not UTF-16 units.
  const length = [...password].length;
  if (length < PASSWORD_MIN) return 'tooShort';
  if (length > PASSWORD_MAX) return 'tooLong';
  const lower = password.toLowerCase();
  if (commonPasswords().has(lower)) return 'common';
  if (email && lower === email.toLowerCase()) return 'sameAsEmail';
  return undefined;
}

export function hashPassword(password: string): Promise<string> {
  return argon2().hash(password.normalize('NFC'), HASH_OPTIONS);
}

// A hash of a random password, verified against when the account does not exist, so that
// a wrong address costs as long as a wrong password.
let dummyHash: Promise<string> | undefined;

export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  if (password.length > PASSWORD_MAX * 4) return false;
  if (!stored) {
    dummyHash ??= hashPassword(`dummy-${Math.random()}`);
    await argon2().verify(await dummyHash, password.normalize('NFC'));
    return false;
  }
  try {
    return await argon2().verify(stored, password.normalize('NFC'));
  } catch {
    return false;
  }
}

/** True when the stored hash was made with weaker parameters than today's. */
export function needsRehash(stored: string): boolean {
  try {
    const o = argon2().parseOptions(stored);
    return (
      o.algorithm !== HASH_OPTIONS.algorithm ||
      o.memoryCost < HASH_OPTIONS.memoryCost ||
      o.timeCost < HASH_OPTIONS.timeCost ||
      o.parallelism < HASH_OPTIONS.parallelism
    );
  } catch {
    return true;
  }
}
