import { describe, expect, it } from '@jest/globals';
import { JwtService } from '@nestjs/jwt';
import { generateKeyPairSync, KeyObject } from 'node:crypto';
import { jwtOptions } from '../../../libs/identity/src/identity.module.js';
import { ConfigError, type AppConfig } from '../../../libs/platform/src/config/app-config.js';

const base = { JWT_TTL: '8h' } as const;
const configOf = (keys: Partial<AppConfig>) => ({ ...base, ...keys }) as AppConfig;

describe('JWT keys, made once at boot', () => {
  it('signs and verifies with an HMAC secret held as a key object', async () => {
    const options = jwtOptions(configOf({ JWT_SECRET: 'a'.repeat(32) }));
    expect(options.secret).toBeInstanceOf(KeyObject);
    const jwt = new JwtService(options);
    const token = await jwt.signAsync({ role: 'handler' }, { subject: 'u1' });
    await expect(jwt.verifyAsync(token)).resolves.toMatchObject({ sub: 'u1', role: 'handler' });
    // A token signed with another secret is refused.
    const other = new JwtService(jwtOptions(configOf({ JWT_SECRET: 'b'.repeat(32) })));
    await expect(other.verifyAsync(token)).rejects.toThrow('invalid signature');
  });

  it('signs and verifies with an RSA key pair held as key objects', async () => {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const options = jwtOptions(
      configOf({
        JWT_PUBLIC_KEY: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
        JWT_PRIVATE_KEY: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      }),
    );
    expect(options.publicKey).toBeInstanceOf(KeyObject);
    const jwt = new JwtService(options);
    const token = await jwt.signAsync({ role: 'leader' }, { subject: 'u2' });
    await expect(jwt.verifyAsync(token)).resolves.toMatchObject({ sub: 'u2', role: 'leader' });
  });

  it('stops the boot with the setting named when a key is not PEM', () => {
    expect(() => jwtOptions(configOf({ JWT_PUBLIC_KEY: 'PEM' }))).toThrow(ConfigError);
    expect(() => jwtOptions(configOf({ JWT_PUBLIC_KEY: 'PEM' }))).toThrow(/JWT_PUBLIC_KEY: not a PEM key/);
  });
});
