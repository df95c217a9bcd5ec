import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { ComplaintCategory } from '../../../contracts/src/complaint.contracts.js';

/** Crockford's base32: no I, L, O or U, so a code read aloud or copied by hand survives. */
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function crockford(length: number): string {
  return Array.from({ length }, () => CROCKFORD[randomInt(CROCKFORD.length)]).join('');
}

/** A receipt code of 100 random bits (20 characters in five groups): unguessable, unlike the case number. */
export function newReceiptCode(): string {
  return (crockford(20).match(/.{4}/g) ?? []).join('-');
}

/** The follow-up secret: 256 random bits, shown once and stored only as a hash. */
export function newFollowUpSecret(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * SHA-256 is enough for a 256-bit random secret (no dictionary to try; a slow password hash would
 * only slow the public routes down).
 */
export function hashSecret(secret: string): Buffer {
  return createHash('sha256').update(secret, 'utf8').digest();
}

export function secretMatches(storedHash: Buffer, secret: string): boolean {
  const given = hashSecret(secret);
  return storedHash.length === given.length && timingSafeEqual(storedHash, given);
}

/**
 * A case worker's handle on the person who filed the case, 投诉人 of a complaint or 举报人 of a report:
 * random, so it says nothing about who it is.
 */
export function newPseudonym(category: ComplaintCategory): string {
  return `${category === ComplaintCategory.Complaint ? '投诉人' : '举报人'}-${crockford(6)}`;
}
