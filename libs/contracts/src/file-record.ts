/** A file a case refers to (evidence, a dossier document): described and fingerprinted, never stored inline. */
export interface FileRecord {
  fileName: string;
  mediaType: string;
  size: number;
  /** Hex sha256 of the file's bytes, so the record proves which file was meant. */
  sha256: string;
}
