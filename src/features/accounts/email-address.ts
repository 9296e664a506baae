// The one way an e-mail address is normalised and checked before it is stored or looked up.
export const EMAIL_MAX = 254;

export function normaliseEmail(value: string): string {
  return value.trim().toLowerCase();
}

export type EmailProblem = 'required' | 'invalid' | 'tooLong';

export function emailProblem(value: string): EmailProblem | undefined {
  if (value.length === 0) return 'required';
  if (value.length > EMAIL_MAX) return 'tooLong';
  // Deliberately simple: one @, a dot in the domain, no spaces or angle brackets.
  if (!/^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/.test(value)) return 'invalid';
  return undefined;
}
