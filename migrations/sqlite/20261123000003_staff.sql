-- Staff accounts of the agency workspace. The password is stored only as an Argon2id
-- hash (PHC string). Email is kept lower-cased and is the sign-in name. The role is a
-- code of model::Role; agency_id scopes every role but national_admin and oversight.
CREATE TABLE staff (
    id            INTEGER PRIMARY KEY,
    email         TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    role          TEXT NOT NULL,
    agency_id     BIGINT REFERENCES agencies (id),
    unit          TEXT,
    active        BIGINT NOT NULL DEFAULT 1,
    created_at    BIGINT NOT NULL
);
CREATE INDEX staff_agency_id ON staff (agency_id);
