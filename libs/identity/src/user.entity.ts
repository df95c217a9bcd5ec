import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Role } from '../../contracts/src/identity.js';

@Entity({ name: 'app_user' })
export class UserEntity {
  @PrimaryColumn({ type: 'text' })
  id: string;

  @Column({ name: 'display_name', type: 'text' })
  displayName: string;

  @Column({ type: 'text' })
  role: Role;

  @Column({ name: 'unit_id', type: 'text' })
  unitId: string;

  @Column({ type: 'boolean', default: true })
  active: boolean;
}
