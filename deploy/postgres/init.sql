-- First-start initialisation of the shared PostgreSQL 16 instance (docker-compose.yml).
--
-- The postgres image runs files in /docker-entrypoint-initdb.d/ only when the data directory is
-- empty, as the superuser (POSTGRES_USER), through psql with ON_ERROR_STOP=1.
-- Passwords are read from the container environment with \getenv (psql 15+), so none is
-- written in this file:
--   DUBAN_DB_PASSWORD     role duban,    owner of database duban (Duban ledger and read models)
--   TEMPORAL_DB_PASSWORD  role temporal, owner of databases temporal and temporal_visibility
--
-- Changing a password later: ALTER ROLE ... PASSWORD ... by hand (this file does not run again).

\getenv duban_password DUBAN_DB_PASSWORD
\getenv temporal_password TEMPORAL_DB_PASSWORD

\if :{?duban_password}
\else
  \warn 'DUBAN_DB_PASSWORD is not set in the postgresql container environment'
  DO $$ BEGIN RAISE EXCEPTION 'DUBAN_DB_PASSWORD is not set'; END $$;
\endif

\if :{?temporal_password}
\else
  \warn 'TEMPORAL_DB_PASSWORD is not set in the postgresql container environment'
  DO $$ BEGIN RAISE EXCEPTION 'TEMPORAL_DB_PASSWORD is not set'; END $$;
\endif

-- Duban ----------------------------------------------------------------------------------------
CREATE ROLE duban LOGIN PASSWORD :'duban_password';
CREATE DATABASE duban OWNER duban ENCODING 'UTF8' TEMPLATE template0;
REVOKE ALL ON DATABASE duban FROM PUBLIC;
GRANT ALL ON DATABASE duban TO duban;

-- Temporal -------------------------------------------------------------------------------------
-- temporalio/auto-setup creates the schemas (temporal-sql-tool setup-schema / update-schema).
-- Its "create database" step tolerates existing databases; CREATEDB lets that step pass the
-- privilege check before it finds the database already there.
CREATE ROLE temporal LOGIN CREATEDB PASSWORD :'temporal_password';
CREATE DATABASE temporal OWNER temporal ENCODING 'UTF8' TEMPLATE template0;
CREATE DATABASE temporal_visibility OWNER temporal ENCODING 'UTF8' TEMPLATE template0;
REVOKE ALL ON DATABASE temporal FROM PUBLIC;
REVOKE ALL ON DATABASE temporal_visibility FROM PUBLIC;
GRANT ALL ON DATABASE temporal TO temporal;
GRANT ALL ON DATABASE temporal_visibility TO temporal;

-- The SQL (advanced) visibility schema for PostgreSQL 12+ needs btree_gin for its GIN indexes
-- on search attributes. It is a trusted extension, but creating it here as superuser removes
-- any dependency on the temporal role's privileges.
\connect temporal_visibility
CREATE EXTENSION IF NOT EXISTS btree_gin;
