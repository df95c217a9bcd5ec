import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Matches, Max, Min, ValidateBy } from 'class-validator';
import { type FileRecord } from '../../../contracts/src/file-record.js';
import { NestedArray } from './nested-fields.js';
import { stacked } from './query-decorators.js';
import { controlCharacterProblem, RequiredText, Trimmed } from './text-fields.js';

/**
 * What is wrong with a file's name beyond blank and length (the field rules'), or undefined. The record
 * names the file a person holds, never where it was kept: a path (`C:\案卷\告知书.pdf`, `../x`) says where
 * on someone's disk it was and would print as a path on every dossier and notice; `.` and `..` name no
 * file at all.
 */
export function fileNameProblem(name: string): string | undefined {
  const control = controlCharacterProblem(name);
  if (control) return control;
  if (/[/\\]/.test(name) || name === '.' || name === '..') {
    return 'must be the file’s own name, not a path (no / or \\, not . or ..)';
  }
  return undefined;
}

/**
 * What is wrong with a request's list of file records, or undefined: a sha256 given again with another
 * size. One content has one size, so one of the two records is mistyped or made up, and the case would
 * list one file under two sizes. Named by the later record, against the first. Elements that are no
 * record (their own rules refuse them) are passed over.
 */
export function fileSizesProblem(files: readonly unknown[]): string | undefined {
  const first = new Map<string, { index: number; fileName: unknown; size: number }>();
  for (const [index, file] of files.entries()) {
    const { fileName, size, sha256 } = (file ?? {}) as Partial<Record<keyof FileRecord, unknown>>;
    if (typeof sha256 !== 'string' || typeof size !== 'number') continue;
    const earlier = first.get(sha256);
    if (!earlier) first.set(sha256, { index, fileName, size });
    else if (earlier.size !== size) {
      return (
        `element ${index} (${String(fileName)}) has the sha256 of element ${earlier.index} ` +
        `(${String(earlier.fileName)}) but ${size} bytes, not ${earlier.size}: one file has one size`
      );
    }
  }
  return undefined;
}

/** What FileRecordList asks of a list, for its field's documentation. */
export const FILE_RECORD_LIST_NOTE =
  'a sha256 given twice must come with one size (400 naming the later file otherwise)';

/**
 * A request's list of file records of `type`, at most `maxItems`, each under FileRecordDto's rules and
 * one size for each sha256 (fileSizesProblem), refused as `<property> element …` naming the file.
 */
export function FileRecordList(type: () => new () => FileRecordDto, maxItems: number): PropertyDecorator {
  return stacked(
    NestedArray(type, maxItems),
    ValidateBy({
      name: 'oneSizePerSha256',
      validator: {
        validate: (value: unknown) => !Array.isArray(value) || fileSizesProblem(value) === undefined,
        defaultMessage: (args) => `${args?.property} ${fileSizesProblem(args?.value as unknown[])}`,
      },
    }),
  );
}

/** The fields every file record shares, with one set of rules; contexts extend it with their own. */
export class FileRecordDto implements FileRecord {
  @RequiredText(255, {
    example: '检查笔录.pdf',
    description:
      'The file’s own name, stored without white space before or after it: no path (/ or \\), not . or ' +
      '.., no control characters',
  })
  @Trimmed()
  @ValidateBy({
    name: 'isFileName',
    validator: {
      validate: (value: unknown) => typeof value !== 'string' || fileNameProblem(value) === undefined,
      defaultMessage: (args) => `${args?.property} ${fileNameProblem(String(args?.value))}`,
    },
  })
  fileName: string;

  @ApiProperty({ example: 'application/pdf' })
  @Matches(/^[a-z0-9.+-]+\/[a-z0-9.+-]+$/i, {
    message: 'mediaType must be a media type such as application/pdf or image/jpeg',
  })
  mediaType: string;

  @ApiProperty({
    example: 20480,
    minimum: 1,
    description: 'Bytes, 1 to 1 GiB: an empty file records nothing',
  })
  @IsInt()
  // A file of 0 bytes is no letter, report or photo: what a failed download or a wrong pick leaves.
  @Min(1, { message: 'size must be at least 1 byte: an empty file records nothing' })
  @Max(1024 ** 3)
  size: number;

  @ApiProperty({ example: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08' })
  @Matches(/^[0-9a-f]{64}$/, { message: 'sha256 must be 64 lowercase hex characters' })
  sha256: string;
}
