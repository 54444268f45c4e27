/**
 * Bounds on what this package accepts from a server. Agilize answers a room update with the room
 * as a JSON object of a few kilobytes; a larger or deeper answer comes from a wrong Base URL, a
 * broken proxy or a hostile host, and is refused rather than held in n8n's memory and database.
 */

const MB = 1024 * 1024;

/** Decompressed bytes of an answer read at most, beyond what the request sent: hundreds of times a room's size. */
const BASE_RESPONSE_BYTES = 2 * MB;

/**
 * The answer is the room, so it may repeat every field the request set, its text escaped anew
 * (a two-byte character becomes a six-byte `\uXXXX`): a request's own large texts never make
 * Agilize's answer to it "too large".
 */
const ECHO_FACTOR = 4;

/** The most bytes read of the answer to a request whose JSON body has `requestBytes` bytes. */
export const responseLimit = (requestBytes = 0): number => BASE_RESPONSE_BYTES + ECHO_FACTOR * requestBytes;

/** A limit as users read it: "2 MB", "6.5 MB". */
export const sizeText = (bytes: number): string => `${Number((bytes / MB).toFixed(1))} MB`;

/** JSON nested deeper than this is not a room: recursive code (n8n's own included) could overflow on it. */
export const MAX_JSON_DEPTH = 1000;
