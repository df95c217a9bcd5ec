/** How a chosen file's bytes were read as text. */
export type TextEncodingRead = 'utf-8' | 'gb18030';

/**
 * A chosen file's text. UTF-8 first (a byte order mark is dropped); a file that is not valid UTF-8 is
 * read as GB18030, which covers GBK: what Excel on a Chinese Windows writes when it saves "CSV (逗号分隔)".
 * Read as UTF-8, such a file turns every Chinese name into replacement characters.
 */
export function decodeTextFile(bytes: ArrayBuffer): { text: string; encoding: TextEncodingRead } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
  }
}
