import { createHash } from 'node:crypto';
import busboy from 'busboy';
import type { Request } from 'express';
import { fileTypeFromBuffer } from 'file-type';
import type { BlobRef } from '../../../domain/hub/receipts/events.js';
import { HttpError } from '../../errors.js';

/** The largest image or attachment taken (10 MB). */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
const ACCEPTED: readonly BlobRef['mediaType'][] = ['image/jpeg', 'image/png', 'application/pdf'];
/** Enough of a file's head for file-type to tell JPEG, PNG and PDF apart. */
const SNIFF_BYTES = 4100;

export interface UploadedFile {
  readonly bytes: Buffer;
  readonly filename: string | null;
  readonly mediaType: BlobRef['mediaType'];
  readonly digest: string;
}

export interface Upload {
  readonly file: UploadedFile;
  /** The text parts (at most 20, each ≤ 64 KB). */
  readonly fields: Readonly<Record<string, string>>;
}

const invalid = (field: string, message: string, code?: string) =>
  new HttpError('invalid_request', 'the upload is not accepted', [{ field, message, ...(code ? { code } : {}) }]);

/** The media type the bytes are (never the name or the Content-Type they came with): JPEG, PNG or PDF only. */
export async function sniff(bytes: Buffer): Promise<BlobRef['mediaType']> {
  if (bytes.length === 0) throw invalid('image', 'the file is empty', 'emptyFile');
  const type = await fileTypeFromBuffer(bytes.subarray(0, SNIFF_BYTES));
  const mime = type?.mime as BlobRef['mediaType'] | undefined;
  if (mime === undefined || !ACCEPTED.includes(mime))
    throw invalid('image', 'only JPEG, PNG or PDF files are taken (told by their bytes)', 'invalidFileType');
  return mime;
}

/**
 * Reads a multipart body as it streams in (busboy): the part `fileField` is kept up to 10 MB, and the request fails
 * with 413 as soon as it goes past (never read whole first); other file parts are drained and ignored. Malformed
 * bodies are 400, a missing file 422 with a detail.
 */
export function readUpload(req: Request, fileField: string): Promise<Upload> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        // busboy stops a file when it reaches the limit: one byte more lets exactly 10 MB through.
        limits: {
          fileSize: MAX_FILE_BYTES + 1,
          files: 5,
          fields: 20,
          fieldSize: 64 * 1024,
          parts: 30,
          headerPairs: 20,
        },
      });
    } catch {
      reject(new HttpError('unsupported_media_type', 'send the file as multipart/form-data with a boundary'));
      return;
    }
    const fields: Record<string, string> = {};
    const chunks: Buffer[] = [];
    const hash = createHash('sha256');
    let filename: string | null = null;
    let seen = false;
    let failed = false;
    const fail = (error: HttpError) => {
      if (failed) return;
      failed = true;
      req.unpipe(parser);
      // The rest of the body is read and dropped, so the answer reaches the client.
      req.resume();
      reject(error);
    };
    parser.on('file', (name, stream, info) => {
      // A cut body errors the part's stream too; the parser's own 'error' answers the request.
      stream.on('error', () => undefined);
      if (name !== fileField || seen) {
        stream.resume();
        return;
      }
      seen = true;
      filename = info.filename ? info.filename.slice(0, 255) : null;
      stream.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        hash.update(chunk);
      });
      stream.on('limit', () =>
        fail(
          new HttpError('payload_too_large', 'the file is larger than 10 MB', [
            { field: fileField, message: 'at most 10 MB', code: 'fileTooLarge' },
          ]),
        ),
      );
    });
    parser.on('field', (name, value, info) => {
      if (info.valueTruncated) fail(invalid(name, 'a text part is at most 64 KB'));
      else fields[name] = value;
    });
    for (const limit of ['partsLimit', 'filesLimit', 'fieldsLimit'] as const)
      parser.on(limit, () => fail(new HttpError('bad_request', 'the multipart body has too many parts')));
    parser.on('error', (error: unknown) =>
      fail(
        new HttpError(
          'bad_request',
          `the multipart body is malformed: ${String((error as Error).message ?? error).slice(0, 100)}`,
        ),
      ),
    );
    req.on('error', () => fail(new HttpError('bad_request', 'the body was cut short')));
    // A client that goes away mid-upload: drop what was read (nobody waits for the answer).
    req.on('close', () => {
      if (!req.complete) fail(new HttpError('bad_request', 'the body was cut short'));
    });
    parser.on('close', () => {
      if (failed) return;
      if (!seen) {
        fail(invalid(fileField, `a file part named ${fileField} is required`, 'missingFile'));
        return;
      }
      const bytes = Buffer.concat(chunks);
      sniff(bytes).then(
        (mediaType) => resolve({ file: { bytes, filename, mediaType, digest: hash.digest('hex') }, fields }),
        (error: HttpError) => fail(error),
      );
    });
    req.pipe(parser);
  });
}

/**
 * At most `budget` bytes of uploads (by their declared Content-Length) are read and stored at once; the others wait
 * with their bodies unread, held back by TCP, so twenty 10 MB uploads never sit in memory together.
 */
export function uploadBudget(budget: number) {
  let used = 0;
  const waiting: { weight: number; go: () => void }[] = [];
  const pump = () => {
    while (waiting.length > 0 && (used === 0 || used + waiting[0]!.weight <= budget)) {
      const next = waiting.shift()!;
      used += next.weight;
      next.go();
    }
  };
  return async <T>(req: Request, work: () => Promise<T>): Promise<T> => {
    const declared = Number(req.get('Content-Length') ?? MAX_FILE_BYTES);
    const weight = Math.min(Math.max(Number.isFinite(declared) ? declared : MAX_FILE_BYTES, 64 * 1024), budget);
    await new Promise<void>((go) => {
      waiting.push({ weight, go });
      pump();
    });
    try {
      return await work();
    } finally {
      used -= weight;
      pump();
    }
  };
}

/** The API process's budget: three 10 MB uploads, or thirty of 1 MB, at a time. */
export const uploads = uploadBudget(32 * 1024 * 1024);
