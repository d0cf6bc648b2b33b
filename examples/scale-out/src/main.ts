// `DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm start -w @inboxkit/example-scale-out`
// Uses the schema `inboxkit_scale_out_demo` of that database (created if missing).
import { runScaleOut } from './scenario.js';

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  console.error('Set DATABASE_URL to a PostgreSQL server: two processes cannot share an in-process PGlite.');
  process.exit(1);
}
const report = await runScaleOut({ databaseUrl, schema: 'inboxkit_scale_out_demo' });
console.log(`${report.messages} messages, each delivered to both processes:`);
for (const [worker, { stored, duplicate }] of Object.entries(report.ingests)) console.log(`  process ${worker}: stored ${stored}, answered duplicate ${duplicate}`);
console.log(`${report.conversations} conversations, ${report.contacts} contacts`);
for (const [inbox, perAgent] of Object.entries(report.assignments)) console.log(`  ${inbox}: ${Object.entries(perAgent).map(([agent, n]) => `${agent} ${n}`).join(', ')}`);
for (const [worker, ids] of Object.entries(report.seen)) console.log(`process ${worker} saw ${ids.length} of the ${report.logEventIds.length} events committed by both`);
console.log(`a reply written in process a (${report.crossReply.deliveryStatus}) reached process b's kit.events: ${report.crossReply.seenByOther}`);
