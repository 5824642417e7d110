import { btree_gin } from "@electric-sql/pglite/contrib/btree_gin";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";

/**
 * The PostgreSQL extensions the migrations create (`CREATE EXTENSION`): the
 * mailbox search's trigram index (pg_trgm) starts with the tenant (btree_gin).
 * Every embedded database must load them, or replaying the migrations fails.
 */
export const pgliteExtensions = { pg_trgm, btree_gin };
