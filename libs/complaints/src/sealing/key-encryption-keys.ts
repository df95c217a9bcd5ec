import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** A data key wrapped by a key-encryption key, and which one. */
export interface WrappedKey {
  keyId: string;
  /** iv (12 bytes) ‖ GCM tag (16 bytes) ‖ encrypted data key. */
  wrapped: Buffer;
}

/**
 * The key-encryption keys (KEKs) that wrap each record's data key. A file today; a KMS-style provider
 * later implements the same three calls, so the vault never holds a KEK itself when one is used.
 */
export interface KeyEncryptionKeys {
  readonly currentKeyId: string;
  wrap(dataKey: Buffer): WrappedKey;
  unwrap(key: WrappedKey): Buffer;
}

export const KEY_ENCRYPTION_KEYS = Symbol('KEY_ENCRYPTION_KEYS');

const GCM_IV = 12;
const GCM_TAG = 16;
const AES_256_KEY = 32;

/** AES-256-GCM with the iv and tag packed in front of the ciphertext. */
export function gcmEncrypt(key: Buffer, plain: Buffer, aad: Buffer): Buffer {
  const iv = randomBytes(GCM_IV);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aad);
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

export function gcmDecrypt(key: Buffer, packed: Buffer, aad: Buffer): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, packed.subarray(0, GCM_IV));
  decipher.setAAD(aad);
  decipher.setAuthTag(packed.subarray(GCM_IV, GCM_IV + GCM_TAG));
  return Buffer.concat([decipher.update(packed.subarray(GCM_IV + GCM_TAG)), decipher.final()]);
}

/**
 * KEKs from a JSON file outside the database: `{"current": "k2", "keys": {"k1": "<base64 of 32 bytes>",
 * "k2": "…"}}`. Rotation: add a key, make it current, run the re-wrap (old keys stay until it is done).
 * Read and checked once at boot: a bad file stops the process with every problem named.
 */
export class FileKeyEncryptionKeys implements KeyEncryptionKeys {
  readonly currentKeyId: string;
  private readonly keys: Map<string, Buffer>;

  constructor(file: string) {
    const problems: string[] = [];
    let raw: { current?: unknown; keys?: unknown };
    try {
      raw = JSON.parse(readFileSync(file, 'utf8')) as typeof raw;
    } catch (err) {
      throw new Error(
        `Cannot read the complaint key file: ${err instanceof Error ? err.message : String(err)}`,
        {
          cause: err,
        },
      );
    }
    this.keys = new Map();
    const entries = raw.keys && typeof raw.keys === 'object' ? Object.entries(raw.keys) : [];
    if (entries.length === 0) problems.push('keys must name at least one key');
    for (const [id, value] of entries) {
      const key = typeof value === 'string' ? Buffer.from(value, 'base64') : Buffer.alloc(0);
      if (key.length !== AES_256_KEY) problems.push(`key ${id} must be base64 of exactly 32 bytes`);
      else this.keys.set(id, key);
    }
    if (typeof raw.current !== 'string' || !this.keys.has(raw.current)) {
      problems.push('current must name one of the keys');
    }
    if (problems.length > 0) throw new Error(`Invalid complaint key file:\n  - ${problems.join('\n  - ')}`);
    this.currentKeyId = raw.current as string;
  }

  wrap(dataKey: Buffer): WrappedKey {
    const keyId = this.currentKeyId;
    return { keyId, wrapped: gcmEncrypt(this.keys.get(keyId)!, dataKey, Buffer.from(keyId)) };
  }

  unwrap({ keyId, wrapped }: WrappedKey): Buffer {
    const kek = this.keys.get(keyId);
    if (!kek) throw new Error(`key ${keyId} is not in the complaint key file`);
    return gcmDecrypt(kek, wrapped, Buffer.from(keyId));
  }
}

/** A new key file with one random key, for local stacks and tests. */
export function newKeyFileContent(keyId = 'k1'): string {
  return JSON.stringify({ current: keyId, keys: { [keyId]: randomBytes(AES_256_KEY).toString('base64') } });
}
