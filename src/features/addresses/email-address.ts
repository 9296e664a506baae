// The one way an e-mail address is normalised and checked, wherever one is accepted or
// stored: comments, followers, newsletters, accounts, profiles, imports.
//
// It lives beside the addresses repository rather than in lib/ because the two together
// decide what "one mailbox" means: the `addresses` table holds one row per normalised
// address, and forgetting a reader finds their rows by the same rule. A second normaliser
// anywhere would let one mailbox become two rows again.
//
// The check is a single pass over at most EMAIL_MAX characters: lengths are looked at
// first and end the check, and no regular expression with nested repetition is used, so
// no input (a form body is capped at 256 KiB) can make it slow.

/** RFC 5321, 4.5.3.1: a path holds at most 256 octets, angle brackets included. */
export const EMAIL_MAX = 254;
/** RFC 5321, 4.5.3.1.1. */
export const LOCAL_PART_MAX = 64;
/** RFC 1035, 2.3.4. */
const DOMAIN_LABEL_MAX = 63;

/** Message keys; each feature's catalog has the ones its forms show. */
export type EmailProblem = 'email_required' | 'email_too_long' | 'email_invalid';

declare const normalised: unique symbol;
/** An address that went through `normaliseEmail`: what the addresses table is keyed by. */
export type NormalisedEmail = string & { readonly [normalised]: true };

export type EmailCheck =
  | { ok: true; email: NormalisedEmail }
  | { ok: false; problem: EmailProblem };

/**
 * Trimmed, NFC (a decomposed "é" from one keyboard and a composed one from another are one
 * mailbox), lower case. The whole address is lowered, the local part too: RFC 5321 lets a
 * server tell "Jan" from "jan", but no mail service people use does, and readers type
 * their address in any case.
 */
export function normaliseEmail(raw: string): NormalisedEmail {
  // Lowering can undo NFC in rare scripts, so NFC is applied again after it.
  return raw.trim().normalize('NFC').toLowerCase().normalize('NFC') as NormalisedEmail;
}

/**
 * Normalises what someone typed and checks it: the address to store, or the problem.
 * Refused: quoted local parts, domain literals, control and format characters, spaces, a
 * leading "-" or ".", "..", a domain without a dot or with a label that starts or ends
 * with "-", a numeric or one-letter top-level domain: forms no reader's mailbox has.
 */
export function checkEmail(raw: string): EmailCheck {
  const trimmed = raw.trim();
  if (trimmed === '') return { ok: false, problem: 'email_required' };
  // NFC composes at most four code units into one character of three octets or more, so
  // anything longer than this is too long whatever it normalises to; stopping here keeps
  // a huge input from being normalised at all.
  if (trimmed.length > EMAIL_MAX * 4) return { ok: false, problem: 'email_too_long' };
  const email = normaliseEmail(trimmed);
  const problem = shapeProblem(email);
  return problem ? { ok: false, problem } : { ok: true, email };
}

function shapeProblem(email: string): EmailProblem | undefined {
  // UTF-16 code units never outnumber UTF-8 octets, so this ends the check for long input.
  if (email.length > EMAIL_MAX) return 'email_too_long';
  if (utf8Length(email, 0, email.length) > EMAIL_MAX) return 'email_too_long';
  const at = email.indexOf('@');
  if (at === -1 || email.indexOf('@', at + 1) !== -1) return 'email_invalid';
  if (utf8Length(email, 0, at) > LOCAL_PART_MAX) return 'email_too_long';
  if (!localPartOk(email, at) || !domainOk(email, at + 1)) return 'email_invalid';
  return undefined;
}

function utf8Length(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

// RFC 5322 atext besides letters and digits.
const ATEXT_SYMBOLS = "!#$%&'*+-/=?^_`{|}~";

function isAsciiAlnum(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
}

// Beyond ASCII (RFC 6531 addresses, IDN domains) only letters, marks and digits: no spaces,
// controls, bidi or zero-width characters that make one address look like another.
const WORD_CHAR = /^[\p{L}\p{M}\p{N}]$/u;

/** Length in code units of the code point at `i` when it is a letter, mark or digit beyond ASCII, else 0. */
function wordCharAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 0x80) return 0;
  const code = text.codePointAt(i)!;
  // A lone surrogate is no character at all.
  if (code >= 0xd800 && code <= 0xdfff) return 0;
  const width = code > 0xffff ? 2 : 1;
  return WORD_CHAR.test(text.slice(i, i + width)) ? width : 0;
}

/** Dot-atom local part in [0, end): atext runs separated by single dots, not starting with "-". */
function localPartOk(text: string, end: number): boolean {
  if (end === 0) return false;
  const first = text.charCodeAt(0);
  if (first === 0x2e || first === 0x2d) return false; // "." or "-"
  let previousDot = false;
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x2e) {
      if (previousDot) return false;
      previousDot = true;
      continue;
    }
    previousDot = false;
    if (c < 0x80) {
      if (!isAsciiAlnum(c) && !ATEXT_SYMBOLS.includes(text[i]!)) return false;
      continue;
    }
    const width = wordCharAt(text, i);
    if (width === 0) return false;
    i += width - 1;
  }
  return !previousDot;
}

/** Domain from `start`: two or more labels of letters, digits and inner hyphens. */
function domainOk(text: string, start: number): boolean {
  let labels = 0;
  let labelStart = start;
  let labelLength = 0;
  let labelAllDigits = true;
  let previous = -1;
  for (let i = start; i <= text.length; i++) {
    const c = i === text.length ? 0x2e : text.charCodeAt(i);
    if (c === 0x2e) {
      if (labelLength === 0) return false; // empty label: leading, trailing or doubled dot
      if (text.charCodeAt(labelStart) === 0x2d || previous === 0x2d) return false;
      labels++;
      if (i === text.length) break;
      labelStart = i + 1;
      labelLength = 0;
      labelAllDigits = true;
      previous = c;
      continue;
    }
    if (++labelLength > DOMAIN_LABEL_MAX) return false;
    previous = c;
    if (c < 0x80) {
      if (c === 0x2d) labelAllDigits = false;
      else if (isAsciiAlnum(c)) labelAllDigits &&= c <= 0x39;
      else return false;
      continue;
    }
    const width = wordCharAt(text, i);
    if (width === 0) return false;
    labelAllDigits = false;
    i += width - 1;
  }
  // The last label is the top-level domain: none is a single character or all digits.
  const tldLength = text.length - labelStart;
  return labels >= 2 && tldLength >= 2 && !labelAllDigits;
}
