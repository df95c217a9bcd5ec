import { describe, expect, it } from '@jest/globals';
import { type Response } from 'express';
import { attachmentDisposition, csvForExcel } from '../../../libs/platform/src/http/download.js';

describe('a download offered to an office PC', () => {
  it('names a Chinese file in UTF-8 (RFC 5987) beside an ASCII name for clients that read no other', () => {
    expect(
      attachmentDisposition({ name: '2023年第一季度通报-指标表.csv', ascii: 'TB-2023-Q1-1-indicators.csv' }),
    ).toBe(
      `attachment; filename="TB-2023-Q1-1-indicators.csv"; filename*=UTF-8''` +
        '2023%E5%B9%B4%E7%AC%AC%E4%B8%80%E5%AD%A3%E5%BA%A6%E9%80%9A%E6%8A%A5-%E6%8C%87%E6%A0%87%E8%A1%A8.csv',
    );
    // What decodes back is the name itself.
    const encoded = /filename\*=UTF-8''(.*)$/.exec(
      attachmentDisposition({ name: "通报（副本）'*.csv", ascii: 'copy.csv' }),
    )![1];
    expect(encoded).toMatch(/^[A-Za-z0-9%!#$&+\-.^_`|~]+$/);
    expect(decodeURIComponent(encoded)).toBe("通报（副本）'*.csv");
  });

  it('names an ASCII file once, and refuses an ASCII name a quoted string cannot hold as it is', () => {
    expect(
      attachmentDisposition({ name: 'RI-2026-000001.dossier.json', ascii: 'RI-2026-000001.dossier.json' }),
    ).toBe('attachment; filename="RI-2026-000001.dossier.json"');
    for (const ascii of ['a"b.csv', 'a\\b.csv', '指标.csv', 'a\r\nb.csv', ''])
      expect(() => attachmentDisposition({ name: '指标表.csv', ascii })).toThrow();
  });

  it('sends a CSV after a UTF-8 byte order mark, so that Excel reads its Chinese, under its name', () => {
    const headers: Record<string, string> = {};
    const response = { setHeader: (name: string, value: string) => (headers[name] = value) };
    const sent = csvForExcel(response as unknown as Response, 'name\r\n市场监管局\r\n', {
      name: '单位表.csv',
      ascii: 'units.csv',
    });
    expect([...Buffer.from(sent, 'utf8').subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(sent.slice(1)).toBe('name\r\n市场监管局\r\n');
    expect(headers['Content-Disposition']).toMatch(/^attachment; filename="units.csv"; filename\*=UTF-8''/);
  });
});
