// The explicit manifest of migrations, in order. A migration is a plain SQL file, frozen once released:
// change the schema with a new file, never by editing an old one.
export const MIGRATIONS: readonly string[] = [
  '0001-create-reference',
  '0002-create-documents',
  '0003-create-trade-reported',
  '0004-create-trade-official',
  '0005-trade-official-by-period',
  '0006-create-producers',
  '0007-create-cooperation',
  '0008-create-accounts',
  '0009-audit-events',
  '0010-create-search-words',
  '0011-deferred-indexes',
  '0012-hs-indexes-without-pending-list',
  '0013-deferred-foreign-keys',
  '0014-word-variants-in-arrays',
];
