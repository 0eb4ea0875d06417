CREATE TABLE api_tokens (
    id          uuid PRIMARY KEY,
    name        text NOT NULL UNIQUE,
    token_hash  text NOT NULL UNIQUE,
    inserted_at timestamptz NOT NULL DEFAULT now()
);
