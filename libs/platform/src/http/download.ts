import { type Response } from 'express';

/** A download's file name: what it says in Chinese, and an ASCII one for clients that read no other. */
export interface DownloadName {
  /** 2023年第一季度通报-指标表.csv */
  name: string;
  /** TB-2023-Q1-1-indicators.csv */
  ascii: string;
}

/** Excel (a Chinese Windows) reads a CSV without a UTF-8 byte order mark as GBK: garbled Chinese. */
const UTF8_BOM = '\uFEFF';

/** What `filename="…"` may hold as it stands: printable ASCII without the quote and the backslash. */
const QUOTABLE = /^[\x20-\x21\x23-\x5b\x5d-\x7e]+$/;

/**
 * RFC 5987 `value-chars`: percent-encoded UTF-8, with what encodeURIComponent leaves alone but
 * attr-char does not allow (' ( ) *) encoded too.
 */
const rfc5987 = (text: string) =>
  encodeURIComponent(text).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * Content-Disposition of a download (RFC 6266): `filename` for every client, and, when the name is not
 * plain ASCII, `filename*` in UTF-8, which browsers prefer (Chromium, Edge, Firefox save it by it).
 */
export function attachmentDisposition({ name, ascii }: DownloadName): string {
  if (!QUOTABLE.test(ascii)) throw new Error(`not a quotable ASCII file name: ${JSON.stringify(ascii)}`);
  const fallback = `attachment; filename="${ascii}"`;
  return name === ascii ? fallback : `${fallback}; filename*=UTF-8''${rfc5987(name)}`;
}

/** Answers with a file to save rather than to show, under its name. */
export function offerAsFile(response: Response, name: DownloadName): void {
  response.setHeader('Content-Disposition', attachmentDisposition(name));
}

/**
 * A CSV as a download that Excel opens in Chinese: offered under its name, its text after a UTF-8 byte
 * order mark. Only what is sent carries the mark; stored (and hashed) documents stay as rendered.
 */
export function csvForExcel(response: Response, csv: string, name: DownloadName): string {
  offerAsFile(response, name);
  return UTF8_BOM + csv;
}

/** The OpenAPI description of the Content-Disposition header such a download answers with. */
export const DOWNLOAD_HEADERS = {
  'Content-Disposition': {
    description:
      'attachment, with an ASCII `filename` and, for a Chinese name, an RFC 5987 `filename*` (UTF-8)',
    schema: { type: 'string' as const },
  },
};
