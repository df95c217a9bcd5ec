/** A file as the API records it: its metadata and its sha256, which proves the file kept elsewhere. */
export interface FileRecord {
  fileName: string;
  mediaType: string;
  size: number;
  sha256: string;
}

/** The file's sha256, computed in the browser: the file itself is not sent. */
export async function describeFile(file: File): Promise<FileRecord> {
  const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
  const sha256 = Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
  return { fileName: file.name, mediaType: file.type || 'application/octet-stream', size: file.size, sha256 };
}
