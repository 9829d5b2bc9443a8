/**
 * The feed writes and reads only through SQL in its repositories and consumer (set-based,
 * multi-row statements), so it maps no entities: no entity metadata can drift from the tables
 * its migrations create.
 */
export const entities = [];
