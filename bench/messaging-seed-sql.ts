// The set-based SQL of the messaging seeder (bench/messaging-seed.ts): threads and messages made
// with generate_series in a handful of statements, inbox columns derived from the messages.

export interface MessagingSeedPlan {
  practiceId: string;
  threads: number;
  messages: number;
  /** The password hash every bench portal account gets (one Argon2id hash, computed once). */
  passwordHash: string;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const literal = (s: string) => `'${s.replaceAll("'", "''")}'`;

const subjects = [
  'Question about my exercises',
  'Appointment next week',
  'Knee still sore after session',
  'Insurance paperwork',
  'Home program update',
  'Referral from Dr. Patel',
  'Reschedule request',
  'Billing statement question',
  'Shoulder pain at night',
  'Your visit summary',
  'Follow-up after surgery',
  'Resistance band size',
];
const topics = [
  'medical_question',
  'appointments',
  'prescriptions',
  'billing',
  'exercise_program',
  'other',
];
const sentences = [
  'Thanks for the update, that helps a lot.',
  'I did the exercises twice a day as you suggested and the stiffness is better in the morning.',
  'Could we move my appointment on Thursday to later in the afternoon, after 3 pm if possible?',
  'Please keep icing for fifteen minutes after each session and let us know if the swelling returns.',
  'The pain is about a 4 out of 10 today, mostly when I climb stairs or get up from a chair.',
  'We have received the referral and our front desk will call you to schedule the evaluation.',
  'Your insurance requires a new authorization after twelve visits; we have sent the request.',
  'I attached the form from my employer, can someone fill in the return-to-work section?',
  'Great progress this week. Add one more set of the bridges and keep the band exercises the same.',
  'Is it normal to feel sore the day after the session? It goes away by the afternoon.',
  'Your next visit is confirmed for Monday at 10:30 at the Downtown Clinic.',
  'I will be travelling for two weeks; which exercises should I keep doing without equipment?',
];
const arrayOf = (xs: string[]) => `ARRAY[${xs.map(literal).join(', ')}]`;
const pick = (xs: string[]) => `(${arrayOf(xs)})[1 + floor(random() * ${xs.length})::int]`;

/** The statements, in order. Run as the database owner (RLS does not apply). */
export function messagingSeedStatements(plan: MessagingSeedPlan): string[] {
  if (!uuidPattern.test(plan.practiceId)) throw new Error('practiceId must be a uuid');
  if (!Number.isInteger(plan.threads) || !Number.isInteger(plan.messages))
    throw new Error('threads and messages must be integers');
  if (plan.messages < plan.threads) throw new Error('at least one message per thread');
  const pid = literal(plan.practiceId);
  const extraMean = (plan.messages - plan.threads) / plan.threads;
  // Geometric (mean extraMean) extra messages per thread beyond the first.
  const extra =
    extraMean > 0
      ? `floor(ln(1 - random()) / ln(1 - 1 / (1 + ${extraMean})))::bigint`
      : '0::bigint';
  const body = `${pick(sentences)} || CASE WHEN random() < 0.6 THEN ' ' || ${pick(sentences)} ELSE '' END
      || CASE WHEN random() < 0.25 THEN ' ' || ${pick(sentences)} ELSE '' END`;
  return [
    `SET session_replication_role = replica`, // no FK triggers: the rows are consistent by construction
    `SET work_mem = '256MB'`,
    `SET maintenance_work_mem = '1GB'`,
    `SET synchronous_commit = off`,
    `CREATE TEMP TABLE bench_patients AS
      SELECT row_number() OVER (ORDER BY mrn)::int AS rn, id, primary_provider_id, primary_location_id
      FROM patients WHERE practice_id = ${pid} AND end_date IS NULL`,
    `ANALYZE bench_patients`,
    `CREATE TEMP TABLE bench_staff AS
      SELECT (row_number() OVER (ORDER BY staff_user_id) - 1)::int AS rn, staff_user_id AS id
      FROM staff_memberships WHERE practice_id = ${pid} AND active`,
    // Every patient has a registered portal account (patient messages carry the account id).
    `CREATE TEMP TABLE bench_accounts AS
      SELECT p.id AS patient_id, gen_random_uuid() AS account_id,
        'bench-' || lower(p.mrn) || '@example.com' AS email
      FROM patients p WHERE p.practice_id = ${pid}`,
    `ANALYZE bench_accounts`,
    `INSERT INTO portal_accounts (id, email, email_verified_at, password_hash, terms_accepted_at, created_at)
      SELECT account_id, email, now(), ${literal(plan.passwordHash)}, now(), now() FROM bench_accounts`,
    `INSERT INTO portal_access (practice_id, patient_id, account_id, relationship, created_at)
      SELECT ${pid}, patient_id, account_id, 'self', now() FROM bench_accounts`,
    // One row per thread: who, when (recent activity skewed: age = 730 d × u^1.5), how many
    // messages (1 + a geometric tail, rescaled so the total is exactly plan.messages).
    `CREATE TEMP TABLE bench_plan AS
      WITH g AS (
        SELECT n, 1 + floor(random() * (SELECT count(*) FROM bench_patients))::int AS prn,
          ${extra} AS extra,
          random() AS r_start, random() AS r_prov, random() AS r_loc, random() AS r_assign,
          random() AS r_close, random() AS r_unread,
          now() - power(random(), 1.5) * interval '730 days' AS last_at,
          interval '5 minutes' + power(random(), 2) * interval '3 days' AS gap
        FROM generate_series(1, ${plan.threads}) n),
      s AS (SELECT *, sum(extra) OVER (ORDER BY n) AS cum, sum(extra) OVER () AS total FROM g)
      SELECT s.n, gen_random_uuid() AS id, p.id AS patient_id,
        CASE WHEN r_prov < 0.7 THEN p.primary_provider_id END AS provider_id,
        CASE WHEN r_loc < 0.5 THEN p.primary_location_id END AS location_id,
        CASE WHEN r_start < 0.6 THEN 'patient' ELSE 'staff' END AS started_by,
        1 + (floor(cum::numeric * ${plan.messages - plan.threads} / greatest(total, 1))
          - floor((cum - extra)::numeric * ${plan.messages - plan.threads} / greatest(total, 1)))::int AS c,
        r_assign, r_close, r_unread, last_at, gap
      FROM s JOIN bench_patients p ON p.rn = s.prn`,
    `ANALYZE bench_plan`,
    `CREATE TEMP TABLE bench_msgs AS
      SELECT gen_random_uuid() AS id, t.id AS thread_id, t.n, t.patient_id, k,
        CASE WHEN k = 0 THEN t.started_by WHEN random() < 0.5 THEN 'patient' ELSE 'staff' END AS author,
        t.last_at - (t.c - 1 - k) * t.gap AS created_at,
        ${body} AS body
      FROM bench_plan t, generate_series(0, t.c - 1) k`,
    `ANALYZE bench_msgs`,
    `CREATE TEMP TABLE bench_last AS
      SELECT DISTINCT ON (thread_id) thread_id, author AS last_author, body AS last_body
      FROM bench_msgs ORDER BY thread_id, k DESC`,
    `ANALYZE bench_last`,
    // The trailing run: messages after the other side's last one (what can be unread).
    `CREATE TEMP TABLE bench_other AS
      SELECT m.thread_id, max(m.k) AS k_other FROM bench_msgs m
      JOIN bench_last l USING (thread_id) WHERE m.author <> l.last_author GROUP BY m.thread_id`,
    `ANALYZE bench_other`,
    `CREATE TEMP TABLE bench_thread AS
      SELECT t.*, l.last_author, btrim(regexp_replace(l.last_body, '\\s+', ' ', 'g')) AS flat,
        t.c - 1 - coalesce(o.k_other, -1) AS run,
        CASE
          WHEN l.last_author = 'staff' AND t.last_at < now() - interval '48 hours' THEN 'closed'
          WHEN l.last_author = 'staff' AND t.r_close < 0.05 THEN 'closed'
          WHEN l.last_author = 'patient' AND t.last_at < now() - interval '30 days' AND t.r_close < 0.9 THEN 'closed'
          WHEN l.last_author = 'patient' AND t.r_close < 0.15 THEN 'closed'
          WHEN l.last_author = 'staff' THEN 'waiting' ELSE 'open' END AS status
      FROM bench_plan t JOIN bench_last l ON l.thread_id = t.id
      LEFT JOIN bench_other o ON o.thread_id = t.id`,
    `ALTER TABLE bench_thread
      ADD COLUMN staff_unread int NOT NULL DEFAULT 0, ADD COLUMN patient_unread int NOT NULL DEFAULT 0`,
    `UPDATE bench_thread SET staff_unread = run
      WHERE last_author = 'patient' AND status <> 'closed' AND last_at > now() - interval '60 days'
        AND r_unread < 0.6`,
    `UPDATE bench_thread SET patient_unread = run
      WHERE last_author = 'staff' AND last_at > now() - interval '30 days' AND r_unread < 0.5`,
    `ANALYZE bench_thread`,
    `INSERT INTO message_threads (id, practice_id, patient_id, subject, topic, status, started_by,
        provider_id, location_id, assignee_staff_id, created_at, last_message_at, last_message_preview,
        last_message_author, staff_unread, patient_unread, closed_at, closed_by)
      SELECT t.id, ${pid}, t.patient_id, ${pick(subjects)},
        CASE WHEN t.started_by = 'patient' THEN ${pick(topics)} END,
        t.status, t.started_by, t.provider_id, t.location_id,
        CASE WHEN t.r_assign < 0.06 THEN s.id END,
        t.last_at - (t.c - 1) * t.gap, t.last_at, CASE WHEN char_length(t.flat) <= 140 THEN t.flat ELSE left(t.flat, 139) || '…' END, t.last_author,
        t.staff_unread, t.patient_unread,
        CASE WHEN t.status = 'closed' THEN least(now(), t.last_at + interval '48 hours') END,
        CASE WHEN t.status <> 'closed' THEN NULL
          WHEN t.last_author = 'staff' AND t.last_at < now() - interval '48 hours' THEN 'auto'
          ELSE 'staff' END
      FROM bench_thread t CROSS JOIN (SELECT count(*) AS n FROM bench_staff) sc
      JOIN bench_staff s ON s.rn = t.n % sc.n`,
    `INSERT INTO messages (id, practice_id, thread_id, author, staff_user_id, account_id, body, created_at, read_at)
      SELECT m.id, ${pid}, m.thread_id, m.author,
        CASE WHEN m.author = 'staff' THEN s.id END,
        CASE WHEN m.author = 'patient' THEN a.account_id END,
        m.body, m.created_at,
        CASE WHEN m.k >= t.c - t.run AND ((m.author = 'patient' AND t.staff_unread > 0)
            OR (m.author = 'staff' AND t.patient_unread > 0)) THEN NULL
          ELSE least(now(), m.created_at + interval '3 hours' * random()) END
      FROM bench_msgs m JOIN bench_thread t ON t.id = m.thread_id
      JOIN bench_accounts a ON a.patient_id = m.patient_id
      CROSS JOIN (SELECT count(*) AS n FROM bench_staff) sc
      JOIN bench_staff s ON s.rn = (m.n + m.k) % sc.n`,
  ];
}

/** Secondary indexes of the two big tables: dropped before the inserts, rebuilt after. */
export const bigTables = ['message_threads', 'messages'];
