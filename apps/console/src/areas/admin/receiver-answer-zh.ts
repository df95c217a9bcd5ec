/** Why a connection failed, by the code Node gives it, as an administrator can act on it. */
const CONNECTION_FAILURE_ZH: Record<string, string> = {
  ECONNREFUSED: '对方拒绝连接，该地址和端口上没有服务在运行',
  ENOTFOUND: '域名无法解析，请检查地址',
  EAI_AGAIN: '域名暂时无法解析，请检查本机的域名服务',
  ETIMEDOUT: '连接超时',
  UND_ERR_CONNECT_TIMEOUT: '连接超时',
  ECONNRESET: '连接被对方中断',
  UND_ERR_SOCKET: '连接被对方中断',
  EHOSTUNREACH: '网络不可达',
  ENETUNREACH: '网络不可达',
  CERT_HAS_EXPIRED: '对方的 HTTPS 证书已过期',
  DEPTH_ZERO_SELF_SIGNED_CERT: '对方的 HTTPS 证书为自签名证书，未获信任',
  SELF_SIGNED_CERT_IN_CHAIN: '对方的 HTTPS 证书链含自签名证书，未获信任',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: '无法校验对方的 HTTPS 证书',
  ERR_TLS_CERT_ALTNAME_INVALID: '对方的 HTTPS 证书与地址中的域名不符',
};

/**
 * What a receiver answered, in Chinese: its 2xx as taken, any other status, or why it was not reached
 * (the API's causes: `HTTP 500`, `connection failed (ECONNREFUSED)`, `no answer within 5000 ms`). The
 * code stays beside the words, for whoever looks after the receiving system.
 */
export function receiverAnswerZh(statusCode: number | null, error: string | null): string {
  const unreachable = error && /^connection failed \((.+)\)$/.exec(error);
  if (unreachable) {
    const why = CONNECTION_FAILURE_ZH[unreachable[1]];
    return `无法连接接收地址${why ? `：${why}` : ''}（${unreachable[1]}）`;
  }
  const silent = error && /^no answer within (\d+) ms$/.exec(error);
  if (silent) return `接收方 ${Number(silent[1]) / 1000} 秒内未应答`;
  if (error === 'port not allowed') return '接收地址的端口不允许使用（如 9、25、6000），请换用其他端口';
  if (statusCode !== null)
    return statusCode < 300 ? `已接收（HTTP ${statusCode}）` : `接收方应答 HTTP ${statusCode}`;
  return error ? `投递失败（${error}）` : '';
}
