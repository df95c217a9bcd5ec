import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 32 random bytes, URL-safe: session secrets, CSRF tokens and the secret part of access tokens. */
export const newSecret = (): string => randomBytes(32).toString('base64url');

/** How session and token secrets are stored and looked up. Unsalted is fine: they are random, not chosen. */
export const sha256Hex = (secret: string): string => createHash('sha256').update(secret).digest('hex');

export function sameSecret(a: string, b: string): boolean {
  const [x, y] = [Buffer.from(a), Buffer.from(b)];
  return x.length === y.length && timingSafeEqual(x, y);
}
