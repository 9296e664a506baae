import { PGlite } from '@electric-sql/pglite';

const t = Date.now();
const db = new PGlite();
const r = await db.query(
  "select to_tsvector('dutch','De salesmanagers gaan altijd voor hun eigenbelang') v",
);
console.log(r.rows, Date.now() - t);
const t2 = Date.now();
const c = await db.clone?.();
console.log('clone', typeof db.clone, Date.now() - t2);
