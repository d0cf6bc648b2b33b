// Two real worker processes on one real PostgreSQL. PGlite runs inside one process and cannot
// be shared, so without DATABASE_URL this suite is skipped by name (CI sets it).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScaleOut, type ScaleOutReport } from './scenario.js';
import { createScratchDatabase, type ScratchDatabase } from './test-database.js';

const DATABASE_URL = process.env.DATABASE_URL;
const title = 'two processes on one PostgreSQL sharing inboxes';

(DATABASE_URL ? describe : describe.skip)(DATABASE_URL ? title : `${title}: skipped, DATABASE_URL is not set (two processes need a real PostgreSQL server to share)`, () => {
  let database: ScratchDatabase;
  let report: ScaleOutReport;
  beforeAll(async () => {
    database = await createScratchDatabase(DATABASE_URL!);
    report = await runScaleOut({ databaseUrl: database.url });
  }, 240_000);
  afterAll(() => database?.drop());

  it('both ingest every message; each is stored exactly once, the other ingest answers duplicate', () => {
    expect(report.conversations).toBe(report.messages);
    const { a, b } = report.ingests;
    expect(a!.stored + b!.stored).toBe(report.messages);
    expect(a!.duplicate + b!.duplicate).toBe(report.messages);
    expect(a!.stored > 0 && b!.stored > 0, `both processes stored some (a ${a!.stored}, b ${b!.stored})`).toBe(true);
    expect(report.contacts).toBe(10); // ten customers, one contact each, whichever process saw them first
  });

  it('round-robin routing stays fair across processes: every agent of an inbox gets the same share', () => {
    expect(report.assignments).toEqual({
      Sales: { Sam: 20, Sia: 20 },
      Support: { Ola: 20, Kari: 20, Nils: 20 },
    });
  });

  it("every process sees every event, its own and the other's, exactly once", () => {
    // Own commits are emitted at once and the other's arrive through the feed, so the two
    // streams interleave in arrival order; what must hold is that each event comes once.
    for (const [worker, seen] of Object.entries(report.seen)) {
      expect(seen, `events seen by ${worker}`).toHaveLength(report.logEventIds.length);
      expect([...seen].sort(), `events seen by ${worker}`).toEqual([...report.logEventIds].sort());
    }
  });

  it('a reply written in one process reaches the other through the feed', () => {
    expect(report.crossReply).toMatchObject({ deliveryStatus: 'sent', seenByOther: true });
  });
});
