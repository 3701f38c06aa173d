-- drydock's ledger. Portable SQL: the same migration runs on SQLite and PostgreSQL.
-- Times are epoch milliseconds (UTC); digests are "algorithm:hex".

-- The audit log: append-only, each row carries the hash of the previous one (see AuditChain).
create table events (
  seq        bigint primary key,
  at_ms      bigint not null,
  actor      text   not null,
  reason     text,
  type       text   not null,
  digests    text   not null,
  body       text   not null,
  prev_hash  text   not null,
  hash       text   not null
);
create index events_type on events (type, at_ms);

-- One row: the last appended event, so appenders serialise on it (a row lock on PostgreSQL, the write lock on SQLite).
create table chain_head (
  id    bigint primary key,
  seq   bigint not null,
  hash  text   not null
);
insert into chain_head (id, seq, hash) values (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- What runs or is referenced where.
create table inventory (
  kind        text   not null,
  location    text   not null,
  image       text   not null,
  digest      text,
  service     text,
  host        text,
  tier        text,
  labels      text   not null,
  first_seen  bigint not null,
  last_seen   bigint not null,
  present     bigint not null,
  primary key (kind, location)
);
create index inventory_digest on inventory (digest);

-- Each image digest analysed once: its SBOM as JSON.
create table sboms (
  digest       text   primary key,
  image        text   not null,
  sbom         text   not null,
  analysed_ms  bigint not null
);

-- The packages of each stored SBOM, for `affected PACKAGE[@VERSION]`.
create table sbom_packages (
  digest   text not null,
  name     text not null,
  version  text not null,
  type     text not null
);
create index sbom_packages_name on sbom_packages (name, version);
create index sbom_packages_digest on sbom_packages (digest);

-- The current findings of each stored SBOM (the last match); rescans diff against it.
create table findings (
  digest    text   not null,
  id        text   not null,
  package   text   not null,
  version   text   not null,
  severity  text   not null,
  fixed     text   not null,
  aliases   text   not null,
  since_ms  bigint not null,
  primary key (digest, id, package, version)
);
create index findings_id on findings (id);
