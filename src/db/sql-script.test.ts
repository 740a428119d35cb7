import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitSqlScript } from './sql-script.js';

describe('splitSqlScript', () => {
  it('splits statements on top-level semicolons', () => {
    expect(splitSqlScript('create table a (x int);\ninsert into a values (1);\n')).toEqual([
      'create table a (x int)',
      'insert into a values (1)',
    ]);
  });

  it('keeps semicolons inside strings, identifiers, comments and dollar quotes', () => {
    const script = [
      "insert into t values ('a;b', 'it''s; fine');",
      'select 1 as "weird;name";',
      '-- a comment; with a semicolon\nselect 2;',
      '/* block; comment */ select 3;',
      'create function f() returns int as $body$ begin return 1; end; $body$ language plpgsql;',
      'do $$ begin perform 1; end $$;',
    ].join('\n');
    const statements = splitSqlScript(script);
    expect(statements).toHaveLength(6);
    expect(statements[0]).toBe("insert into t values ('a;b', 'it''s; fine')");
    expect(statements[4]).toContain('begin return 1; end;');
    expect(statements[5]).toBe('do $$ begin perform 1; end $$');
  });

  it('drops empty and comment-only statements', () => {
    expect(splitSqlScript(';;\n-- only a comment\n;  ')).toEqual([]);
  });

  it('never loses a character of a statement (property)', () => {
    const word = fc.stringMatching(/^[a-z0-9 ,()]{1,20}$/).filter((s) => s.trim() !== '');
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 8 }), (parts) => {
        const script = parts.join(';\n');
        expect(splitSqlScript(script)).toEqual(parts.map((p) => p.trim()));
      }),
    );
  });
});
