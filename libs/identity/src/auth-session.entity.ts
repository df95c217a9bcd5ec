import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A console session. The cookie carries the secret; only its sha256 is stored, so a leaked table signs nobody in. */
@Entity({ name: 'auth_session' })
export class AuthSessionEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'secret_sha256', type: 'char', length: 64 })
  secretSha256: string;

  @Column({ name: 'csrf_token', type: 'text' })
  csrfToken: string;

  @Column({ name: 'user_id', type: 'text' })
  userId: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'last_seen_at', type: 'timestamptz' })
  lastSeenAt: Date;

  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt: Date | null;

  @Column({ name: 'end_reason', type: 'text', nullable: true })
  endReason: string | null;
}
