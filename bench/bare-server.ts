// The reference point: a bare Fastify route running the same SQL through `pg` with a named
// prepared statement — no session, no tenancy, no audit. Started as its own process by load-patients.ts.
import Fastify from 'fastify';
import pg from 'pg';

const { BARE_DATABASE_URL, BARE_PORT, BARE_PRACTICE_ID } = process.env;
if (!BARE_DATABASE_URL || !BARE_PORT || !BARE_PRACTICE_ID)
  throw new Error('BARE_* variables are required');
const practiceId = BARE_PRACTICE_ID;

const pool = new pg.Pool({ connectionString: BARE_DATABASE_URL, max: 10 });
const app = Fastify();

// Exactly the statements Portico runs for these two requests (captured from PostgreSQL's log),
// without the session check, the tenant setting and the audit row.
const matches = `"search_last_name" ~>=~ $2 AND "search_last_name" ~<~ $3) OR ("search_first_name" ~>=~ $2
  AND "search_first_name" ~<~ $3) OR ("search_preferred_name" ~>=~ $2 AND "search_preferred_name" ~<~ $3`;
const searchText = `SELECT id, mrn, first_name, last_name, preferred_name, date_of_birth, email, phone, end_date,
    search_last_name, search_first_name
  FROM (SELECT id, mrn, first_name, last_name, preferred_name, date_of_birth, email, phone, end_date,
      search_last_name, search_first_name
    FROM patients WHERE practice_id = $1 AND end_date IS NULL AND ((${matches})) LIMIT 2147483647) m
  ORDER BY search_last_name USING ~<~, search_first_name USING ~<~, id LIMIT 25`;
const countText = `SELECT count(*)::int FROM (SELECT 1 FROM patients
  WHERE practice_id = $1 AND end_date IS NULL AND ((${matches})) LIMIT 1001) capped`;
const detailText = `SELECT * FROM patients WHERE practice_id = $1 AND id = $2`;

app.get<{ Querystring: { q: string } }>('/search', async (request) => {
  const q = request.query.q.toLowerCase();
  const values = [practiceId, q, `${q}\u{10FFFF}`];
  const page = await pool.query({ name: 'bare_search', text: searchText, values });
  const count = await pool.query<{ count: number }>({
    name: 'bare_count',
    text: countText,
    values,
  });
  return { items: page.rows, total: count.rows[0]?.count ?? 0 };
});
app.get<{ Params: { id: string } }>('/patients/:id', async (request) => {
  const res = await pool.query({
    name: 'bare_detail',
    text: detailText,
    values: [practiceId, request.params.id],
  });
  return res.rows[0];
});

await app.listen({ port: Number(BARE_PORT), host: '127.0.0.1' });
console.log('bare server ready');
