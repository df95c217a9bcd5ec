import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';

export class DirectiveIdParam {
  @ApiProperty({ example: 'DB-2026-000001' })
  @Matches(/^DB-\d{4}-\d{6}$/, { message: 'id must look like DB-2026-000001' })
  id: string;
}
