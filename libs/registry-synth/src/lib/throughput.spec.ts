import { generateResidents } from './generate';

describe('throughput', () => {
  it('generates 50,000 residents with their immunizations quickly', () => {
    const n = 50_000;
    const start = process.hrtime.bigint();
    let doses = 0;
    for (const r of generateResidents({ seed: 8_000_000, count: n, startIndex: 1_500_000 })) doses += r.immunizations.length;
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    const rate = n / seconds;
    console.log(`registry-synth: ${n} residents + ${doses} immunizations in ${seconds.toFixed(2)} s = ${Math.round(rate)} persons/s (${(doses / n).toFixed(2)} immunizations/person)`);
    // A very loose floor so the test is not timing-flaky; the loader needs ~20,000/s on one core.
    expect(rate).toBeGreaterThan(5000);
  });
});
