import { describe, expect, it } from '@jest/globals';
import { receiverAnswerZh } from '../../../apps/console/src/areas/admin/receiver-answer-zh.js';

describe('what a webhook receiver answered, in Chinese for the administrator', () => {
  it('says why a connection failed, the code beside it', () => {
    expect(receiverAnswerZh(null, 'connection failed (ENOTFOUND)')).toBe(
      '无法连接接收地址：域名无法解析，请检查地址（ENOTFOUND）',
    );
    expect(receiverAnswerZh(null, 'connection failed (CERT_HAS_EXPIRED)')).toBe(
      '无法连接接收地址：对方的 HTTPS 证书已过期（CERT_HAS_EXPIRED）',
    );
    expect(receiverAnswerZh(null, 'connection failed (EPROTO)')).toBe('无法连接接收地址（EPROTO）');
  });

  it('says a silent receiver, a refused port and a status; any other cause is a failure in Chinese', () => {
    expect(receiverAnswerZh(null, 'no answer within 5000 ms')).toBe('接收方 5 秒内未应答');
    expect(receiverAnswerZh(null, 'port not allowed')).toMatch(/^接收地址的端口不允许使用/);
    expect(receiverAnswerZh(204, null)).toBe('已接收（HTTP 204）');
    expect(receiverAnswerZh(500, 'HTTP 500')).toBe('接收方应答 HTTP 500');
    expect(receiverAnswerZh(null, 'fetch failed')).toBe('投递失败（fetch failed）');
  });
});
