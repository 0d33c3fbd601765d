-- Trigram index support for customer name search (ILIKE '%…%'), shipped with PostgreSQL's contrib.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
