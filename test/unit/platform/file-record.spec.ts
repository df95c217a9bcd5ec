import { describe, expect, it } from '@jest/globals';
import {
  FileRecordDto,
  fileNameProblem,
  fileSizesProblem,
} from '../../../libs/platform/src/http/file-record.dto.js';
import { DubanError, type FieldProblem } from '../../../libs/platform/src/errors/duban-error.js';
import { createValidationPipe } from '../../../libs/platform/src/errors/validation.js';
import { SubmitRectificationDto } from '../../../libs/risk-items/src/dto/risk-item-steps.dto.js';
import { DocumentsStepDto } from '../../../libs/referrals/src/dto/referral.dto.js';

describe('a file record’s name', () => {
  it('is the file’s own name, in any script, with dots and spaces', () => {
    for (const name of [
      '移送函.pdf',
      '检查笔录 2024-09-27.PDF',
      '.hidden',
      'a..b.jpg',
      'report.tar.gz',
      '…',
    ]) {
      expect(fileNameProblem(name)).toBeUndefined();
    }
  });

  it('is refused when it is a path, or . or ..: the record names the file, not where it was kept', () => {
    for (const name of ['C:\\案卷\\移送函.pdf', '/home/amr/移送函.pdf', '../移送函.pdf', 'a/b', '.', '..']) {
      expect(fileNameProblem(name)).toBe('must be the file’s own name, not a path (no / or \\, not . or ..)');
    }
  });

  it('is refused with a control character in it (a tab, a line break, DEL, a C1 control)', () => {
    for (const name of ['移送\t函.pdf', '移送函.pdf\n', 'a\u007fb', 'a\u0085b']) {
      expect(fileNameProblem(name)).toBe(
        'must not contain a control character (such as a tab or line break)',
      );
    }
  });
});

/** The problems the API's validation pipe answers for `body` as `metatype`, none when it is taken. */
async function problemsOf(metatype: new () => object, body: object): Promise<FieldProblem[]> {
  try {
    await createValidationPipe().transform(body, { type: 'body', metatype });
    return [];
  } catch (error) {
    if (error instanceof DubanError) return error.fields;
    throw error;
  }
}

/** What the pipe makes of `body` once it is taken. */
const taken = <T extends object>(metatype: new () => T, body: object): Promise<T> =>
  createValidationPipe().transform(body, { type: 'body', metatype }) as Promise<T>;

/** A file record as FileRecordDto takes it (a card's minutes); evidence adds its stage. */
const record = {
  fileName: '整改后照片.jpg',
  mediaType: 'image/jpeg',
  size: 482_113,
  sha256: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
};
const photo = { ...record, stage: 'after' };

describe('a file record as a request sends it', () => {
  it('keeps the name without white space before or after it, by every record (evidence, documents, minutes)', async () => {
    const padded = ' \u3000整改后照片.jpg \u00a0';
    const rectification = await taken(SubmitRectificationDto, {
      measures: '已整改',
      evidence: [{ ...photo, fileName: padded }],
    });
    expect(rectification.evidence[0]?.fileName).toBe('整改后照片.jpg');
    const minutes = await taken(FileRecordDto, { ...record, fileName: padded });
    expect(minutes.fileName).toBe('整改后照片.jpg');
    // Trimmed first, so a name of spaces alone is blank, and the limit counts what is stored.
    expect(await problemsOf(FileRecordDto, { ...record, fileName: '   ' })).toEqual([
      { path: 'fileName', message: 'fileName must not be blank' },
    ]);
    expect(await problemsOf(FileRecordDto, { ...record, fileName: ` ${'a'.repeat(255)} ` })).toEqual([]);
  });

  it('refuses a list giving one sha256 with two sizes, naming the later file against the first', async () => {
    const copy = { ...photo, fileName: '整改后照片-副本.jpg', size: 482_114 };
    const other = { ...photo, fileName: '整改前照片.jpg', sha256: 'a'.repeat(64), stage: 'before' };
    expect(
      await problemsOf(SubmitRectificationDto, { measures: '已整改', evidence: [photo, other, copy] }),
    ).toEqual([
      {
        path: 'evidence',
        message:
          'evidence element 2 (整改后照片-副本.jpg) has the sha256 of element 0 (整改后照片.jpg) but 482114 bytes, ' +
          'not 482113: one file has one size',
      },
    ]);
    // A referral step's documents alike.
    const letter = { ...record, kind: 'transfer-letter', fileName: '移送函.pdf' };
    expect(
      await problemsOf(DocumentsStepDto, {
        documents: [letter, { ...letter, fileName: ' 移送函(2).pdf', size: 1 }],
      }),
    ).toEqual([
      {
        path: 'documents',
        message:
          'documents element 1 (移送函(2).pdf) has the sha256 of element 0 (移送函.pdf) but 1 bytes, not 482113: ' +
          'one file has one size',
      },
    ]);
    // The same file listed twice with its one size is no contradiction; nor are two files.
    expect(
      await problemsOf(SubmitRectificationDto, {
        measures: '已整改',
        evidence: [photo, other, { ...photo }],
      }),
    ).toEqual([]);
  });

  it('finds the contradiction as a pure rule, passing over what is no record', () => {
    const sha256 = 'b'.repeat(64);
    expect(fileSizesProblem([])).toBeUndefined();
    expect(
      fileSizesProblem([null, 'x', { fileName: 'a', size: 1, sha256 }, { size: '2', sha256 }, { sha256 }]),
    ).toBeUndefined();
    expect(
      fileSizesProblem([{ fileName: 'a', size: 1, sha256 }, 7, { fileName: 'b', size: 2, sha256 }]),
    ).toBe('element 2 (b) has the sha256 of element 0 (a) but 2 bytes, not 1: one file has one size');
  });
});
