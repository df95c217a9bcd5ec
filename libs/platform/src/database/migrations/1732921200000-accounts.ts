import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Real accounts (docs/decisions/0020-accounts-and-sign-in.md): people get a username, an argon2id
 * password hash, lockout counters and an optional OIDC subject; units get a parent and can be
 * deactivated; console sessions and personal access tokens are stored by the sha256 of their secret,
 * never the secret itself. The task force (专班) is a set of people drawn from any unit.
 */
export class Accounts1732921200000 implements MigrationInterface {
  name = 'Accounts1732921200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE app_user
        ADD COLUMN username              text,
        ADD COLUMN password_hash         text,
        ADD COLUMN must_change_password  boolean NOT NULL DEFAULT false,
        ADD COLUMN failed_sign_ins       integer NOT NULL DEFAULT 0,
        ADD COLUMN locked_until          timestamptz,
        ADD COLUMN oidc_subject          text UNIQUE,
        ADD COLUMN updated_at            timestamptz NOT NULL DEFAULT now()`);
    await db.query(`UPDATE app_user SET username = id`);
    await db.query(`ALTER TABLE app_user ALTER COLUMN username SET NOT NULL`);
    // Rows inserted without a username (reference data, fixtures written before accounts) sign in by id.
    await db.query(`
      CREATE FUNCTION app_user_username_defaults_to_id() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.username := coalesce(NEW.username, NEW.id);
        RETURN NEW;
      END $$`);
    await db.query(`
      CREATE TRIGGER app_user_username_default BEFORE INSERT ON app_user
      FOR EACH ROW EXECUTE FUNCTION app_user_username_defaults_to_id()`);
    await db.query(`CREATE UNIQUE INDEX app_user_username ON app_user (lower(username))`);
    await db.query(`
      ALTER TABLE unit
        ADD COLUMN parent_id   text REFERENCES unit(id),
        ADD COLUMN active      boolean NOT NULL DEFAULT true,
        ADD COLUMN updated_at  timestamptz NOT NULL DEFAULT now()`);
    await db.query(`
      CREATE TABLE auth_session (
        id             uuid PRIMARY KEY,
        secret_sha256  char(64) NOT NULL UNIQUE,
        csrf_token     text NOT NULL,
        user_id        text NOT NULL REFERENCES app_user(id),
        created_at     timestamptz NOT NULL,
        last_seen_at   timestamptz NOT NULL,
        ended_at       timestamptz,
        end_reason     text
      )`);
    await db.query(`CREATE INDEX auth_session_user ON auth_session (user_id) WHERE ended_at IS NULL`);
    await db.query(`
      CREATE TABLE access_token (
        id             uuid PRIMARY KEY,
        secret_sha256  char(64) NOT NULL UNIQUE,
        user_id        text NOT NULL REFERENCES app_user(id),
        name           text NOT NULL,
        created_at     timestamptz NOT NULL,
        created_by     text NOT NULL,
        last_used_at   timestamptz,
        revoked_at     timestamptz,
        revoked_by     text
      )`);
    await db.query(`CREATE INDEX access_token_user ON access_token (user_id)`);
    await db.query(`
      CREATE TABLE task_force_member (
        user_id    text PRIMARY KEY REFERENCES app_user(id),
        duty       text NOT NULL,
        added_at   timestamptz NOT NULL,
        added_by   text NOT NULL
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE task_force_member`);
    await db.query(`DROP TABLE access_token`);
    await db.query(`DROP TABLE auth_session`);
    await db.query(`ALTER TABLE unit DROP COLUMN updated_at, DROP COLUMN active, DROP COLUMN parent_id`);
    await db.query(`DROP INDEX app_user_username`);
    await db.query(`DROP TRIGGER app_user_username_default ON app_user`);
    await db.query(`DROP FUNCTION app_user_username_defaults_to_id()`);
    await db.query(`
      ALTER TABLE app_user
        DROP COLUMN updated_at, DROP COLUMN oidc_subject, DROP COLUMN locked_until,
        DROP COLUMN failed_sign_ins, DROP COLUMN must_change_password, DROP COLUMN password_hash,
        DROP COLUMN username`);
  }
}
