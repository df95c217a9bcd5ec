import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { IdentityVault } from '../../../libs/complaints/src/sealing/identity-vault.js';
import { FileKeyEncryptionKeys } from '../../../libs/complaints/src/sealing/key-encryption-keys.js';

const dir = mkdtempSync(join(tmpdir(), 'duban-keys-'));
const key = () => randomBytes(32).toString('base64');
const keyFile = (name: string, content: unknown) => {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(content));
  return file;
};
const identity = { name: '张三', phone: '13800138000', idNumber: null, contact: '微信 zs' };

describe('sealing reporters’ identities (envelope encryption, AES-256-GCM)', () => {
  const k1 = key();
  const k2 = key();
  const before = new FileKeyEncryptionKeys(keyFile('before.json', { current: 'k1', keys: { k1 } }));
  const after = new FileKeyEncryptionKeys(keyFile('after.json', { current: 'k2', keys: { k1, k2 } }));
  const retired = new FileKeyEncryptionKeys(keyFile('retired.json', { current: 'k2', keys: { k2 } }));

  it('seals with a fresh data key per record, wrapped by the current key, and opens again', () => {
    const vault = new IdentityVault(before);
    const one = vault.seal('TJ-2026-000001', identity);
    const two = vault.seal('TJ-2026-000002', identity);
    expect(one.keyId).toBe('k1');
    expect(one.wrappedKey.equals(two.wrappedKey)).toBe(false);
    expect(one.ciphertext.toString('utf8')).not.toContain('13800138000');
    expect(vault.open('TJ-2026-000001', one)).toEqual(identity);
  });

  it('binds a ciphertext to its record: moved to another complaint it does not open', () => {
    const vault = new IdentityVault(before);
    const sealed = vault.seal('TJ-2026-000001', identity);
    expect(() => vault.open('TJ-2026-000002', sealed)).toThrow();
  });

  it('rotates by re-wrapping data keys under the new key; the old key can then be retired', () => {
    const sealed = new IdentityVault(before).seal('TJ-2026-000003', identity);
    const rewrapped = new IdentityVault(after).rewrap(sealed);
    expect(rewrapped.keyId).toBe('k2');
    expect(rewrapped.ciphertext.equals(sealed.ciphertext)).toBe(true);
    expect(new IdentityVault(retired).open('TJ-2026-000003', rewrapped)).toEqual(identity);
    // Without the re-wrap, retiring k1 would lose the record.
    expect(() => new IdentityVault(retired).open('TJ-2026-000003', sealed)).toThrow(/k1/);
    // Re-wrapping what already uses the current key changes nothing.
    expect(new IdentityVault(after).rewrap(rewrapped)).toBe(rewrapped);
  });

  it('refuses a key file at boot with every problem named', () => {
    expect(
      () => new FileKeyEncryptionKeys(keyFile('bad.json', { current: 'k9', keys: { k1: 'c2hvcnQ=' } })),
    ).toThrow(/key k1 must be base64 of exactly 32 bytes[\s\S]*current must name one of the keys/);
    expect(() => new FileKeyEncryptionKeys(join(dir, 'missing.json'))).toThrow(
      /Cannot read the complaint key file/,
    );
  });
});
