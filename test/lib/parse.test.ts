// The shared input schemas: ids, page numbers, text fields and repeated values.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { NotFoundError, ValidationError } from '../../src/lib/errors.js';
import { checkbox, idParams, pageQuery, parseInput, rawText, text } from '../../src/lib/parse.js';

describe('parseInput', () => {
  it('reads a positive 32-bit id; anything else is not found', () => {
    expect(parseInput(idParams, { id: '42' }, 'not_found')).toEqual({ id: 42 });
    expect(parseInput(idParams, { id: String(2 ** 31 - 1) }, 'not_found').id).toBe(2 ** 31 - 1);
    for (const id of [
      String(2 ** 31),
      '0',
      '-1',
      '1e3',
      '12a',
      '',
      '99999999999',
      ' 1',
      '01',
      '+1',
    ]) {
      expect(() => parseInput(idParams, { id }, 'not_found'), id).toThrow(NotFoundError);
    }
  });

  it('reads a page number: odd values (a repeated one too) are page 1, huge ones are capped', () => {
    const q = pageQuery(1000);
    expect(parseInput(q, {})).toBe(1);
    expect(parseInput(q, { pagina: '3' })).toBe(3);
    expect(parseInput(q, { page: '4' })).toBe(4);
    expect(parseInput(q, { pagina: 'x' })).toBe(1);
    expect(parseInput(q, { pagina: '0' })).toBe(1);
    expect(parseInput(q, { pagina: '999999' })).toBe(1000);
    expect(parseInput(q, { pagina: ['2', '5'] })).toBe(1);
    expect(parseInput(q, undefined)).toBe(1);
  });

  it('refuses a repeated value of a single field, as the form would be refused without it', () => {
    const schema = z.object({ name: text, body: rawText, notify: checkbox });
    expect(parseInput(schema, { name: 'a', body: 'b', notify: 'on' })).toEqual({
      name: 'a',
      body: 'b',
      notify: true,
    });
    for (const repeated of [{ name: ['a', 'b'] }, { body: ['a', 'b'] }, { notify: ['on', 'on'] }]) {
      expect(() => parseInput(schema, repeated)).toThrow(ValidationError);
    }
    expect(() => parseInput(idParams, { id: ['1', '2'] }, 'not_found')).toThrow(NotFoundError);
  });

  it('refuses NUL and other control characters in a text field, with the field named', () => {
    const schema = z.object({ name: text });
    expect(parseInput(schema, { name: 'Anna\tde Vries\r\n' }).name).toBe('Anna\tde Vries\r\n');
    expect(parseInput(schema, {}).name).toBe('');
    for (const bad of ['a\u0000b', 'a\u0007b', 'a\u001bb', 'a\u007fb', 'a\u0085b']) {
      try {
        parseInput(schema, { name: bad });
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(ValidationError);
        expect((error as ValidationError).fields).toEqual({ name: 'invalid_characters' });
      }
    }
  });
});
