import type { BodyField, LeafField } from './types';

const text = (name: string, displayName: string, meaning: string): LeafField => ({
	kind: 'string',
	name,
	displayName,
	meaning,
});

const utmKeys: LeafField[] = [
	text('provider', 'Provider', 'Ad or traffic provider'),
	text('source', 'Source', 'Traffic source (utm_source)'),
	text('medium', 'Medium', 'Marketing medium (utm_medium)'),
	text('clickId', 'Click ID', 'Click identifier reported by the provider'),
	text('campaignId', 'Campaign ID', 'Campaign identifier'),
	text('campaign', 'Campaign', 'Campaign name (utm_campaign)'),
	text('groupId', 'Group ID', 'Ad group or ad set identifier'),
	text('group', 'Group', 'Ad group or ad set name'),
	text('creativeId', 'Creative ID', 'Ad creative identifier'),
	text('creative', 'Creative', 'Ad creative name'),
	text('content', 'Content', 'Ad content (utm_content)'),
	text('term', 'Term', 'Search term (utm_term)'),
	text('url', 'URL', 'Landing page URL'),
	text('ref', 'Ref', 'Referrer'),
];

const utmClickKeys: LeafField[] = [
	text('fbclid', 'Facebook Click ID', 'Facebook click identifier (fbclid)'),
	text(
		'ctwaClid',
		'Click to WhatsApp Click ID',
		'Click-to-WhatsApp ad click identifier (ctwa_clid)',
	),
	text('gclid', 'Google Click ID', 'Google Ads click identifier (gclid)'),
	text('gbraid', 'Google App Click ID', 'Google Ads click identifier for app campaigns (gbraid)'),
	text('wbraid', 'Google Web Click ID', 'Google Ads click identifier for web campaigns (wbraid)'),
	text('ttclid', 'TikTok Click ID', 'TikTok click identifier (ttclid)'),
];

/**
 * Every body field of PATCH /messenger/chat/room/{_id} (the 53 rows of the contract's table), in
 * the order of the API documentation.
 * The UI properties and the request body are both derived from this table.
 */
