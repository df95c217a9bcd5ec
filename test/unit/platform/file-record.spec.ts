import { describe, expect, it } from '@jest/globals';
import { fileNameProblem } from '../../../libs/platform/src/http/file-record.dto.js';

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
