import { Writable } from 'node:stream';
import { createLogger, logRequest } from './logger';
import { requestContext, systemContext } from './request-context';

function capture(level: 'info' | 'warn' = 'info') {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const l of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(l) as Record<string, unknown>);
      done();
    },
  });
  return { log: createLogger({ logLevel: level }, stream), lines };
}

describe('access log', () => {
  it('logs method, path without the query string, status and time; never the query', () => {
    const { log, lines } = capture();
    logRequest(log, 'req-1', 'GET', '/api/v1/persons/search?q=Jane%20Doe&birthDate=1980-01-02', 200, Date.now() - 5);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 30, req: { id: 'req-1', method: 'GET', path: '/api/v1/persons/search' }, res: { statusCode: 200 }, msg: 'request completed' });
    expect(JSON.stringify(lines[0])).not.toMatch(/Jane|1980/);
  });

  it('logs server errors at error level, skips health probes, and respects the level', () => {
    const { log, lines } = capture();
    logRequest(log, 'r', 'POST', '/api/v1/cards', 500, Date.now());
    logRequest(log, 'r', 'GET', '/healthz', 200, Date.now());
    expect(lines.map((l) => [l['level'], l['msg']])).toEqual([[50, 'request errored']]);
    logRequest(log, 'r', 'GET', '/api/v1/persons/1', 200, Date.now(), true);
    expect(lines[1]).toMatchObject({ level: 40, msg: 'request aborted', aborted: true });
    const quiet = capture('warn');
    logRequest(quiet.log, 'r', 'GET', '/api/v1/auth/me', 200, Date.now());
    expect(quiet.lines).toEqual([]);
  });

  it('stamps every line written inside a request with its id, and redacts secrets in objects', () => {
    const { log, lines } = capture();
    requestContext.run(systemContext('ctx-42'), () => log.info({ user: { password: 'hunter2', name: 'x' } }, 'inside'));
    log.info('outside');
    expect(lines[0]).toMatchObject({ reqId: 'ctx-42', msg: 'inside', user: { name: 'x' } });
    expect(JSON.stringify(lines[0])).not.toContain('hunter2');
    expect(lines[1]).not.toHaveProperty('reqId');
  });
});
