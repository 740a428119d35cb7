// Splits a SQL script into statements. PGlite runs queries over the extended protocol, one
// statement per query, so a migration file is executed statement by statement on both engines.

/**
 * Splits on top-level semicolons, leaving quoted strings, quoted identifiers, dollar-quoted
 * bodies and comments intact. Empty statements (and comment-only ones) are dropped.
 *
 * @example splitSqlScript("create table a(x int); -- note\ninsert into a values (1);")
 *   // → ["create table a(x int)", "-- note\ninsert into a values (1)"]
 */
export function splitSqlScript(script: string): string[] {
  const statements: string[] = [];
  let start = 0;
  let i = 0;
  const n = script.length;
  while (i < n) {
    const c = script[i];
    const next = script[i + 1];
    if (c === '-' && next === '-') {
      const end = script.indexOf('\n', i);
      i = end === -1 ? n : end + 1;
    } else if (c === '/' && next === '*') {
      const end = script.indexOf('*/', i + 2);
      i = end === -1 ? n : end + 2;
    } else if (c === "'" || c === '"') {
      i = skipQuoted(script, i, c);
    } else if (c === '$') {
      const tag = /^\$[A-Za-z_]*\$/.exec(script.slice(i, i + 64));
      if (tag) {
        const end = script.indexOf(tag[0], i + tag[0].length);
        i = end === -1 ? n : end + tag[0].length;
      } else {
        i++;
      }
    } else if (c === ';') {
      pushStatement(statements, script.slice(start, i));
      start = ++i;
    } else {
      i++;
    }
  }
  pushStatement(statements, script.slice(start));
  return statements;
}

function skipQuoted(script: string, at: number, quote: string): number {
  let i = at + 1;
  while (i < script.length) {
    if (script[i] === quote) {
      if (script[i + 1] === quote) {
        i += 2;
        continue;
      }
      return i + 1;
    }
    i++;
  }
  return script.length;
}

function pushStatement(statements: string[], text: string): void {
  const withoutComments = text.replace(/--[^\n]*/g, '').replace(/\/\*[\s\S]*?\*\//g, '');
  if (withoutComments.trim() !== '') statements.push(text.trim());
}
