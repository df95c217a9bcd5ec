/** A file as the API records it: its name, type, size and sha256, never its bytes. */
export interface FileRecord {
  fileName: string;
  mediaType: string;
  size: number;
  sha256: string;
}

/**
 * SHA-256 of some bytes. Web Crypto exists only in a secure context (HTTPS, or this machine); a console
 * served over plain HTTP on the county's network has none, so the hash is computed in script there (an
 * audited library, loaded only then).
 */
async function sha256Of(bytes: ArrayBuffer): Promise<Uint8Array> {
  if (globalThis.crypto?.subtle) return new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  const { sha256 } = await import('@noble/hashes/sha2.js');
  return sha256(new Uint8Array(bytes));
}

/** The file's sha256, computed here: the API keeps the metadata and the hash, which proves the file. */
export async function describeFile(file: File): Promise<FileRecord> {
  const digest = await sha256Of(await file.arrayBuffer());
  const sha256 = Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
  return { fileName: file.name, mediaType: file.type || 'application/octet-stream', size: file.size, sha256 };
}
