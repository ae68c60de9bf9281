import { connect, type Socket } from 'node:net';

/**
 * A minimal HTTP/1.1 keep-alive GET client for the benchmarks: one request at a time per connection, like a
 * browser tab, with the request bytes written in one call and only the status line, Content-Length and body read
 * back. The load generator shares the machine's cores with the server and PostgreSQL; node:http's client costs
 * several times this per request, CPU that would be taken from the system being measured.
 */
export class LeanHttpClient {
  private readonly idle: Connection[] = [];
  private readonly all: Connection[] = [];

  constructor(private readonly port: number, private readonly cookie: string) {}

  async get(path: string): Promise<{ status: number; body: string }> {
    const conn = this.idle.pop() ?? (await this.open());
    try {
      const res = await conn.get(path, this.cookie);
      this.idle.push(conn);
      return res;
    } catch (err) {
      conn.close();
      throw err;
    }
  }

  close(): void {
    for (const c of this.all) c.close();
  }

  private async open(): Promise<Connection> {
    const c = await Connection.open(this.port);
    this.all.push(c);
    return c;
  }
}

class Connection {
  private buf: Buffer = Buffer.alloc(0);
  private pending: { resolve: (r: { status: number; body: string }) => void; reject: (e: Error) => void } | null = null;

  private constructor(private readonly socket: Socket) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', (err) => this.fail(err));
    socket.on('close', () => this.fail(new Error('connection closed')));
  }

  static open(port: number): Promise<Connection> {
    return new Promise((resolve, reject) => {
      const s = connect({ host: '127.0.0.1', port }, () => resolve(new Connection(s)));
      s.once('error', reject);
    });
  }

  get(path: string, cookie: string): Promise<{ status: number; body: string }> {
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      this.socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: ${cookie}\r\nAccept: application/json\r\nConnection: keep-alive\r\n\r\n`);
    });
  }

  close(): void {
    this.socket.destroy();
  }

  private onData(chunk: Buffer): void {
    this.buf = this.buf.length === 0 ? chunk : Buffer.concat([this.buf, chunk]);
    const end = this.buf.indexOf('\r\n\r\n');
    if (end < 0) return;
    const head = this.buf.subarray(0, end).toString('latin1');
    const status = Number(head.slice(9, 12));
    const m = /\r\ncontent-length:\s*(\d+)/i.exec(head);
    if (!m) return this.fail(new Error(`response without Content-Length (status ${status})`));
    const total = end + 4 + Number(m[1]);
    if (this.buf.length < total) return;
    const body = this.buf.subarray(end + 4, total).toString('utf8');
    this.buf = this.buf.subarray(total);
    const p = this.pending;
    this.pending = null;
    p?.resolve({ status, body });
  }

  private fail(err: Error): void {
    const p = this.pending;
    this.pending = null;
    p?.reject(err);
  }
}
