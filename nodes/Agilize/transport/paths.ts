import { encodePathSegment } from './url';

/**
 * The path of one chat room: the one place that knows where rooms live in the API. The node's
 * Update and the credential test's probe both address a room, so it sits below both.
 */
export const roomPath = (roomId: string) => `/messenger/chat/room/${encodePathSegment(roomId)}`;
