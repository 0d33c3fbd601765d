CREATE TABLE "activity_dirty" (
	"customer_id" bigint PRIMARY KEY NOT NULL
);
--> statement-breakpoint
CREATE TABLE "activity_meta" (
	"id" integer PRIMARY KEY NOT NULL,
	"timezone" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "customer_activity" (
	"customer_id" bigint PRIMARY KEY NOT NULL,
	"orders" "bytea",
	"categories" "bytea",
	"interactions" "bytea",
	"surveys" "bytea",
	"complaints" "bytea",
	"referrals" "bytea",
	"contacts_left" "bytea",
	"refreshed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
-- Rollup rows are read whole and often: keep them uncompressed (pglz costs more CPU than the I/O it saves).
ALTER TABLE "customer_activity" ALTER COLUMN "orders" SET STORAGE EXTERNAL, ALTER COLUMN "categories" SET STORAGE EXTERNAL, ALTER COLUMN "interactions" SET STORAGE EXTERNAL, ALTER COLUMN "surveys" SET STORAGE EXTERNAL, ALTER COLUMN "complaints" SET STORAGE EXTERNAL, ALTER COLUMN "referrals" SET STORAGE EXTERNAL, ALTER COLUMN "contacts_left" SET STORAGE EXTERNAL;
--> statement-breakpoint
-- Every statement that changes customer activity marks the touched customers dirty: one set-based
-- INSERT per statement through transition tables, so a 20M-row COPY costs one extra statement.
CREATE FUNCTION activity_mark_new() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO activity_dirty (customer_id) SELECT DISTINCT customer_id FROM new_rows ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION activity_mark_old() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO activity_dirty (customer_id) SELECT DISTINCT customer_id FROM old_rows ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION activity_mark_both() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO activity_dirty (customer_id)
    SELECT customer_id FROM new_rows UNION SELECT customer_id FROM old_rows ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER orders_activity_ins AFTER INSERT ON "orders" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION activity_mark_new();
--> statement-breakpoint
CREATE TRIGGER orders_activity_upd AFTER UPDATE ON "orders" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION activity_mark_both();
--> statement-breakpoint
CREATE TRIGGER orders_activity_del AFTER DELETE ON "orders" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION activity_mark_old();
--> statement-breakpoint
CREATE TRIGGER interactions_activity_ins AFTER INSERT ON "interactions" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION activity_mark_new();
--> statement-breakpoint
CREATE TRIGGER interactions_activity_upd AFTER UPDATE ON "interactions" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION activity_mark_both();
--> statement-breakpoint
CREATE TRIGGER interactions_activity_del AFTER DELETE ON "interactions" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION activity_mark_old();
--> statement-breakpoint
CREATE TRIGGER surveys_activity_ins AFTER INSERT ON "surveys" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION activity_mark_new();
--> statement-breakpoint
CREATE TRIGGER surveys_activity_upd AFTER UPDATE ON "surveys" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION activity_mark_both();
--> statement-breakpoint
CREATE TRIGGER surveys_activity_del AFTER DELETE ON "surveys" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION activity_mark_old();
--> statement-breakpoint
CREATE TRIGGER complaints_activity_ins AFTER INSERT ON "complaints" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION activity_mark_new();
--> statement-breakpoint
CREATE TRIGGER complaints_activity_upd AFTER UPDATE ON "complaints" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION activity_mark_both();
--> statement-breakpoint
CREATE TRIGGER complaints_activity_del AFTER DELETE ON "complaints" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION activity_mark_old();
--> statement-breakpoint
CREATE TRIGGER referrals_activity_ins AFTER INSERT ON "referrals" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION activity_mark_new();
--> statement-breakpoint
CREATE TRIGGER referrals_activity_upd AFTER UPDATE ON "referrals" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION activity_mark_both();
--> statement-breakpoint
CREATE TRIGGER referrals_activity_del AFTER DELETE ON "referrals" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION activity_mark_old();
--> statement-breakpoint
CREATE TRIGGER contacts_activity_ins AFTER INSERT ON "contacts" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION activity_mark_new();
--> statement-breakpoint
CREATE TRIGGER contacts_activity_upd AFTER UPDATE ON "contacts" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION activity_mark_both();
--> statement-breakpoint
CREATE TRIGGER contacts_activity_del AFTER DELETE ON "contacts" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION activity_mark_old();
--> statement-breakpoint
-- Databases that already hold data build their rollup on the next grading run.
INSERT INTO activity_dirty (customer_id) SELECT id FROM customers;
