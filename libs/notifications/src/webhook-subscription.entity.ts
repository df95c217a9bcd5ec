import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'webhook_subscription' })
export class WebhookSubscriptionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  url: string;

  /** The HMAC key; it signs every delivery and is never returned by the API. */
  @Column({ type: 'text' })
  secret: string;

  @Column({ type: 'text', array: true })
  kinds: string[];

  @Column({ name: 'unit_id', type: 'text', nullable: true })
  unitId: string | null;

  @Column({ type: 'boolean' })
  active: boolean;

  @Column({ name: 'created_by', type: 'text' })
  createdBy: string;

  @Column({ name: 'created_at', type: 'timestamptz', insert: false })
  createdAt: Date;
}
