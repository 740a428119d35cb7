-- Accounts: people who may change data, their API tokens and browser sessions, and failed sign-ins
-- (for rate limiting). Anyone may read public data; writes need a session or a token with a role.
create table app_user (
  id bigint generated always as identity primary key,
  -- The sign-in name, lower case.
  name text not null unique check (name ~ '^[a-z0-9][a-z0-9._-]{1,62}$'),
  display_name text,
  -- argon2id, in the PHC string format; null when the account signs in only with tokens.
  password_hash text,
  role text not null check (role in ('viewer', 'editor', 'reviewer', 'admin')),
  created_at timestamptz not null default now(),
  disabled_at timestamptz
);

create table api_token (
  id bigint generated always as identity primary key,
  user_id bigint not null references app_user (id),
  name text not null,
  -- The first characters of the token, shown to tell tokens apart; the token itself is never stored.
  prefix text not null,
  token_hash text not null unique,
  -- What the token may do: the user's role or less.
  role text not null check (role in ('viewer', 'editor', 'reviewer', 'admin')),
  created_at timestamptz not null default now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);
create index api_token_user_idx on api_token (user_id);

create table user_session (
  -- sha256 of the cookie's value.
  id_hash text primary key,
  user_id bigint not null references app_user (id),
  -- Sent back by the browser in X-CSRF-Token with every write made with this session.
  csrf_token text not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index user_session_user_idx on user_session (user_id);

create table login_failure (
  -- 'name:<user>' or 'ip:<address>'
  key text not null,
  at timestamptz not null default now()
);
create index login_failure_idx on login_failure (key, at);
