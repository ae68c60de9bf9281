import type { Request } from 'express';
import { InspectCardTextDto } from '@tessera/contracts';
import { problem } from '../common/problem.filter';
import { validateBody } from '../common/validate-body';

/** Largest upload the inspector reads (an image of a QR, or a card file). */
export const MAX_INSPECTION_BYTES = 5 * 1024 * 1024;

/** Raw bodies accepted besides JSON: an image of the QR, a `.smart-health-card` file, or pasted text. */
const RAW_TYPES = ['application/octet-stream', 'image/png', 'image/jpeg', 'application/smart-health-card', 'text/plain'];

export type InspectionInput =
  | { kind: 'text'; text: string }
  | { kind: 'bytes'; bytes: Buffer; declaredImage: boolean };

/**
 * Reads the inspector's input: a JSON body `{ "text": … }` (already parsed by the JSON body parser, within its
 * limit), or a raw upload of at most 5 MB, counted while it streams in (a missing or false Content-Length does not
 * get past the cap).
 */
export async function readInspectionInput(req: Request): Promise<InspectionInput> {
  if (req.is('application/json')) return { kind: 'text', text: validateBody(InspectCardTextDto, req.body).text };
  const type = req.is(RAW_TYPES);
  if (!type) {
    throw problem(415, 'Unsupported Media Type',
      'Send JSON {"text": "…"} with a shc:/ text, a JWS or a .smart-health-card file, or upload a PNG/JPEG image or a file as the raw body.');
  }
  const declared = req.get('content-length');
  if (declared && /^\d+$/.test(declared) && Number(declared) > MAX_INSPECTION_BYTES) tooLarge(req);
  const chunks: Buffer[] = [];
  let seen = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    seen += chunk.length;
    if (seen > MAX_INSPECTION_BYTES) tooLarge(req);
    chunks.push(chunk);
  }
  if (seen === 0) throw problem(422, 'Empty upload', 'The upload is empty: send an image of the QR code or a card file.');
  const bytes = Buffer.concat(chunks, seen);
  return { kind: 'bytes', bytes, declaredImage: type === 'image/png' || type === 'image/jpeg' };
}

function tooLarge(req: Request): never {
  req.res?.setHeader('Connection', 'close'); // do not read the rest only to discard it
  throw problem(413, 'File too large', `The inspector reads files of at most 5 MB (${MAX_INSPECTION_BYTES} bytes). Crop the image to the QR code.`);
}
