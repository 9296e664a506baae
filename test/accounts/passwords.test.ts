import { describe, expect, it } from 'vitest';
import { passwordProblem } from '../../src/features/accounts/passwords.js';

describe('password rules', () => {
  it('accepts long passphrases and refuses short, huge and common ones', () => {
    expect(passwordProblem('')).toBe('required');
    expect(passwordProblem('negen9999')).toBe('tooShort');
    expect(passwordProblem('😀😀😀😀😀😀😀😀😀')).toBe('tooShort'); // 9 characters, 18 UTF-16 units
    expect(passwordProblem('a'.repeat(257))).toBe('tooLong');
    expect(passwordProblem('a b'.repeat(85))).toBeUndefined(); // 255 characters is allowed
    for (const common of [
      'Password123',
      'wachtwoord123',
      'qwertyuiop',
      '1234567890',
      'Welkom2025',
    ]) {
      expect(passwordProblem(common), common).toBe('common');
    }
    expect(passwordProblem('ik@example.nl', 'IK@example.nl')).toBe('sameAsEmail');
    expect(passwordProblem('een zin van een paar woorden')).toBeUndefined();
  });
});
