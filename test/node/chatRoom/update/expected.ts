/** What the API must receive for every-field-type.workflow.json; used in-process and in real n8n. */
export const everyFieldTypeBody = {
	department: 'sales',
	user: 'user-7',
	users: ['u1', 'u2', 'u3'],
	tags: ['vip', 'lead'],
	chIsArchived: true,
	prefUserPendAttr: false,
	botFlag: 2,
	leadUserPendAttr: 3,
	chSrc: 1,
	chIdType: 'wa_user_id',
	lastEvent: '2026-11-25T12:30:00.000Z', // 09:30 in the workflow's timezone, São Paulo
	dtTransfer: '2026-11-25T12:00:00.250Z',
	mergeAt: '2026-11-25T01:00:00.000Z', // a Luxon DateTime from an expression
	info: { name: 'Maria', phone: '+5511999990000' },
	utm: { source: 'google', medium: 'cpc', campaign: 'black-friday' },
	utmClick: { ctwaClid: 'ctwa-1' },
	idleRules: [
		{ rule: 'remind', idleNextAt: '2026-11-26T11:00:00.000Z', idleStep: 1 },
		{ rule: 'close', idleStep: 2 },
	],
	triggers: { onIdle: 'close' },
	chInfo: { phone: '+5511999990000' },
};

export const everyFieldTypePath = '/messenger/chat/room/room%2042%2Fa';

export const severalItemsRequests = [
	['/messenger/chat/room/r1', { department: 'sales', tags: ['vip'], chIsArchived: false }],
	['/messenger/chat/room/r2', { department: 'support', tags: ['a', 'b'], chIsArchived: false }],
	['/messenger/chat/room/r3', { department: 'billing', chIsArchived: true }],
];
