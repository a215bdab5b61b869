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

// The same index-friendly prefix range Portico's search uses (see features/patients/search.ts).
const searchText = `SELECT id, mrn, first_name, last_name, preferred_name, date_of_birth::text, email, phone, end_date::text
  FROM patients WHERE practice_id = $1 AND end_date IS NULL
    AND search_last_name ~>=~ $2 AND search_last_name ~<~ ($2 || chr(1114111))
  ORDER BY search_last_name USING ~<~, search_first_name USING ~<~, id LIMIT 25 OFFSET 0`;
const detailText = `SELECT * FROM patients WHERE practice_id = $1 AND id = $2`;

app.get<{ Querystring: { q: string } }>('/search', async (request) => {
  const res = await pool.query({
    name: 'bare_search',
    text: searchText,
    values: [practiceId, request.query.q.toLowerCase()],
  });
  return { items: res.rows };
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
