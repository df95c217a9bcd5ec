import { randomBytes } from 'node:crypto';
import { gcmDecrypt, gcmEncrypt, type KeyEncryptionKeys } from './key-encryption-keys.js';

/** Who the reporter is. Only ever held sealed, or in the answer of an approved reveal. */
export interface ReporterIdentity {
  name: string | null;
  phone: string | null;
  idNumber: string | null;
  contact: string | null;
}

/** One record's envelope: its own data key, wrapped by a KEK, and the identity under that data key. */
export interface SealedIdentity {
  keyId: string;
  wrappedKey: Buffer;
  /** iv ‖ tag ‖ ciphertext, bound to the complaint id (as AAD) so it cannot be moved to another row. */
  ciphertext: Buffer;
}

/**
 * Envelope encryption (AES-256-GCM) of reporters' identities: a fresh data key per record, wrapped by
 * the current key-encryption key. Rotating the KEK re-wraps data keys only; the identities stay as they are.
 */
export class IdentityVault {
  constructor(private readonly keys: KeyEncryptionKeys) {}

  /** The KEK new envelopes are wrapped with; a rotation re-wraps every other one to it. */
  get currentKeyId(): string {
    return this.keys.currentKeyId;
  }

  seal(complaintId: string, identity: ReporterIdentity): SealedIdentity {
    const dataKey = randomBytes(32);
    try {
      const { keyId, wrapped } = this.keys.wrap(dataKey);
      const plain = Buffer.from(JSON.stringify(identity), 'utf8');
      return { keyId, wrappedKey: wrapped, ciphertext: gcmEncrypt(dataKey, plain, Buffer.from(complaintId)) };
    } finally {
      dataKey.fill(0);
    }
  }

  open(complaintId: string, sealed: SealedIdentity): ReporterIdentity {
    const dataKey = this.keys.unwrap({ keyId: sealed.keyId, wrapped: sealed.wrappedKey });
    try {
      return JSON.parse(
        gcmDecrypt(dataKey, sealed.ciphertext, Buffer.from(complaintId)).toString('utf8'),
      ) as ReporterIdentity;
    } finally {
      dataKey.fill(0);
    }
  }

  /** The same envelope with its data key wrapped by the current KEK (unchanged if it already is). */
  rewrap(sealed: SealedIdentity): SealedIdentity {
    if (sealed.keyId === this.keys.currentKeyId) return sealed;
    const dataKey = this.keys.unwrap({ keyId: sealed.keyId, wrapped: sealed.wrappedKey });
    try {
      const { keyId, wrapped } = this.keys.wrap(dataKey);
      return { ...sealed, keyId, wrappedKey: wrapped };
    } finally {
      dataKey.fill(0);
    }
  }
}
