// The only reader of process.env. Every setting is validated here, once, with a clear
// message per wrong value; the rest of the code receives a typed Config.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import dotenv from 'dotenv';
import { z } from 'zod';

const boolean = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off'], {
    errorMap: () => ({ message: 'must be one of 1/0, true/false, yes/no, on/off' }),
  })
  .transform((v) => ['1', 'true', 'yes', 'on'].includes(v));

const envSchema = z.object({
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce
    .number({ invalid_type_error: 'must be a number' })
    .int('must be a whole number')
    .min(0, 'must be between 0 and 65535')
    .max(65535, 'must be between 0 and 65535')
    .default(3000),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(
      /^(postgres(ql)?:\/\/.+|sqlite:.+|pglite:.*)$/,
      'must be postgres://…, sqlite:PATH or pglite:[DIR]',
    )
    .optional(),
  SITE_URL: z
    .string()
    .url('must be an absolute URL such as https://example.nl')
    .refine((u) => /^https?:\/\//.test(u), 'must start with http:// or https://')
    .optional(),
  SITE_NAME: z.string().min(1).max(80).default('Podium'),
  SITE_LOCALE: z
    .enum(['nl', 'en'], { errorMap: () => ({ message: 'must be nl or en' }) })
    .default('nl'),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/.+/, 'must be smtp://… or smtps://…')
    .optional(),
  MAIL_FROM: z.string().min(3).optional(),
  SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  TRUST_PROXY: z
    .string()
    .optional()
    .transform((v) => {
      if (v === undefined || v === '' || ['0', 'false', 'no', 'off'].includes(v)) return false;
      if (['1', 'true', 'yes', 'on'].includes(v)) return true;
      if (/^\d+$/.test(v)) return Number(v);
      return v; // a list of addresses or CIDRs, as Fastify's trustProxy takes it
    }),
  DEMO: boolean.default('true'),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      errorMap: () => ({ message: 'must be fatal, error, warn, info, debug, trace or silent' }),
    })
    .default('info'),
  PAGE_CACHE: boolean.default('true'),
});

export interface Config {
  host: string;
  port: number;
  dataDir: string;
  databaseUrl: string;
  siteUrl: string;
  siteName: string;
  locale: 'nl' | 'en';
  smtpUrl: string | undefined;
  mailFrom: string;
  secret: string;
  trustProxy: boolean | number | string;
  demo: boolean;
  logLevel: string;
  pageCache: boolean;
  /** True when SITE_URL is https: cookies get Secure and the __Host- prefix, HSTS is sent. */
  secure: boolean;
}

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Reads a SECRET from DATA_DIR, creating one the first time, so sessions survive restarts. */
function secretFromDataDir(dataDir: string): string {
  const file = path.join(dataDir, 'secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

export function loadConfig(
  env: Record<string, string | undefined> = process.env,
  options: { readDotEnv?: boolean } = {},
): Config {
  const source: Record<string, string | undefined> = { ...env };
  if (options.readDotEnv ?? env === process.env) {
    const file = path.resolve('.env');
    if (existsSync(file)) {
      for (const [k, v] of Object.entries(dotenv.parse(readFileSync(file)))) source[k] ??= v;
    }
  }
  // An empty variable means "not set", as in most shells' habits.
  for (const k of Object.keys(source)) if (source[k] === '') delete source[k];

  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map(
        (i) => `${i.path.join('.')}: ${i.message} (got "${source[String(i.path[0])] ?? ''}")`,
      ),
    );
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  const siteUrl = (
    e.SITE_URL ?? `http://${e.HOST === '0.0.0.0' ? '127.0.0.1' : e.HOST}:${e.PORT}`
  ).replace(/\/+$/, '');
  const host = new URL(siteUrl).hostname;
  return {
    host: e.HOST,
    port: e.PORT,
    dataDir,
    databaseUrl: e.DATABASE_URL ?? `sqlite:${path.join(dataDir, 'podium.db')}`,
    siteUrl,
    siteName: e.SITE_NAME,
    locale: e.SITE_LOCALE,
    smtpUrl: e.SMTP_URL,
    mailFrom:
      e.MAIL_FROM ??
      `${e.SITE_NAME} <no-reply@${host.includes('.') ? host : 'localhost.localdomain'}>`,
    secret: e.SECRET ?? secretFromDataDir(dataDir),
    trustProxy: e.TRUST_PROXY,
    demo: e.DEMO,
    logLevel: e.LOG_LEVEL,
    pageCache: e.PAGE_CACHE,
    secure: siteUrl.startsWith('https://'),
  };
}
