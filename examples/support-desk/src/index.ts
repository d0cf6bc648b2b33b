// `npm run demo` (or `npm start -w @inboxkit/example-support-desk`): the reference app on the
// in-memory store, or on Postgres with DATABASE_URL. Ports: PORT (agent UI, default 3000),
// SITE_PORT (demo site, 3001), SMTP_PORT (fallback-address receiver, 2525).
import { startSupportDesk } from './support-desk.js';

const port = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const desk = await startSupportDesk({
  port: port('PORT', 3000),
  sitePort: port('SITE_PORT', 3001),
  smtpPort: port('SMTP_PORT', 2525),
  databaseUrl: process.env.DATABASE_URL,
  log: (line) => console.log(`  ${line}`),
});
console.log(`
Support desk is running${process.env.DATABASE_URL ? ' on PostgreSQL' : ' on the in-memory store'} with ${desk.seeded ? 'freshly seeded' : 'the earlier run’s'} demo data.

  Agent inbox   ${desk.urls.agent}        (sign in as any agent: a demo, no passwords)
  Demo website  ${desk.urls.site}        (chat widget + contact forms)
  SMTP          ${desk.urls.smtp}        (mail for the inboxes' fallback addresses)
                  Support: ${desk.fallbackAddresses.support}
                  Sales:   ${desk.fallbackAddresses.sales}

Press Ctrl+C to stop.
`);
const stop = () => void desk.close().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
