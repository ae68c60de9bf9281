/** Test-only helpers (fixtures are built in the specs; nothing is read from disk). */

export const NOW = new Date('2025-06-15T12:00:00Z');

export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

/** The data as a stream of `size`-byte chunks (split anywhere, multi-byte characters included). */
export async function* chunks(data: string | Buffer, size: number): AsyncGenerator<Buffer> {
  const buf = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  for (let i = 0; i < buf.length; i += size) {
    await Promise.resolve();
    yield buf.subarray(i, i + size);
  }
}

/** Everything in one chunk. */
export function whole(data: string): AsyncGenerator<Buffer> {
  return chunks(data, Math.max(1, Buffer.byteLength(data)));
}
