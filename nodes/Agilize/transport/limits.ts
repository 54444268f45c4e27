/**
 * Bounds on what this package accepts from a server. Agilize answers a room update with the room
 * as a JSON object of a few kilobytes; a larger or deeper answer comes from a wrong Base URL, a
 * broken proxy or a hostile host, and is refused rather than held in n8n's memory and database.
 */

/** Decompressed bytes of one response read at most: hundreds of times a room's size. */
export const MAX_RESPONSE_BYTES = 2 * 1024 * 1024;

/** As users read it. */
export const MAX_RESPONSE_SIZE_TEXT = '2 MB';

/** JSON nested deeper than this is not a room: recursive code (n8n's own included) could overflow on it. */
export const MAX_JSON_DEPTH = 1000;
