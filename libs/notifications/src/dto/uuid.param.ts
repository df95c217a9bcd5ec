import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

/** The `{id}` of a notification or a webhook subscription. */
export class UuidParam {
  @ApiProperty({ example: '5b0d7c0e-8a4f-4b59-9a53-4f7f3f0e2c11', format: 'uuid' })
  @IsUUID()
  id: string;
}
