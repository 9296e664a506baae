// Optional TOTP second factor (RFC 6238, any authenticator app) with ten single-use
// recovery codes. The TOTP secret is stored encrypted with a key derived from SECRET, the
// recovery codes only as SHA-256 hashes (they are long random strings, so a fast hash is enough).
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { nowIso } from '../../lib/time.js';
import { sha256 } from './secret-token.js';
import { claimTotpStep, findUserById, replaceRecoveryCodes, setTotp } from './users.repository.js';

// otplib and qrcode are loaded on the first two-factor step, not at start: only the few
// users who enrol or log in with a second factor need them. (import() loads a module once.)
const loadOtplib = () => import('otplib');
const loadQrCode = async () => (await import('qrcode')).default;

export const RECOVERY_CODE_COUNT = 10;
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

function keyFrom(secret: string): Buffer {
  return createHash('sha256').update(`${secret}|totp-secret`).digest();
}

export function sealSecret(appSecret: string, totpSecret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyFrom(appSecret), iv);
  const data = Buffer.concat([cipher.update(totpSecret, 'utf8'), cipher.final()]);
  return ['v1', iv, cipher.getAuthTag(), data]
    .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
    .join('.');
}

export function openSecret(appSecret: string, sealed: string): string | undefined {
  const [version, iv, tag, data] = sealed.split('.');
  if (version !== 'v1' || !iv || !tag || !data) return undefined;
  try {
    const decipher = createDecipheriv(
      'aes-256-gcm',
      keyFrom(appSecret),
      Buffer.from(iv, 'base64url'),
    );
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([
      decipher.update(Buffer.from(data, 'base64url')),
      decipher.final(),
    ]).toString('utf8');
  } catch {
    return undefined;
  }
}

function recoveryCode(): string {
  const bytes = randomBytes(10);
  const chars = [...bytes].map((b) => RECOVERY_ALPHABET[b % RECOVERY_ALPHABET.length]);
  return `${chars.slice(0, 5).join('')}-${chars.slice(5).join('')}`;
}

function normaliseRecoveryCode(code: string): string {
  return code.trim().toLowerCase().replace(/[\s-]/g, '');
}

function hashRecoveryCode(code: string): string {
  return sha256(`recovery|${normaliseRecoveryCode(code)}`);
}

/**
 * The time step of the code when it is right and newer than `afterStep`, else undefined.
 * Codes of `afterStep` and before were used already (or are older than one that was).
 */
async function totpStepOf(
  secret: string,
  code: string,
  afterStep: number | null,
): Promise<number | undefined> {
  if (!/^\d{6}$/.test(code)) return undefined;
  const { verify } = await loadOtplib();
  try {
    // One step of tolerance either way for phones whose clock is a little off.
    const result = await verify({
      secret,
      token: code,
      epochTolerance: 30,
      ...(afterStep !== null ? { afterTimeStep: afterStep } : {}),
    });
    return result.valid && 'timeStep' in result ? result.timeStep : undefined;
  } catch {
    return undefined;
  }
}

export interface Enrolment {
  secret: string;
  uri: string;
  qrDataUrl: string;
}

/** Starts (or restarts) enrolment: a new secret is stored, not yet enabled. */
export async function startEnrolment(
  db: Kysely<Database>,
  appSecret: string,
  userId: number,
): Promise<void> {
  const user = await findUserById(db, userId);
  if (!user || user.totp_enabled) return;
  const { generateSecret } = await loadOtplib();
  const secret = generateSecret();
  await setTotp(
    db,
    userId,
    { secret: sealSecret(appSecret, secret), enabled: false, recoveryCodes: null },
    nowIso(),
  );
}

/** The pending enrolment's secret with its otpauth URI and QR code (an SVG data URL). */
export async function pendingEnrolment(
  db: Kysely<Database>,
  appSecret: string,
  siteName: string,
  userId: number,
): Promise<Enrolment | undefined> {
  const user = await findUserById(db, userId);
  if (!user || user.totp_enabled || !user.totp_secret) return undefined;
  const secret = openSecret(appSecret, user.totp_secret);
  if (!secret) return undefined;
  const [{ generateURI }, QRCode] = await Promise.all([loadOtplib(), loadQrCode()]);
  const uri = generateURI({ issuer: siteName, label: user.email, secret });
  const svg = await QRCode.toString(uri, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
  return {
    secret,
    uri,
    qrDataUrl: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`,
  };
}

/** Confirms enrolment with a code from the app; returns the recovery codes, shown once. */
export async function confirmEnrolment(
  db: Kysely<Database>,
  appSecret: string,
  userId: number,
  code: string,
): Promise<string[] | undefined> {
  const user = await findUserById(db, userId);
  if (!user || user.totp_enabled || !user.totp_secret) return undefined;
  const secret = openSecret(appSecret, user.totp_secret);
  const step = secret ? await totpStepOf(secret, code.trim(), null) : undefined;
  if (step === undefined || !(await claimTotpStep(db, userId, step))) return undefined;
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, recoveryCode);
  await setTotp(
    db,
    userId,
    {
      secret: user.totp_secret,
      enabled: true,
      recoveryCodes: JSON.stringify(codes.map(hashRecoveryCode)),
    },
    nowIso(),
  );
  return codes;
}

export async function disableTwoFactor(db: Kysely<Database>, userId: number): Promise<void> {
  await setTotp(db, userId, { secret: null, enabled: false, recoveryCodes: null }, nowIso());
}

export function recoveryCodesLeft(stored: string | null): number {
  try {
    const list = JSON.parse(stored ?? '[]') as unknown;
    return Array.isArray(list) ? list.length : 0;
  } catch {
    return 0;
  }
}

export type SecondFactorCheck =
  | { ok: true; usedRecoveryCode: boolean; recoveryLeft: number }
  | { ok: false };

/** Checks a TOTP code or spends a recovery code (each works once). */
export async function checkSecondFactor(
  db: Kysely<Database>,
  appSecret: string,
  userId: number,
  rawCode: string,
): Promise<SecondFactorCheck> {
  const user = await findUserById(db, userId);
  if (!user?.totp_enabled || !user.totp_secret) return { ok: false };
  const code = rawCode.trim().slice(0, 40);
  const secret = openSecret(appSecret, user.totp_secret);
  const left = recoveryCodesLeft(user.recovery_codes);
  const step = secret ? await totpStepOf(secret, code, user.totp_last_step) : undefined;
  if (step !== undefined) {
    // Compare-and-swap as well: a code is good for one login, however fast the second.
    const claimed = await claimTotpStep(db, userId, step);
    return claimed ? { ok: true, usedRecoveryCode: false, recoveryLeft: left } : { ok: false };
  }
  if (!user.recovery_codes || normaliseRecoveryCode(code).length !== 10) return { ok: false };
  const hashes = JSON.parse(user.recovery_codes) as string[];
  const hash = hashRecoveryCode(code);
  if (!hashes.includes(hash)) return { ok: false };
  const rest = hashes.filter((h) => h !== hash);
  // Compare-and-swap: two logins racing with one code cannot both spend it.
  const spent = await replaceRecoveryCodes(db, userId, user.recovery_codes, JSON.stringify(rest));
  return spent ? { ok: true, usedRecoveryCode: true, recoveryLeft: rest.length } : { ok: false };
}
