import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Matches, Max, Min } from 'class-validator';
import { type FileRecord } from '../../../contracts/src/file-record.js';
import { RequiredText } from './text-fields.js';

/** The fields every file record shares, with one set of rules; contexts extend it with their own. */
export class FileRecordDto implements FileRecord {
  @RequiredText(255, { example: '检查笔录.pdf' })
  fileName: string;

  @ApiProperty({ example: 'application/pdf' })
  @Matches(/^[a-z0-9.+-]+\/[a-z0-9.+-]+$/i, {
    message: 'mediaType must be a media type such as application/pdf or image/jpeg',
  })
  mediaType: string;

  @ApiProperty({ example: 20480, description: 'Bytes, at most 1 GiB' })
  @IsInt()
  @Min(0)
  @Max(1024 ** 3)
  size: number;

  @ApiProperty({ example: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08' })
  @Matches(/^[0-9a-f]{64}$/, { message: 'sha256 must be 64 lowercase hex characters' })
  sha256: string;
}
