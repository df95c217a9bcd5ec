import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { ErrorKind } from '../../../contracts/src/errors.js';
import { AppConfig } from '../../../platform/src/config/app-config.js';
import { DubanError } from '../../../platform/src/errors/duban-error.js';
import { IdentityVault, type ReporterIdentity } from './identity-vault.js';
import { FileKeyEncryptionKeys, KEY_ENCRYPTION_KEYS, type KeyEncryptionKeys } from './key-encryption-keys.js';

/** The KEKs from COMPLAINT_KEY_FILE, checked at boot; null when none is configured. */
export const keyEncryptionKeysProvider = {
  provide: KEY_ENCRYPTION_KEYS,
  inject: [AppConfig],
  useFactory: (config: AppConfig): KeyEncryptionKeys | null =>
    config.COMPLAINT_KEY_FILE ? new FileKeyEncryptionKeys(config.COMPLAINT_KEY_FILE) : null,
};

const unavailable = () =>
  new DubanError(
    ErrorKind.Unavailable,
    'complaint.sealing-unavailable',
    'Reports cannot be taken now: no key to seal reporters’ identities is configured',
  );

interface SealedRow {
  complaint_id: string;
  key_id: string;
  wrapped_key: Buffer;
  ciphertext: Buffer;
}

/** Reporters' identities, sealed in complaint_identity; opened only by an approved reveal. */
@Injectable()
export class SealedIdentities {
  private readonly logger = new Logger('SealedIdentities');
  private readonly vault: IdentityVault | null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(KEY_ENCRYPTION_KEYS) keys: KeyEncryptionKeys | null,
  ) {
    this.vault = keys ? new IdentityVault(keys) : null;
  }

  /** Refuses intake before anything is written when nothing could be sealed. */
  requireSealing(): IdentityVault {
    if (!this.vault) throw unavailable();
    return this.vault;
  }

  async seal(tx: EntityManager, complaintId: string, identity: ReporterIdentity): Promise<void> {
    const sealed = this.requireSealing().seal(complaintId, identity);
    await tx.query(
      `INSERT INTO complaint_identity (complaint_id, key_id, wrapped_key, ciphertext) VALUES ($1, $2, $3, $4)`,
      [complaintId, sealed.keyId, sealed.wrappedKey, sealed.ciphertext],
    );
  }

  /** The identity, or null for an anonymous reporter who left none. Callers ledger the reveal first. */
  async open(complaintId: string): Promise<ReporterIdentity | null> {
    const [row]: SealedRow[] = await this.dataSource.query(
      `SELECT * FROM complaint_identity WHERE complaint_id = $1`,
      [complaintId],
    );
    if (!row) return null;
    return this.requireSealing().open(complaintId, {
      keyId: row.key_id,
      wrappedKey: row.wrapped_key,
      ciphertext: row.ciphertext,
    });
  }

  /**
   * Key rotation: re-wraps every data key not under the current KEK (identities are not re-encrypted).
   * Row by row, each in its own short transaction, so it can be stopped and run again.
   */
  async rewrapAll(): Promise<number> {
    const vault = this.requireSealing();
    let rewrapped = 0;
    for (;;) {
      const rows: SealedRow[] = await this.dataSource.query(
        `SELECT * FROM complaint_identity WHERE key_id <> $1 ORDER BY complaint_id LIMIT 100`,
        [vault.currentKeyId],
      );
      if (rows.length === 0) break;
      for (const row of rows) {
        const next = vault.rewrap({
          keyId: row.key_id,
          wrappedKey: row.wrapped_key,
          ciphertext: row.ciphertext,
        });
        await this.dataSource.query(
          `UPDATE complaint_identity SET key_id = $2, wrapped_key = $3, rewrapped_at = now()
           WHERE complaint_id = $1 AND key_id = $4`,
          [row.complaint_id, next.keyId, next.wrappedKey, row.key_id],
        );
        rewrapped++;
      }
    }
    this.logger.log(`re-wrapped ${rewrapped} data keys`);
    return rewrapped;
  }
}
