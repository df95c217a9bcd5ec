/** A file as the API records it: its name, type, size and sha256, never its bytes. */
export interface FileRecord {
  fileName: string;
  mediaType: string;
  size: number;
  sha256: string;
}

/** The file's sha256, computed here: the API keeps the metadata and the hash, which proves the file. */
export async function describeFile(file: File): Promise<FileRecord> {
  const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
  const sha256 = Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
  return { fileName: file.name, mediaType: file.type || 'application/octet-stream', size: file.size, sha256 };
}
