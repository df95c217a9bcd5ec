import { describe, expect, it } from '@jest/globals';
import { decodeTextFile } from '../../../apps/console/src/components/text-file.js';

const bytes = (values: number[]) => new Uint8Array(values).buffer;

describe('a text file chosen in the console (a list of units, a plan)', () => {
  it('reads UTF-8, with or without a byte order mark', () => {
    const utf8 = [...new TextEncoder().encode('乡镇,市场监管局')];
    expect(decodeTextFile(bytes(utf8))).toEqual({ text: '乡镇,市场监管局', encoding: 'utf-8' });
    expect(decodeTextFile(bytes([0xef, 0xbb, 0xbf, ...utf8]))).toEqual({
      text: '乡镇,市场监管局',
      encoding: 'utf-8',
    });
  });

  it('reads a CSV saved by Excel on a Chinese Windows (GBK) as what it says, not as replacement characters', () => {
    // 乡镇,市场监管局 in GBK.
    const gbk = [207, 231, 213, 242, 44, 202, 208, 179, 161, 188, 224, 185, 220, 190, 214];
    expect(decodeTextFile(bytes(gbk))).toEqual({ text: '乡镇,市场监管局', encoding: 'gb18030' });
  });
});
