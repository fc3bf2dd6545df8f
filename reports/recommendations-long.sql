-- usage-audit limit recommendations, for review. NOTHING HERE HAS BEEN EXECUTED.
-- Audit moment 2026-11-21T09:47:13+01:00 (Europe/Berlin); layout long, table "profiles".
-- Each statement changes a limit only if it still holds the value the audit read: a limit changed
-- since is left alone (0 rows). A changed limit does not reset the counter.
-- Assumed schema: "profiles"(user, scope, period, limit); NULL = the default.
-- 6 changes for 6 recommendations.
BEGIN;

-- fleetwise all/day revert_to_default: the custom 10,000 limit (profiles.csv:45) is not needed: peak demand 510 over the last 29 days (history since 2026-10-16) stays under 90% of the default 5,000; remove the custom value to return to the default
UPDATE "profiles" SET "limit" = NULL WHERE "user" = 'fleetwise' AND "scope" = 'all' AND "period" = 'day' AND "limit" = 10000;

-- j.weber all/day temporary_raise: one-off: demand 4,812 on 2026-11-20 (96% of the 5,000 limit) while the 26 days before the last 3 days stayed at or under 23 (≤ 50%); the job needs 4,812 × 1.15 = 5,534: 2× the default 5,000 = 10,000 covers it; set it back to 5,000 after the job
UPDATE "profiles" SET "limit" = 10000 WHERE "user" = 'j.weber' AND "scope" = 'all' AND "period" = 'day' AND ("limit" IS NULL OR "limit" = 5000);
-- after the job: UPDATE "profiles" SET "limit" = NULL WHERE "user" = 'j.weber' AND "scope" = 'all' AND "period" = 'day' AND "limit" = 10000;

-- mapco-staging all/day lower: the custom 2,000 limit (profiles.csv:101) is mostly unused: peak demand 40 over the last 29 days (history since 2026-10-16) is 2% of it (< 25%); 40 × 1.15 × 2 = 92, at least 100 → 100
UPDATE "profiles" SET "limit" = 100 WHERE "user" = 'mapco-staging' AND "scope" = 'all' AND "period" = 'day' AND "limit" = 2000;

-- routeplanner isolines/month raise: demand (served + refused) reached ≥ 90% of the 2,000 limit on 2 of the last 2 months; p95 5,077 a month; 5,077 × 1.15 = 5,839 → 6,000
UPDATE "profiles" SET "limit" = 6000 WHERE "user" = 'routeplanner' AND "scope" = 'isolines' AND "period" = 'month' AND ("limit" IS NULL OR "limit" = 2000);

-- taxi-zentrale all/day raise: demand (served + refused) reached ≥ 90% of the custom 50 limit (profiles.csv:133) on 29 of the last 29 days; p95 123 a day; 123 × 1.15 = 142 → 150
UPDATE "profiles" SET "limit" = 150 WHERE "user" = 'taxi-zentrale' AND "scope" = 'all' AND "period" = 'day' AND "limit" = 50;

-- tourismus-app isolines/month raise: demand (served + refused) reached ≥ 90% of the 2,000 limit on 2 of the last 2 months; p95 4,169 a month; 4,169 × 1.15 = 4,795 → 4,800
UPDATE "profiles" SET "limit" = 4800 WHERE "user" = 'tourismus-app' AND "scope" = 'isolines' AND "period" = 'month' AND ("limit" IS NULL OR "limit" = 2000);

COMMIT;
