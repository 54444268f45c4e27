/** The path of one chat room below the Base URL, for its id encoded as a path segment. */
export const chatRoomPath = (segment: string): string => `/messenger/chat/room/${segment}`;