// A table, one line per field (adding a field is adding a line), so Prettier leaves it as it is.
// prettier-ignore
export const chatRoomFields: BodyField[] = [
	{ kind: 'string', name: 'guest', displayName: 'Guest', meaning: 'Guest of the room' },
	{ kind: 'stringList', name: 'users', displayName: 'Users', meaning: 'Users of the room' },
	{ kind: 'string', name: 'prefUser', displayName: 'Preferred User', meaning: 'Preferred user of the room' },
	{ kind: 'string', name: 'owner', displayName: 'Owner', meaning: 'Owner of the room' },
	{ kind: 'boolean', name: 'prefUserPendAttr', displayName: 'Preferred User Pending Attribution', meaning: 'Whether assigning the preferred user is pending' },
	{ kind: 'stringList', name: 'histUsers', displayName: 'User History', meaning: 'Users who have handled the room' },
	{ kind: 'stringList', name: 'tags', displayName: 'Tags', meaning: 'Tags of the room' },
	{ kind: 'stringList', name: 'conversationDetailTags', displayName: 'Conversation Detail Tags', meaning: 'Tags of the conversation details' },
	{ kind: 'string', name: 'department', displayName: 'Department', meaning: 'Department currently handling the room' },
	{ kind: 'string', name: 'contact', displayName: 'Contact', meaning: 'Contact linked to the room' },
	{ kind: 'string', name: 'tl', displayName: 'TL', meaning: 'Value of the room’s tl field' },
	{ kind: 'string', name: 'lastTl', displayName: 'Last TL', meaning: 'Value of the room’s lastTl field' },
	{ kind: 'string', name: 'currFlow', displayName: 'Current Flow', meaning: 'Flow the room is currently in' },
	{ kind: 'dateTime', name: 'currFlowDtLimit', displayName: 'Current Flow Date Limit', meaning: 'Date and time limit of the current flow' },
	{ kind: 'string', name: 'user', displayName: 'User', meaning: 'User currently assigned to the room' },
	{ kind: 'string', name: 'lead', displayName: 'Lead', meaning: 'Lead linked to the room' },
	{
		kind: 'object',
		name: 'info',
		displayName: 'Info',
		meaning: 'Name, phone and email of the room’s contact',
		keys: [
			text('name', 'Name', 'Contact name'),
			text('phone', 'Phone', 'Contact phone'),
			{ kind: 'string', name: 'email', displayName: 'Email', meaning: 'Contact email', placeholder: 'name@email.com' },
		],
	},
	{ kind: 'dateTime', name: 'lastEvent', displayName: 'Last Event', meaning: 'Date and time of the room’s last event' },
	{ kind: 'dateTime', name: 'createdAt', displayName: 'Created At', meaning: 'Date and time the room was created' },
	{ kind: 'boolean', name: 'lastFromUser', displayName: 'Last From User', meaning: 'Whether the last message came from a user' },
	{ kind: 'string', name: 'lastMsg', displayName: 'Last Message', meaning: 'Last message of the room' },
	{ kind: 'string', name: 'status', displayName: 'Status', meaning: 'Status of the room' },
	{ kind: 'string', name: 'currCase', displayName: 'Current Case', meaning: 'Case the room is currently linked to' },
	{ kind: 'json', name: 'triggers', displayName: 'Triggers', meaning: 'Free-form JSON object of triggers' },
	{
		kind: 'options',
		name: 'chSrc',
		displayName: 'Channel Source',
		meaning: 'Channel type of the room, sent as a number: 1 WhatsApp, 2 Facebook, 3 Instagram, 4 SMS',
		options: [
			{ name: 'WhatsApp', value: 1 },
			{ name: 'Facebook', value: 2 },
			{ name: 'Instagram', value: 3 },
			{ name: 'SMS', value: 4 },
		],
	},
	{ kind: 'json', name: 'chInfo', displayName: 'Channel Info', meaning: 'Free-form JSON object of channel information' },
	{ kind: 'json', name: 'highlightVars', displayName: 'Highlight Variables', meaning: 'Free-form JSON object of highlighted variables' },
	{ kind: 'number', name: 'botFlag', displayName: 'Bot Flag', meaning: 'Numeric bot flag of the room' },
	{ kind: 'string', name: 'srcId', displayName: 'Source ID', meaning: 'Identifier of the room’s source' },
	{ kind: 'string', name: 'chId', displayName: 'Channel ID', meaning: 'Main identifier of the room in its channel: on WhatsApp a phone number, or a BSUID when Channel ID Type is wa_user_id' },
	{
		kind: 'options',
		name: 'chIdType',
		displayName: 'Channel ID Type',
		meaning: 'Set only when Channel ID is not the channel’s legacy identifier (a WhatsApp room created by BSUID only)',
		options: [{ name: 'WhatsApp User ID (BSUID)', value: 'wa_user_id' }],
	},
	{ kind: 'string', name: 'chUserId', displayName: 'Channel User ID', meaning: 'WhatsApp user BSUID, when Meta provides it' },
	{ kind: 'string', name: 'chPhone', displayName: 'Channel Phone', meaning: 'Confirmed WhatsApp phone, when Meta provides it; keeps the link in BSUID-only rooms' },
	{ kind: 'string', name: 'chUsername', displayName: 'Channel Username', meaning: 'WhatsApp username, when Meta provides it' },
	{ kind: 'string', name: 'chIdPair', displayName: 'Channel ID Pair', meaning: 'Channel identity pair already reconciled automatically; on WhatsApp BSUID|phone' },
	{ kind: 'string', name: 'mergeTo', displayName: 'Merge To', meaning: 'Room this room was merged into' },
	{ kind: 'dateTime', name: 'mergeAt', displayName: 'Merge At', meaning: 'Date and time of the merge' },
	{ kind: 'object', name: 'utm', displayName: 'UTM', meaning: 'UTM attribution of the room', keys: utmKeys },
	{ kind: 'object', name: 'utmClick', displayName: 'UTM Click', meaning: 'Ad click identifiers of the room', keys: utmClickKeys },
	{ kind: 'boolean', name: 'chIsPending', displayName: 'Channel Is Pending', meaning: 'Set when the channel is waiting for a reply' },
	{ kind: 'dateTime', name: 'dtIsArchived', displayName: 'Archived At', meaning: 'Date and time the room was archived' },
	{ kind: 'dateTime', name: 'dtTransfer', displayName: 'Transferred At', meaning: 'Date and time the room was transferred' },
	{ kind: 'boolean', name: 'chIsArchived', displayName: 'Channel Is Archived', meaning: 'Set when the channel’s conversation is finished' },
	{ kind: 'boolean', name: 'isOutbound', displayName: 'Is Outbound', meaning: 'Room created for active (outbound) sending' },
	{ kind: 'boolean', name: 'waCoexTaken', displayName: 'WhatsApp Coexistence Taken', meaning: 'Room taken over through WhatsApp Coexistence (the WhatsApp app) before any user joined' },
	{ kind: 'boolean', name: 'isWaitingUser', displayName: 'Is Waiting User', meaning: 'Whether the room is waiting for a user' },
	{ kind: 'number', name: 'leadUserPendAttr', displayName: 'Lead User Pending Attribution', meaning: 'Numeric pending-attribution state of the lead’s user' },
	{ kind: 'number', name: 'contactUserPendAttr', displayName: 'Contact User Pending Attribution', meaning: 'Numeric pending-attribution state of the contact’s user' },
	{ kind: 'number', name: 'companyUserPendAttr', displayName: 'Company User Pending Attribution', meaning: 'Numeric pending-attribution state of the company’s user' },
	{ kind: 'json', name: '_integration', displayName: 'Integration', meaning: 'Free-form JSON object of integration data' },
	{ kind: 'string', name: 'transmissionList', displayName: 'Transmission List', meaning: 'Transmission (broadcast) list of the room' },
	{ kind: 'boolean', name: 'idleRulesDisabled', displayName: 'Idle Rules Disabled', meaning: 'Whether the room’s idle rules are disabled' },
	{
		kind: 'objectList',
		name: 'idleRules',
		displayName: 'Idle Rules',
		meaning: 'Idle rules of the room, sent as a list',
		entryName: 'rules',
		entryDisplayName: 'Rule',
		keys: [
			text('rule', 'Rule', 'Idle rule'),
			{ kind: 'dateTime', name: 'idleNextAt', displayName: 'Idle Next At', meaning: 'Date and time the rule next applies' },
			{ kind: 'number', name: 'idleStep', displayName: 'Idle Step', meaning: 'Step of the rule' },
		],
	},
];
